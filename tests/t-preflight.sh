#!/bin/sh
# t-preflight.sh PLAQUETTE: preflight reads colour.  Small PDFs with one
# defect each (tests/pfcases.py) and our own press editions with one
# defect added by hand (tests/pdfedit.py: a link in the bleed, an RGB
# object in the CMYK edition) must fail, at the page and place of the
# defect; our editions must pass, and the plates preflight names for a
# page must be the ones Ghostscript's tiffsep separates (tests/plates.py);
# each image's effective ppi must be what pdfimages -list says.
set -u
. tests/lib.sh
bin=$1
scratch preflight
icc=icc/FOGRA39-plaquette.icc

# pf FILE [OPTIONS]: preflight's messages in $tmp/err, its exit status in $rc
pf() {
	f=$1
	shift
	$bin preflight "$@" "$f" >/dev/null 2>"$tmp/err"
	rc=$?
}
# at NAME: where tests/pfcases.py drew the defect of NAME, as preflight words it
at() {
	awk -v n="$1" '$1 == n { printf "at x %s, y %s mm", $2, $3 }' "$tmp/cases.txt"
}
# fails WHAT PATTERN: exit 1 and an error line matching PATTERN
fails() {
	check "$1" sh -c "[ $rc -eq 1 ] && grep -q -- \"\$0\" '$tmp/err'" "$2"
}

python3 tests/pfcases.py "$tmp/c" "$icc" >"$tmp/cases.txt"

pf "$tmp/c/clean-x3.pdf"
check "a clean CMYK PDF/X-3 page passes (exit 0, no error)" \
	sh -c "[ $rc -eq 0 ] && ! grep -q ': error:' '$tmp/err'"
check "and its plates are named: Cyan, Magenta, Black" \
	grep -q 'page 1: plates Cyan, Magenta, Black; highest total ink 100 %' "$tmp/err"

pf "$tmp/c/rgb-x3.pdf"
fails "an RGB fill in a PDF/X-3 file: an error at its page and place" \
	"error: page 1: 1 object(s) in device RGB, the first a fill in DeviceRGB $(at rgb-x3)"
pf "$tmp/c/link-x4.pdf"
fails "a link inside the bleed of a PDF/X-4 file: an error at its place" \
	"error: page 1: a Link annotation $(at link-x4) .* lies inside the bleed"
pf "$tmp/c/ink-400.pdf"
fails "400 % of ink: over the 300 % limit, at its place" \
	"error: page 1: total ink 400 % $(at ink-400) (a fill in DeviceCMYK): over the 300 % allowed for FOGRA39"
pf "$tmp/c/ink-400.pdf" --max-ink 400
check "--max-ink 400 allows it" sh -c "! grep -q 'total ink 400 % at' '$tmp/err'"
pf "$tmp/c/black-text.pdf"
check "9 pt text in four-colour black: a warning at its place; 14 pt text is not counted" \
	grep -q "warning: page 1: 1 text run(s) under 12 pt in black made of several inks, the first 9.0 pt $(at black-text) (C 60 M 50 Y 50 K 100 %)" "$tmp/err"
pf "$tmp/c/reg-trim.pdf"
fails "registration colour inside the trim: an error at the inside stroke, not the mark outside" \
	"error: page 1: 1 object(s) in registration colour (Separation /All) inside the trim, the first $(at reg-trim)"
pf "$tmp/c/spots.pdf"
fails "one spot ink spelt two ways: an error naming both" \
	'error: the spot inks "PANTONE 7691 C" and "Pantone 7691C" differ only in case'
check "and both plates are listed" grep -q 'plates PANTONE 7691 C, Pantone 7691C;' "$tmp/err"
pf "$tmp/c/spot-alt.pdf"
check "one spot ink with two CMYK alternates: a warning giving both (one plate)" sh -c \
	"[ $rc -eq 0 ] && grep -q 'warning: the spot ink \"PANTONE 7691 C\" is defined with two CMYK alternates, 85/44/1/32 and 100/50/0/0' '$tmp/err' && grep -q 'plates PANTONE 7691 C;' '$tmp/err'"
pf "$tmp/c/hairline-x3.pdf"
fails "a 0.1 pt hairline: an error at its place" \
	"error: page 1: 1 stroke(s) under 0.125 pt, the first 0.100 pt wide $(at hairline-x3)"
pf "$tmp/c/images-x3.pdf"
check "image report: the ICCBased CMYK image, its ppi and its profile" \
	grep -q "note: page 1: image /Im1 $(at images-x3): 4 x 2 px at 72 ppi, ICCBased CMYK, with an ICC profile" "$tmp/err"
check "image report: the DeviceRGB image without a profile" \
	grep -q "note: page 1: image /Im2 .*: 4 x 2 px at 7 ppi, DeviceRGB, no ICC profile" "$tmp/err"
fails "a CMYK image's samples reaching 349 % of ink: over the limit" \
	"error: page 1: total ink 349 % $(at images-x3) (an image in ICCBased CMYK)"
fails "and the DeviceRGB image is an RGB object in PDF/X-3" "1 object(s) in device RGB, the first an image in DeviceRGB"

# Our press editions pass, and a hand's defect in them is caught.
$bin build --cmyk data/brochure.xml -o "$tmp/cmyk.pdf" 2>/dev/null
$bin build --print data/brochure.xml -o "$tmp/print.pdf" 2>/dev/null
for ed in print cmyk; do
	pf "$tmp/$ed.pdf"
	check "--$ed passes preflight (exit 0, no error)" \
		sh -c "[ $rc -eq 0 ] && ! grep -q ': error:' '$tmp/err'"
	pages=4
	[ $ed = cmyk ] && pages="1 4 16"
	for p in $pages; do
		ours=$(sed -n "s/.*note: page $p: plates \([^;]*\);.*/\1/p" "$tmp/err" | tr -d , | tr ' ' '\n' | sort | tr '\n' ' ')
		ink=$(sed -n "s/.*note: page $p: plates [^;]*; highest total ink \([0-9]*\) %.*/\1/p" "$tmp/err")
		sep=$(python3 tests/plates.py "$tmp/$ed.pdf" $p)
		gs=$(printf '%s\n' "$sep" | sed 's/.*plates \([^;]*\);.*/\1/' | tr ' ' '\n' | sort | tr '\n' ' ')
		gsink=$(printf '%s\n' "$sep" | sed 's/.*max-ink \([0-9]*\)%.*/\1/')
		check "--$ed: p. $p's plates as preflight reads them ($ours) are Ghostscript's tiffsep separations ($gs)" \
			test -n "$ours" -a "$ours" = "$gs"
		check "--$ed: p. $p's highest total ink, $ink %, is tiffsep's ($gsink %) within 3 points" \
			sh -c "[ -n '$ink' ] && [ -n '$gsink' ] && [ \$(( $ink - $gsink )) -le 3 ] && [ \$(( $gsink - $ink )) -le 3 ]"
	done
done

# where X Y W H PDF PAGE: how preflight words the top left corner of a
# rectangle drawn at (X, Y) in PDF space, from the page's TrimBox (qpdf --json)
where() {
	qpdf --json "$5" | python3 -c '
import json, sys
x, y, w, h, page = (float(v) for v in sys.argv[1:6])
d = json.load(sys.stdin)
trim = d["qpdf"][1]["obj:" + d["pages"][int(page) - 1]["object"]]["value"]["/TrimBox"]
mm = 72 / 25.4
print("at x %.1f, y %.1f mm" % ((x - trim[0]) / mm, (trim[3] - (y + h)) / mm))' "$1" "$2" "$3" "$4" "$6"
}
python3 tests/pdfedit.py rgb "$tmp/cmyk.pdf" "$tmp/cmyk-rgb.pdf" 4 100 300 60 20
pf "$tmp/cmyk-rgb.pdf"
fails "the CMYK edition with one RGB rectangle on p. 4 fails, at its place" \
	"error: page 4: 1 object(s) in device RGB, the first a fill in DeviceRGB $(where 100 300 60 20 "$tmp/cmyk-rgb.pdf" 4): PDF/X-3"
python3 tests/pdfedit.py link "$tmp/print.pdf" "$tmp/print-link.pdf" 4 100 300 60 20
pf "$tmp/print-link.pdf"
fails "the PDF/X-4 edition with a link on p. 4 fails, at its place" \
	"error: page 4: a Link annotation $(where 100 300 60 20 "$tmp/print-link.pdf" 4) (21.2 x 7.1 mm) lies inside the bleed"
pf "$tmp/print.pdf" --cmyk
fails "--cmyk: the PDF/X-4 edition's RGB objects are refused where CMYK is required" \
	"error: page .*object(s) in RGB or Lab.*CMYK is required (--cmyk)"

# A profile and an image that inflate to 512 MiB each: read within bounds
# (pdfread), so preflight stays small and still judges the page (not
# under AddressSanitizer, whose shadow memory makes the size meaningless).
case $bin in *asan*) ;; *)
	/usr/bin/time -f %M -o "$tmp/rss" $bin preflight "$tmp/c/bombs-x3.pdf" >/dev/null 2>"$tmp/err"
	rss=$(tail -n 1 "$tmp/rss")
	check "decompression bombs in an ICC profile and an image's samples: preflight stays under 200 MB (${rss} kB)" \
		test "$rss" -lt 200000
	check "and still reports the ICCBased fill as RGB (by /N) and the image's plates" \
		sh -c "grep -q 'device RGB\|calibrated RGB' '$tmp/err' && grep -q 'page 1: plates Cyan, Magenta, Yellow, Black' '$tmp/err'"
esac

# Each image placed: preflight's ppi is pdfimages' (page, size, ppi)
# (not under AddressSanitizer: one more build of eight photos).
case $bin in *asan*) finish preflight; exit ;; esac
$bin build -q --print examples/rivers/rivers.xml -o "$tmp/rivers.pdf" 2>/dev/null
pf "$tmp/rivers.pdf"
sed -n 's/.*note: page \([0-9]*\): image [^ ]* at x [-0-9.]*, y [-0-9.]* mm: \([0-9]*\) x \([0-9]*\) px at \([0-9]*\) ppi.*/\1 \2 \3 \4/p' \
	"$tmp/err" | sort >"$tmp/ours"
pdfimages -list "$tmp/rivers.pdf" | awk 'NR > 2 { p = $13 < $14 ? $13 : $14; print $1, $4, $5, p }' | sort >"$tmp/theirs"
check "rivers: every image's page, size and ppi as pdfimages -list gives them ($(wc -l <"$tmp/theirs") images)" \
	sh -c "[ -s '$tmp/theirs' ] && cmp -s '$tmp/ours' '$tmp/theirs' || { diff '$tmp/ours' '$tmp/theirs'; exit 1; }"
check "rivers: the 211 and 161 ppi pictures are warned about (under 300 ppi)" \
	sh -c "[ \$(grep -c 'warning: page .*is placed at 1[0-9]* ppi; printers want 300\|warning: page .*is placed at 2[0-9]* ppi; printers want 300' '$tmp/err') -eq 2 ]"

finish preflight
