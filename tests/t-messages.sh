#!/bin/sh
# t-messages.sh PLAQUETTE: messages for translators.  Each typical slip in
# a translated brochure gets its own message, in plain words, at the line
# and column where it is (computed here from the broken copy), naming the
# element and saying what to do; none shows libxml2's own wording.
set -u
. tests/lib.sh
bin=$1
scratch messages
src=data/brochure.xml

# broken NAME PYTHON-EXPR: writes $tmp/NAME.xml, the brochure with s
# replaced by the expression's value (s is the source text)
broken() {
	python3 - "$src" "$tmp/$1.xml" "$2" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t = eval(sys.argv[3])
assert t != s, "the change did nothing"
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
}

# pos FILE TEXT: "LINE:COL" of the first occurrence of TEXT (columns in characters)
pos() {
	python3 - "$1" "$2" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index(sys.argv[2])
print("%d:%d" % (s.count("\n", 0, i) + 1, i - (s.rfind("\n", 0, i) + 1) + 1))
PY
}

# says NAME WHERE PHRASE: check NAME.xml exits 1 with exactly one error,
# at WHERE, containing PHRASE (fixed string), without libxml2's words
says() {
	$bin check "$tmp/$1.xml" >/dev/null 2>"$tmp/$1.err"
	rc=$?
	check "$1: exit status 1" test $rc -eq 1
	check "$1: the message is at $2 and says: $3" sh -c "grep -F '$1.xml:$2: error: ' '$tmp/$1.err' | grep -qF -- \"\$0\"" "$3"
	check "$1: one message only" test "$(grep -c ': error: ' "$tmp/$1.err")" -eq 1
	check "$1: no libxml2 wording" sh -c "! grep -Eq 'xmlParse|EntityRef|StartTag|Relax-NG|failed to validate|Expecting' '$tmp/$1.err'"
}

# a bare &: "Elle & vise"
broken amp 's.replace("<p>Elle vise", "<p>Elle & vise", 1)'
says amp "$(pos "$tmp/amp.xml" '& vise')" "not well-formed XML: a bare & in the text; write &amp; for a printed &"

# "R&D": an & that starts no reference
broken amp-word 's.replace("<p>Elle vise", "<p>R&D vise", 1)'
says amp-word "$(pos "$tmp/amp-word.xml" '&D vise')" "a bare & in the text"

# &nbsp; is HTML, not XML
broken entity 's.replace("<p>Elle vise", "<p>Elle&nbsp;vise", 1)'
says entity "$(pos "$tmp/entity.xml" '&nbsp;')" "&nbsp; is not a character XML knows; type the character itself"

# a bare <
broken lt 's.replace("<p>Elle vise", "<p>Elle < vise", 1)'
says lt "$(pos "$tmp/lt.xml" '< vise')" "a bare < in the text; write &lt; for a printed <"

# an unclosed comment is reported where it opens, not at the end of the file
broken comment 's.replace("<city id=\"riga\">", "<!-- to translate\n    <city id=\"riga\">", 1)'
says comment "$(pos "$tmp/comment.xml" '<!-- to translate')" "the comment that opens here (<!--) is never closed (the next one opens at line"
broken comment-last 's[:s.rindex("</brochure>")] + "<!-- end\n" + s[s.rindex("</brochure>"):]'
says comment-last "$(pos "$tmp/comment-last.xml" '<!-- end')" "the comment that opens here (<!--) is never closed; end it with -->"

# a misspelled element: the closest name
broken misspelled 's.replace("<initiative>", "<initiatve>", 1).replace("</initiative>", "</initiatve>", 1)'
says misspelled "$(pos "$tmp/misspelled.xml" '<initiatve>')" "<initiatve> is not an element the schema brochure.rng defines: did you mean <initiative>?"

# unknown xml:lang values: the closest known languages
broken lang-name 're.sub(r"<p>", "<p xml:lang=\"español\">", s, count=1)'
says lang-name "$(pos "$tmp/lang-name.xml" '<p xml:lang')" 'xml:lang="español" on <p> is not a language tag plaquette knows; did you mean es (español, Spanish)?'
broken lang-locale 're.sub(r"<p>", "<p xml:lang=\"fr_FR\">", s, count=1)'
says lang-locale "$(pos "$tmp/lang-locale.xml" '<p xml:lang')" 'xml:lang="fr_FR" on <p> is not a language tag plaquette knows; did you mean fr-FR (français, French)?'
broken lang-word 's.replace("xml:lang=\"fr\"", "xml:lang=\"francais\"", 1)'
says lang-word "$(pos "$tmp/lang-word.xml" '<brochure')" 'xml:lang="francais" on <brochure> is not a language tag plaquette knows; did you mean fr (français, French)'

# empty required text: a section title, a city name
broken empty-title 're.sub(r"(<section id=\"villes\"[^>]*>\s*<title>).*?(</title>)", r"\1\2", s, count=1)'
says empty-title "$(pos "$tmp/empty-title.xml" '<title></title>')" "<title> holds no text: write its text"
broken empty-name 're.sub(r"(<city id=\"riga\">\s*<name>)[^<]*(</name>)", r"\1  \2", s, count=1)'
says empty-name "$(pos "$tmp/empty-name.xml" '<name>  </name>')" "<name> holds no text: write its text"

# a missing required child is named
broken no-member 're.sub(r"(<city id=\"riga\">.*?)<member-since>[^<]*</member-since>", r"\1", s, count=1, flags=re.S)'
line=$(grep -n '<city id="riga">' "$tmp/no-member.xml" | cut -d: -f1)
says no-member "$(pos "$tmp/no-member.xml" '<city id="riga">')" "<city> (line $line) has no <member-since>: add it; a <city> holds, in order: name, country, initiative, "

# mis-nested inline markup
broken nesting 's.replace("<p>Elle vise", "<p><em>Elle <strong>vise</em></strong>", 1)'
says nesting "$(pos "$tmp/nesting.xml" '</em></strong>')" "</em> here, but <strong> (opened at line"

# a translated attribute value: the allowed values, the closest one
broken attr-kind 's.replace("kind=\"partners\"", "kind=\"partenaires\"", 1)'
says attr-kind "$(pos "$tmp/attr-kind.xml" 'kind="partenaires"' | sed 's/:.*//'):$(python3 -c "import sys; l=open(sys.argv[1],encoding='utf-8').read().split(chr(10)); n=[i for i,x in enumerate(l) if 'partenaires\"' in x][0]; print(l[n].index('<field')+1)" "$tmp/attr-kind.xml")" 'kind="partenaires" on <field> is not allowed: "local-authorities", "organisations", "national-forums", "partners", "specialists"; attribute values are never translated (did you mean "partners"?)'
broken attr-toc 're.sub(r"(<section id=\"villes\"[^>]*?) toc=\"1\"", lambda m: m.group(1) + " toc=\"un\"", s, count=1)'
says attr-toc "$(pos "$tmp/attr-toc.xml" '<section id="villes"')" 'toc="un" on <section> is not allowed: "1", "2", "none"; attribute values are never translated'
# a translated label name: every name a <label> may take (one schema
# definition each), the closest one
broken attr-label 's.replace("<label name=\"continued\">", "<label name=\"suite\">", 1)'
says attr-label "$(pos "$tmp/attr-label.xml" '<label name="suite">')" 'name="suite" on <label> is not allowed: "page", "support", "projects", "member-since", "continued"'
# a picture's file name with a space (as cameras and phones name them): what to do
broken src-space 's.replace("<member-since>2016</member-since>", "<member-since>2016</member-since>", 1).replace("</initiative>\n      <p>", "</initiative>\n      <image src=\"plaza mayor.png\" alt=\"La plaza\"/>\n      <p>", 1)'
says src-space "$(pos "$tmp/src-space.xml" '<image src=')" 'src="plaza mayor.png" on <image> is not allowed: a file name with no space in it, relative to the XML'"'"'s folder: rename the file'
broken src-space-figure 's.replace("</p>\n        <field label=\"Collectivités territoriales\" kind=\"local-authorities\">Amsterdam", "</p>\n        <figure>\n          <image src=\"plaza mayor.png\" alt=\"La plaza\"/>\n          <caption>La plaza</caption>\n          <credit>Photo : Efus</credit>\n        </figure>\n        <field label=\"Collectivités territoriales\" kind=\"local-authorities\">Amsterdam", 1)'
says src-space-figure "$(pos "$tmp/src-space-figure.xml" '<image src=')" 'src="plaza mayor.png" on <image> is not allowed: a file name with no space in it'
broken attr-unknown 's.replace("<section id=\"villes\"", "<section id=\"villes\" titre=\"x\"", 1)'
says attr-unknown "$(pos "$tmp/attr-unknown.xml" '<section id="villes"')" "<section> does not take the attribute titre=; it takes: id, "
# ... and a mistyped one names the attribute it was meant to be
broken attr-typo 's.replace("<section id=\"villes\" class=\"cities\"", "<section id=\"villes\" clas=\"cities\"", 1)'
says attr-typo "$(pos "$tmp/attr-typo.xml" '<section id="villes"')" "<section> does not take the attribute clas= (did you mean class=?); it takes: id, class, "

# a value the schema types: an id, a year, with the schema's own words
broken attr-id 's.replace("<city id=\"riga\">", "<city id=\"Riga\">", 1)'
says attr-id "$(pos "$tmp/attr-id.xml" '<city id="Riga">')" 'id="Riga" on <city> is not allowed: an id is lower-case letters (a-z, no accent), digits and hyphens'
broken member-text 're.sub(r"<member-since>(\d+)", r"<member-since>depuis \1", s, count=1)'
says member-text "$(pos "$tmp/member-text.xml" '<member-since>depuis')" '</member-since> is not allowed: the year the city joined, four digits'

# a duplicated id, a wrong reference (checks beyond the schema)
broken dup-id 's.replace("<city id=\"solna\">", "<city id=\"riga\">", 1)'
says dup-id "$(grep -n '<city id="riga">' "$tmp/dup-id.xml" | sed -n 2p | cut -d: -f1)" "the id \"riga\" is used twice (first at line $(grep -n '<city id="riga">' "$tmp/dup-id.xml" | sed -n 1p | cut -d: -f1)): ids are never translated; give one of them another id"
broken bad-ref 's.replace("<ref project=\"bounce\"", "<ref project=\"rebond\"", 1)'
says bad-ref "$(grep -n 'project="rebond"' "$tmp/bad-ref.xml" | cut -d: -f1)" "<ref> refers to project \"rebond\", which no <project id=\"rebond\"> defines: use the id of a project"

# the brochure itself has none of these
check "the brochure has no error" $bin check "$src"
finish messages
