#!/bin/sh
# t-press.sh PLAQUETTE: what a printer's prepress checks on both press
# editions (--print PDF/X-4, --cmyk PDF/X-3), measured from the PDFs with
# qpdf --json, pdftotext and Ghostscript's tiffsep separations: marks in
# registration colour on every plate, no annotation, the slug clear of the
# marks; the screen edition keeps its links, and is Cairo's file with one
# incremental update (boxes, Info, /Lang, /ID) that qpdf and poppler read.
set -u
. tests/lib.sh
bin=$1
scratch press

$bin build data/brochure.xml -o "$tmp/screen.pdf" 2>/dev/null
# The screen edition: an incremental update after Cairo's own bytes, not a
# rewrite.  What it must say comes from the input: language and date from
# data/brochure.xml, the boxes from the options.
python3 tests/pdfupdate.py "$tmp/screen.pdf" >"$tmp/screen.facts" 2>&1
fact() { grep -qx "$1" "$tmp/screen.facts" || { cat "$tmp/screen.facts"; return 1; }; }
lang=$(xmllint --xpath 'string(/*/@xml:lang)' data/brochure.xml)
date=$(xmllint --xpath 'string(//meta/date)' data/brochure.xml | python3 -c 'import sys; p = (sys.stdin.read().strip().split("-") + ["01", "01"])[:3]; print("D:%s%s%s000000Z" % tuple(p))')
pages=$(pdfinfo "$tmp/screen.pdf" | awk '/^Pages:/ {print $2}')
check "screen: Cairo's file plus one update (two xref sections, /Prev)" \
	sh -c 'fact() { grep -qx "$1" "$2"; }; fact "sections 2" "$1" && fact "prev yes" "$1"' - "$tmp/screen.facts"
cut=$(grep -abo '%%EOF' "$tmp/screen.pdf" | head -1 | cut -d: -f1)
head -c $((cut + 5)) "$tmp/screen.pdf" >"$tmp/cairo.pdf"
check "screen: the bytes before the update are a whole PDF of the same $pages pages (qpdf --check)" \
	sh -c "qpdf --check '$tmp/cairo.pdf' >/dev/null && pdfinfo '$tmp/cairo.pdf' | grep -qx 'Pages: *$pages' && ! python3 tests/pdfupdate.py '$tmp/cairo.pdf' | grep -c 'lang $lang' >/dev/null"
check "screen: qpdf --check is clean on the updated file" sh -c "qpdf --check '$tmp/screen.pdf' >/dev/null"
check "screen: /Lang $lang from the input" fact "lang $lang"
check "screen: CreationDate and ModDate $date from the input's date" \
	sh -c 'grep -qx "info CreationDate $1" "$2" && grep -qx "info ModDate $1" "$2"' - "$date" "$tmp/screen.facts"
check "screen: Producer and Title set" \
	sh -c "grep -q '^info Producer plaquette ' '$tmp/screen.facts' && grep -q '^info Title [^n]' '$tmp/screen.facts'"
check "screen: a TrimBox equal to the MediaBox on each of the $pages pages, no BleedBox" \
	sh -c "grep -qx 'pages $pages' '$tmp/screen.facts' && [ \"\$(grep '^trim' '$tmp/screen.facts')\" = 'trim 0.00 0.00 0.00 0.00' ] && grep -qx 'bleed none' '$tmp/screen.facts'"
check "screen: /ID two equal 16-byte strings" \
	sh -c "grep -Eqx 'id ([0-9a-f]{32}) \\1' '$tmp/screen.facts'"
check "screen: pdftotext, pdffonts (all embedded) and pdftoppm read the update" \
	sh -c "pdftotext '$tmp/screen.pdf' - | grep -q Efus && [ \"\$(pdffonts '$tmp/screen.pdf' | awk 'NR > 2 && \$(NF-4) != \"yes\"' | wc -l)\" -eq 0 ] && pdftoppm -f $pages -l $pages -r 10 -png '$tmp/screen.pdf' '$tmp/last' && [ -s '$tmp/last-$pages.png' ]"
$bin build -q --bleed 3 data/brochure.xml -o "$tmp/bleed.pdf" 2>/dev/null
python3 tests/pdfupdate.py "$tmp/bleed.pdf" >"$tmp/bleed.facts" 2>&1
inset=$(python3 -c 'print("%.2f" % (3 / 25.4 * 72))')
check "screen --bleed 3: TrimBox $inset pt inside the MediaBox, BleedBox the MediaBox" \
	sh -c "grep -qx 'sections 2' '$tmp/bleed.facts' && [ \"\$(grep '^trim' '$tmp/bleed.facts')\" = 'trim $inset $inset $inset $inset' ] && [ \"\$(grep '^bleed' '$tmp/bleed.facts')\" = 'bleed 0.00 0.00 0.00 0.00' ]"
for ed in print cmyk; do
	pdf=$tmp/$ed.pdf
	$bin build --$ed data/brochure.xml -o "$pdf" 2>"$tmp/err"
	check "--$ed builds" test -s "$pdf"
	check "--$ed: every page draws marks in Separation /All" \
		test "$(python3 tests/pdfinfo.py all-marks "$pdf")" = "16 of 16"
	check "--$ed: no annotation on any page (PDF/X: none in the printed area)" \
		test "$(python3 tests/pdfinfo.py annots "$pdf")" = 0
	p4=$(python3 tests/plates.py "$pdf" 4)
	check "--$ed: p. 4's marks at 100 % on C, M, Y and K ($p4)" \
		sh -c "echo '$p4' | grep -q 'marks Black Cyan Magenta .*Yellow$'"
	s=$(python3 tests/pdfinfo.py slug "$pdf")
	check "--$ed: the slug on every page, 6 mm in from the trim, clear of the crop mark ($s)" \
		test "$s" = "slugs 16 min-inset 17.0"
done
# The output intent: FOGRA39 by default, named as the ICC registry does,
# with the profile make built; the CMYK numbers are that profile's.
for ed in print cmyk; do
	it=$(python3 tests/pdfinfo.py intent "$tmp/$ed.pdf")
	check "--$ed: the output intent is FOGRA39, named as the ICC registry does, with a CMYK profile" \
		sh -c "echo '$it' | grep -qx 'OutputConditionIdentifier FOGRA39' &&
		       echo '$it' | grep -q '^OutputCondition Offset commercial .*ISO 12647-2:2004' &&
		       echo '$it' | grep -q '^Info FOGRA39' && echo '$it' | grep -qx 'N 4'"
done
# Colours without a press value (here: the sheet with its cmyk=, tint= and
# spot= taken out) go through the printer's profile.
sed 's/ \(cmyk\|tint\|spot\)="[^"]*"//g' styles/efus.xml >"$tmp/rgb.xml"
$bin build --cmyk -s "$tmp/rgb.xml" data/brochure.xml -o "$tmp/fogra.pdf" 2>/dev/null
$bin build --cmyk -s "$tmp/rgb.xml" --output-intent /usr/share/color/icc/ghostscript/default_cmyk.icc \
	data/brochure.xml -o "$tmp/swop.pdf" 2>/dev/null
f=$(python3 tests/pdfinfo.py cmyk "$tmp/fogra.pdf" | sed -n 1p)
w=$(python3 tests/pdfinfo.py cmyk "$tmp/swop.pdf" | sed -n 1p)
check "two printer profiles give two sets of CMYK numbers (FOGRA39 $f, SWOP $w)" \
	sh -c "[ -n '$f' ] && [ -n '$w' ] && [ '$f' != '$w' ]"
# Ghostscript's own colour management, rendering the RGB screen edition
# through the same profile, gives the CMYK edition's brand colour: the
# numbers on the plates are the profile's, not Ghostscript's default.
gsf=$(python3 tests/plates.py --colours "$tmp/screen.pdf" 4 icc/FOGRA39-plaquette.icc)
ours=$(python3 tests/plates.py --colours "$tmp/fogra.pdf" 4)
brand=$(printf '%s\n' "$ours" | awk -F/ '$1 >= 50 && $4 < 100' | head -1) # the commonest blue
check "p. 4: the brand colour $brand on the plates is what Ghostscript makes of the screen edition through FOGRA39" \
	sh -c "[ -n '$brand' ] && printf '%s\n' '$gsf' | grep -qx '$brand'"
swopc=$(python3 tests/plates.py --colours "$tmp/swop.pdf" 4)
check "and with the SWOP profile it is another ink mix" sh -c "! printf '%s\n' '$swopc' | grep -qx '$brand'"
# Colours as a printer sees them (styles/efus.xml <color>): the press
# values as given, the brand blue on its own plate, black text on K alone
# and overprinting; the screen edition stays RGB.
for ed in print cmyk; do
	p4=$(python3 tests/plates.py "$tmp/$ed.pdf" 4)
	check "--$ed: p. 4 separates the brand blue onto its own plate ($p4)" \
		sh -c "echo '$p4' | grep -q 'plates.* PANTONE 7691 C'"
	tk=$(python3 tests/pdfinfo.py text-k "$tmp/$ed.pdf")
	check "--$ed: body text in 100 % K, overprinting: $tk text runs" \
		sh -c "set -- $tk; [ \$1 -gt 0 ] && [ \$((\$1 * 10)) -ge \$((\$3 * 7)) ]"
done
check "--print: the accent's press value as given (0 75 90 0), not converted from RGB" \
	sh -c "python3 tests/pdfinfo.py cmyk '$tmp/print.pdf' | grep -qx '0.00 0.75 0.90 0.00'"
check "the screen edition stays RGB: no DeviceCMYK colour" \
	test -z "$(python3 tests/pdfinfo.py cmyk "$tmp/screen.pdf")"
sed 's|cmyk="100 45 0 30" spot=|spot=|' styles/efus.xml >"$tmp/nospot.xml"
$bin build -s "$tmp/nospot.xml" data/brochure.xml -o "$tmp/nospot.pdf" 2>"$tmp/err"
rc=$?
check "a spot ink without its CMYK alternate: exit 1 at the colour's line, no PDF" \
	sh -c "[ $rc -eq 1 ] && [ ! -e '$tmp/nospot.pdf' ] && grep -q 'nospot.xml:[0-9]*:.*spot=\"PANTONE 7691 C\".*CMYK alternate' '$tmp/err'"
check "the screen edition keeps its link annotations" \
	test "$(python3 tests/pdfinfo.py annots "$tmp/screen.pdf")" -gt 0
check "the screen edition has no marks" \
	test "$(python3 tests/pdfinfo.py all-marks "$tmp/screen.pdf")" = "0 of 16"
$bin build --print --no-marks data/brochure.xml -o "$tmp/nomarks.pdf" 2>/dev/null
check "--print --no-marks: no marks" \
	test "$(python3 tests/pdfinfo.py all-marks "$tmp/nomarks.pdf")" = "0 of 16"
finish press
