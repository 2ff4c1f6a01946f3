# lib.sh: the helpers every shell test script shares (sourced).
# Each check prints "ok - what" or "not ok - what"; finish prints the
# script's "NAME: N passed, M failed" and sets the exit status.
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# take_bin NAME BINARY: $bin, the plaquette binary as an absolute path (the
# script may change folder), and PLAQUETTE_HOME exported (this folder unless
# set); without BINARY, the usage of tests/NAME.sh and exit 2.
take_bin() {
	[ -n "${2:-}" ] || { echo "usage: sh tests/$1.sh PLAQUETTE_BINARY" >&2; exit 2; }
	case $2 in /*) bin=$2 ;; *) bin=$PWD/$2 ;; esac
	PLAQUETTE_HOME=${PLAQUETTE_HOME:-$PWD}
	export PLAQUETTE_HOME
}

# scratch NAME: $tmp, a new folder plaquette-NAME.XXXXXX in $TMPDIR (or
# /tmp), removed when the script exits unless KEEP is set; exit 3 when
# none can be made.
scratch() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/plaquette-$1.XXXXXX") || exit 3
	[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
}

# mkimg NAME: $mk, tests/mkimg.c built into $tmp (it draws the test
# pictures); when it does not build, the script NAME fails and exits.
mkimg() {
	mk=$tmp/mkimg
	cc -std=c11 -o "$mk" tests/mkimg.c $(pkg-config --cflags --libs cairo libjpeg) || {
		not_ok "tests/mkimg.c builds"
		finish "$1"
		exit 1
	}
}

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

# brochure FILE TITLE SECTIONS: a French brochure titled TITLE holding
# SECTIONS (lines of XML), with the metadata and the labels every brochure
# needs; SECTIONS starts on the file's 18th line.
brochure() {
	cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<brochure xml:lang="fr" version="1">
  <meta>
    <title>$2</title>
    <author>Test</author>
    <publisher>Test</publisher>
    <date>2019-02</date>
    <subject>$2</subject>
    <keywords>test</keywords>
    <labels>
      <label name="page">p.</label>
      <label name="support">Accompagnements</label>
      <label name="projects">Projets</label>
      <label name="member-since">Membre depuis</label>
      <label name="continued">suite</label>
    </labels>
  </meta>
$3
</brochure>
EOF
}

# one_section_doc FILE TITLE BODY: a one-section brochure titled TITLE whose
# section holds BODY (lines of XML).
one_section_doc() {
	brochure "$1" "$2" "  <section id=\"s\" toc=\"1\">
    <title>$2</title>
$3
  </section>"
}

finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
