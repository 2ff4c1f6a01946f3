#!/bin/sh
# t-roles.sh PLAQUETTE: the layout comes from the style sheet's roles and a
# section's class, never from ids.  A sister brochure whose sections carry
# other ids but the same classes lays out exactly like the original (the
# dumps compared, ids mapped back); without its classes it does not; a
# style named after a section id is reported as matching nothing.
set -u
. tests/lib.sh
bin=$1
scratch roles

# A dump or a message list with the ids of the sister edition mapped back
# to the original's, and its folder (1/, 2/ or 3/: digits have one width) left out.
normal() {
	sed -e 's/sister-one/villes/g; s/sister-two/projets/g; s/sister-three/manifeste/g' \
	    -e 's/sister-four/services/g; s/sister-five/apropos/g' -e "s|$tmp/[123]/|DIR/|g" "$1"
}

sister() { # sister SOURCE OUT: every top section's id changed, same lines
	sed -e 's/<section id="villes"/<section id="sister-one"/' \
	    -e 's/<section id="projets"/<section id="sister-two"/' \
	    -e 's/<section id="manifeste"/<section id="sister-three"/' \
	    -e 's/<section id="services"/<section id="sister-four"/' \
	    -e 's/<section id="apropos"/<section id="sister-five"/' "$1" >"$2"
}

mkdir "$tmp/1" "$tmp/2" "$tmp/3"
for ed in brochure brochure.en; do
	cp "data/$ed.xml" "$tmp/1/$ed.xml"
	sister "data/$ed.xml" "$tmp/2/$ed.xml"
	check "$ed: the sister edition has other section ids" sh -c \
		"! grep -q '<section id=\"villes\"' '$tmp/2/$ed.xml' && grep -q 'sister-one' '$tmp/2/$ed.xml'"
	for d in 1 2; do
		$bin build "$tmp/$d/$ed.xml" -o "$tmp/$d/$ed.pdf" --dump-layout "$tmp/$d/$ed.dump" \
			2>"$tmp/$d/$ed.err"
		normal "$tmp/$d/$ed.dump" >"$tmp/$d.dump"
		normal "$tmp/$d/$ed.err" >"$tmp/$d.err"
	done
	check "$ed: the sister edition lays out exactly like the original (same dump)" \
		diff -u "$tmp/1.dump" "$tmp/2.dump"
	check "$ed: the sister edition prints the same messages" diff -u "$tmp/1.err" "$tmp/2.err"
	check "$ed: 16 pages" sh -c "pdfinfo '$tmp/2/$ed.pdf' | grep -q '^Pages: *16$'"
	# the same without classes: the layout must change (the test can fail)
	sed 's/ class="[a-z-]*"//' "$tmp/2/$ed.xml" >"$tmp/3/$ed.xml"
	$bin build -q "$tmp/3/$ed.xml" -o "$tmp/3/$ed.pdf" --dump-layout "$tmp/3/$ed.dump" 2>/dev/null
	normal "$tmp/3/$ed.dump" >"$tmp/3.dump"
	check "$ed: without its classes the layout differs (the class chooses it)" sh -c \
		"! cmp -s '$tmp/1.dump' '$tmp/3.dump'"
done

# sheet VARIANT SED: a copy of the Efus sheet changed by the sed script.
sheet() { sed "$2" styles/efus.xml >"$tmp/$1.xml"; }
# build VARIANT [DOC]: builds with that sheet; sets rc and leaves VARIANT.err.
build() {
	$bin build -s "$tmp/$1.xml" "${2:-data/brochure.xml}" -o "$tmp/$1.pdf" 2>"$tmp/$1.err"
	rc=$?
}
# lineof FILE TEXT: the line TEXT first stands on.
lineof() { grep -n -F "$2" "$1" | head -1 | cut -d: -f1; }

# A required style renamed: an error at the line of the rule that names it,
# exit 1 and no PDF (it used to give plain cards, silently).
sheet card-renamed 's|<style name="city-card" |<style name="city-box" |'
build card-renamed
l=$(lineof "$tmp/card-renamed.xml" '<role element="city" role="card" style="city-card">')
check "city-card renamed: exit 1, no PDF" sh -c "[ $rc -eq 1 ] && [ ! -e '$tmp/card-renamed.pdf' ]"
check "city-card renamed: the error names the rule's line and the style" \
	grep -q "card-renamed.xml:$l: error: the rule for <city> names the style \"city-card\", which this style sheet does not define" "$tmp/card-renamed.err"
l=$(lineof "$tmp/card-renamed.xml" '<style name="city-box" ')
check "city-card renamed: the new name is reported unused at its line" \
	grep -q "card-renamed.xml:$l: warning: style \"city-box\" is defined but nothing uses it" "$tmp/card-renamed.err"

# A required template renamed (it used to give white text on a white page)
sheet cover-renamed 's|<template name="cover" |<template name="front" |'
build cover-renamed
l=$(lineof "$tmp/cover-renamed.xml" '<role element="cover" role="part" template="cover"/>')
check "cover template renamed: exit 1, an error at the rule's line" sh -c \
	"[ $rc -eq 1 ] && grep -q 'cover-renamed.xml:$l: error: the rule for <cover> names the template \"cover\", which this style sheet does not define' '$tmp/cover-renamed.err'"
check "cover template renamed: the new name is reported unused" \
	grep -q "warning: template \"front\" is defined but nothing uses it" "$tmp/cover-renamed.err"

# The base style is the one name the code cannot do without
sheet no-base 's|<style name="base" |<style name="basis" |; s|parent="base"|parent="basis"|g'
build no-base
check "no base style: exit 1, an error saying the sheet lacks it" sh -c \
	"[ $rc -eq 1 ] && grep -q 'no-base.xml:[0-9]*: error: the style sheet defines no style \"base\"' '$tmp/no-base.err'"

# A style nothing reads is a warning at its line; the build still succeeds
sheet unused 's|^</stylesheet>|  <style name="spare" parent="base" size="14pt"/>\n</stylesheet>|'
build unused
l=$(lineof "$tmp/unused.xml" '<style name="spare" ')
check "an unused style: exit 0, a warning at its line" sh -c \
	"[ $rc -eq 0 ] && grep -q 'unused.xml:$l: warning: style \"spare\" is defined but nothing uses it' '$tmp/unused.err'"
check "the Efus sheet itself: no unused name, no warning about the sheet" sh -c \
	"$bin build data/brochure.xml -o '$tmp/plain.pdf' 2>&1 | grep -v 'blank page' | grep -q 'efus.xml' && exit 1 || exit 0"

# A style that looks chosen by a section id matches nothing: the editor is told
sheet by-id 's|^</stylesheet>|  <style name="section-villes" parent="section" template="default"/>\n</stylesheet>|'
build by-id
l=$(lineof "$tmp/by-id.xml" '<style name="section-villes" ')
check "a style named after a section id: a warning at its line saying ids never choose a layout" \
	grep -q "by-id.xml:$l: warning: style \"section-villes\" looks named after a section's id, and nothing uses it: a section's layout comes from its class=" "$tmp/by-id.err"

# A property value the engine cannot honour is an error with its line
sheet five-columns 's|space-after="6mm" columns="2"|space-after="6mm" columns="5"|'
build five-columns
l=$(lineof "$tmp/five-columns.xml" 'columns="5"')
check "columns=\"5\" on a card style: exit 1, an error at its line" sh -c \
	"[ $rc -eq 1 ] && grep -q 'five-columns.xml:$l: error: style \"city-card\": columns=\"5\" is not a whole number from 1 to 4' '$tmp/five-columns.err'"

# A mistyped role: one error, at the rule's line, listing the roles (the
# rule's element= takes any name: not refused with it)
sheet role-typo 's|<role element="signature" role="group"/>|<role element="signature" role="groupe"/>|'
build role-typo
l=$(lineof "$tmp/role-typo.xml" 'role="groupe"')
check "role=\"groupe\": exit 1, one error at its line listing the roles and the closest" sh -c \
	"[ $rc -eq 1 ] && [ \$(grep -c ': error: ' '$tmp/role-typo.err') -eq 1 ] && grep -q 'role-typo.xml:$l:[0-9]*: error: role=\"groupe\" on <role> is not allowed: \"none\", \"part\", .*(did you mean \"group\"?)' '$tmp/role-typo.err'"

# A colour used by a template, defined with a bad value: told once, at the colour
sheet colour-bad 's|<color name="brand" value="#0d5c91"|<color name="brand" value="#0d5c9"|'
build colour-bad
l=$(lineof "$tmp/colour-bad.xml" 'value="#0d5c9"')
check "value=\"#0d5c9\" on the brand colour: one error, at the colour, naming it" sh -c \
	"[ $rc -eq 1 ] && [ \$(grep -c ': error: ' '$tmp/colour-bad.err') -eq 1 ] && grep -q 'colour-bad.xml:$l: error: <color name=\"brand\">: value=\"#0d5c9\" is not a colour #rrggbb' '$tmp/colour-bad.err'"

# A mistyped attribute of <page>, <template>, <picture>, <slot> or
# <images> is an error at its line, naming the one it was meant to be and
# those the element takes (the schema lists them: they used to be taken
# whatever their name and silently ignored, exit 0)
for c in 'page|<page min-fill="25%"|<page min-fil="25%"|min-fil|min-fill' \
	 'template|<template name="columns" columns="2"|<template name="columns" colums="3" columns="2"|colums|columns' \
	 'picture|shrink-to-fill="60%"|shrink-to-fil="60%"|shrink-to-fil|shrink-to-fill' \
	 'slot|<slot template="cover" name="photo"|<slot template="cover" name="photo" heigth="3mm"|heigth|height' \
	 'images|^</stylesheet>|  <images print-pi="300"/>\n</stylesheet>|print-pi|print-ppi'; do
	el=${c%%|*}; r=${c#*|}; from=${r%%|*}; r=${r#*|}; to=${r%%|*}; r=${r#*|}; bad=${r%%|*}; good=${r#*|}
	sheet "attr-$el" "0,\|$from|s|$from|$to|"
	build "attr-$el"
	# the line of the element that holds it (a message names the element's start)
	l=$(awk -v b="$bad=" -v e="<$el" 'index($0, e) { s = NR } index($0, b) { print s; exit }' "$tmp/attr-$el.xml")
	check "$bad= on <$el>: exit 1, an error at line $l naming $good= and what <$el> takes" sh -c \
		"[ $rc -eq 1 ] && [ -n '$l' ] && grep -q 'attr-$el.xml:$l:[0-9]*: error: <$el> does not take the attribute $bad= (did you mean $good=?); it takes: .*$good' '$tmp/attr-$el.err'"
done

# A slot's keywords are the schema's too: align="rigth" used to centre
# the box silently, bleed="yse" to keep it inside the trim
sheet slot-value 's|anchor="previous" align="right"|anchor="previous" align="rigth"|'
build slot-value
l=$(lineof "$tmp/slot-value.xml" '<slot template="contents" name="funder"')
check "align=\"rigth\" on <slot>: exit 1, an error at its line with the values and the closest" sh -c \
	"[ $rc -eq 1 ] && grep -q 'slot-value.xml:$l:[0-9]*: error: align=\"rigth\" on <slot> is not allowed: \"left\", \"center\", \"right\".*(did you mean \"right\"?)' '$tmp/slot-value.err'"

# A property the layout honours only elsewhere is an error at its line
sheet ground-on-p 's|<style name="city-p" parent="p" |<style name="city-p" parent="p" background="tint" |'
build ground-on-p
l=$(lineof "$tmp/ground-on-p.xml" '<style name="city-p" parent="p" background="tint" ')
check "background= on a paragraph style: exit 1, an error at its line" sh -c \
	"[ $rc -eq 1 ] && grep -q 'ground-on-p.xml:$l: error: style \"city-p\": background=\"tint\" would be ignored: the layout honours it only on a card' '$tmp/ground-on-p.err'"
sheet template-on-p 's|<style name="city-p" parent="p" |<style name="city-p" parent="p" template="editorial" |'
build template-on-p
check "template= on a paragraph style: exit 1, an error naming it" sh -c \
	"[ $rc -eq 1 ] && grep -q 'template-on-p.xml:$l: error: style \"city-p\": template=\"editorial\" would be ignored' '$tmp/template-on-p.err'"

# columns= on the card style reaches the layout: the card's body lines on
# p. 4 are set at a third of the card's measure (A4 less the 18 and 16 mm
# margins, 2 x 5 mm padding and two 6 mm gutters, over 3), not at a half
# (justified at that measure too: justify-min-measure="0", the lines reach it).
mm() { python3 -c "print($1 * 72 / 25.4)"; }
sheet three-columns 's|space-after="6mm" columns="2"|space-after="6mm" columns="3"|; s|justify-min-measure="20em"|justify-min-measure="0"|'
build three-columns
check "columns=\"3\" on city-card: builds" test $rc -eq 0
check "columns=\"3\" on city-card: the card text is set a third of the card wide, in 3 columns (3 left edges)" \
	python3 tests/linewidths.py "$tmp/three-columns.pdf" 4 "$(mm '(210 - 18 - 16 - 10 - 12) / 3')" 3
check "columns=\"2\" (the Efus sheet): half the card wide, 2 left edges (the measure can fail)" \
	python3 tests/linewidths.py "$tmp/1/brochure.pdf" 4 "$(mm '(210 - 18 - 16 - 10 - 6) / 2')" 2

# Design numbers are the sheet's: rule-gap (default 4pt) moves the chevron
# rule under the editorial's title, leader-gap (default 0.5em) the
# Sommaire's dot leaders; the dumps are compared with the Efus sheet's.
field() { # field DUMP KIND N ATTR: attribute ATTR of the Nth item of KIND
	grep "^  $2 " "$1" | sed -n "$3p" | sed "s/.* $4=\([-0-9.]*\).*/\1/"
}
$bin build -q data/brochure.xml -o "$tmp/plain.pdf" --dump-layout "$tmp/plain.dump" 2>/dev/null
sheet gaps 's|<style name="title" parent="base" |<style name="title" parent="base" rule-gap="10pt" |; s|<style name="toc-1" parent="base" |<style name="toc-1" parent="base" leader-gap="2pt" |'
$bin build -q -s "$tmp/gaps.xml" data/brochure.xml -o "$tmp/gaps.pdf" --dump-layout "$tmp/gaps.dump" 2>/dev/null
# (measured from the title's last line: the baseline grid may move the title)
rule_below() { # rule_below DUMP: the 2nd chevron rule's distance below the text line before it
	awk '/^  text /{ y = $3 } /^  chevrons /{ if (++n == 2) { sub("y=", "", y); r = $3; sub("y=", "", r); print r - y; exit } }' "$1"
}
check "rule-gap=\"10pt\" on title: the editorial's rule 6 pt lower than with the default 4pt" \
	python3 -c "import sys; sys.exit(abs($(rule_below "$tmp/gaps.dump") - $(rule_below "$tmp/plain.dump") - 6) > 0.05)"
check "leader-gap=\"2pt\" on toc-1: the first entry's leader starts 3.5 pt sooner (11pt / 2 before)" \
	python3 -c "import sys; sys.exit(abs($(field "$tmp/plain.dump" leader 1 x) - $(field "$tmp/gaps.dump" leader 1 x) - 3.5) > 0.05)"
# A rule's label must be one the document gives (else it would print its name)
sheet label-missing 's|label="support"|label="soutien"|'
build label-missing
l=$(lineof data/brochure.xml '<meta>')
check "a rule naming a label the document lacks: exit 1, an error at <meta>" sh -c \
	"[ $rc -eq 1 ] && grep -q 'data/brochure.xml:$l: error: no <label name=\"soutien\"> in <labels>' '$tmp/label-missing.err'"

# An element no rule covers is an error at its line (its text would be lost)
sheet no-lead '/<role element="lead" /d'
build no-lead
l=$(lineof data/brochure.xml '<lead>')
check "an element without a rule: exit 1, an error at its line" sh -c \
	"[ $rc -eq 1 ] && grep -q 'data/brochure.xml:$l: error: no rule of the style sheet .*no-lead.xml says how to lay out <lead>' '$tmp/no-lead.err'"

# A class no rule names is a warning at its line
sed 's|<section id="manifeste" class="text"|<section id="manifeste" class="nonesuch"|' data/brochure.xml >"$tmp/nonesuch.xml"
cp styles/efus.xml "$tmp/efus.xml"
build efus "$tmp/nonesuch.xml"
l=$(lineof "$tmp/nonesuch.xml" 'class="nonesuch"')
check "an unknown class: exit 0, a warning at its line listing the classes the sheet knows" sh -c \
	"[ $rc -eq 0 ] && grep -q 'nonesuch.xml:$l: warning: class=\"nonesuch\" matches no rule of the style sheet .*(it knows: cities, about, projects, text, services' '$tmp/efus.err'"

# Compositions are data: the project title joins name and title with an en
# dash, the city card's title puts the country in brackets
pdftotext -layout "$tmp/1/brochure.pdf" "$tmp/fr.txt"
check "a project's name and title are joined by an en dash" grep -q "Bridge – Renforcer" "$tmp/fr.txt"
check "a city card's title: name (country)" grep -q "Alexandroupolis (Grèce)" "$tmp/fr.txt"
sheet dash 's|<child name="title" before=" – "/>|<child name="title" before=" / "/>|'
build dash
pdftotext -layout "$tmp/dash.pdf" "$tmp/dash.txt"
check "the sheet's composition decides the joining punctuation" grep -q "Bridge / Renforcer" "$tmp/dash.txt"
# src/input/names.def is the one table of the names the code looks up:
# every literal name a source file asks the sheet for is in it
missing=""
for n in $(grep -rhoE '(style_find|style_template|role_string)\([^,()]+, "[a-z0-9-]+"' src |
	   sed 's/.*"\([a-z0-9-]*\)"$/\1/' | sort -u); do
	grep -q "^NAME([A-Z_]*, \"$n\"" src/input/names.def || missing="$missing $n"
done
check "every name the code looks up is listed in src/input/names.def${missing:+ (missing:$missing)}" test -z "$missing"
finish roles
