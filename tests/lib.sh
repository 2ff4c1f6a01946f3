# lib.sh: the helpers every shell test script shares (sourced).
# Each check prints "ok - what" or "not ok - what"; finish prints the
# script's "NAME: N passed, M failed" and sets the exit status.
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# check DESCRIPTION COMMAND...: ok when the command succeeds; its output is
# shown only on failure.
check() {
	what=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$out" | sed 's/^/    /' | head -20
	fi
}

# one_section_doc FILE TITLE BODY: a one-section French brochure titled TITLE
# whose section holds BODY (lines of XML), with the labels every brochure needs.
one_section_doc() {
	cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<brochure xml:lang="fr" version="1">
  <meta>
    <title>$2</title>
    <author>Efus</author>
    <publisher>Efus</publisher>
    <date>2019-02</date>
    <subject>Cas de test</subject>
    <keywords>test</keywords>
    <labels>
      <label name="page">p.</label>
      <label name="support">Accompagnements de l'Efus</label>
      <label name="projects">Participation à des projets européens</label>
      <label name="member-since">Membre de l'Efus depuis</label>
      <label name="continued">suite</label>
    </labels>
  </meta>
  <section id="s" toc="1">
    <title>$2</title>
$3
  </section>
</brochure>
EOF
}

finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
