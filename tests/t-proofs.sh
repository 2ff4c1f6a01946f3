#!/bin/sh
# t-proofs.sh PLAQUETTE: the proofs people hold and the sheet printers
# read, measured from the PDFs with other tools: the job sheet's figures
# against pdfinfo, pdffonts, pdfimages, qpdf --json, md5sum and
# Ghostscript's tiffsep (tests/jobsheet.py); the reader spreads from their
# PNG headers and pixels (tests/pngcmp.py); the booklet proof's page order,
# creep and safe zone from pdftotext -bbox (tests/booklet.py).
set -u
. tests/lib.sh
bin=$1
scratch proofs
case $bin in *asan*) asan=1 ;; *) asan=0 ;; esac

# --- the job sheet ---
$bin build -q --print data/brochure.xml -o "$tmp/print.pdf" 2>/dev/null
check "jobsheet: JSON for the press edition" $bin jobsheet -q "$tmp/print.pdf" -o "$tmp/print.json"
check "jobsheet: text for the press edition" $bin jobsheet -q "$tmp/print.pdf" -o "$tmp/print.txt"
# pages 2 and 4 (the heaviest and a card page) against tiffsep; one under ASan
pages="2 4"; [ $asan = 1 ] && pages=2
check "jobsheet: every figure agrees with pdfinfo/pdffonts/qpdf/md5sum/tiffsep" \
	python3 tests/jobsheet.py "$tmp/print.json" "$tmp/print.pdf" $pages
# the spot ink the style sheet names for the brand colour
spot=$(sed -n 's/.*<color [^>]*spot="\([^"]*\)".*/\1/p' styles/efus.xml | head -1)
check "jobsheet: the text says 16 pp., saddle stitch, 4 sheets, PDF/X-4, FOGRA39, the plates ($spot)" sh -c "
	grep -qx 'Pages: 16 pp.' '$tmp/print.txt' &&
	grep -qx 'Binding: saddle stitch, 4 sheet(s) (16 pages / 4)' '$tmp/print.txt' &&
	grep -qx 'PDF: version 1.6, PDF/X-4' '$tmp/print.txt' &&
	grep -q '^Output intent: FOGRA39 — ' '$tmp/print.txt' &&
	grep -q '^Plates: [0-9]*: .*Black, $spot (spot); marks in registration colour' '$tmp/print.txt'"
# every page's plates and highest ink as preflight reads them object by
# object from the content streams (no rendering): the same as the sheet's
$bin preflight "$tmp/print.pdf" 2>&1 |
	sed -n 's/.*note: page \([0-9]*\): plates \(.*\); highest total ink \([0-9]*\) %.*/\1 \3 \2/p' >"$tmp/pf"
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
for i, p in enumerate(j["plates_per_page"]):
    print(i + 1, round(j["ink_per_page_percent"][i]), ", ".join(p) or "none")  # a blank page: preflight says none
' "$tmp/print.json" >"$tmp/js"
check "jobsheet: plates and highest ink of all 16 pages = preflight's object-by-object reading" \
	sh -c "test \$(wc -l <'$tmp/pf') = 16 && diff '$tmp/pf' '$tmp/js'"
md5=$(md5sum "$tmp/print.pdf" | cut -d' ' -f1)
check "jobsheet: the text's MD5 is md5sum's" grep -qx "MD5: $md5" "$tmp/print.txt"
check "jobsheet: --json on standard output is the same sheet" sh -c \
	"$bin jobsheet -q --json '$tmp/print.pdf' | cmp -s - '$tmp/print.json'"
# a spot ink, made by Ghostscript from PostScript: named on the sheet
cat >"$tmp/spot.ps" <<'PS'
%!PS
<< /PageSize [420 595] >> setpagedevice
[/Separation (PANTONE 7691 C) /DeviceCMYK {dup 0.94 mul exch dup 0.66 mul exch dup 0.2 mul exch 0.04 mul}] setcolorspace
1 setcolor 50 50 200 200 rectfill
showpage
PS
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile="$tmp/spot.pdf" "$tmp/spot.ps"
$bin jobsheet -q "$tmp/spot.pdf" -o "$tmp/spot.json"
check "jobsheet: a spot ink is named (qpdf --json), on its own plate at 100 % (tiffsep), 1 page needs 3 blanks" sh -c "
	python3 tests/jobsheet.py '$tmp/spot.json' '$tmp/spot.pdf' 1 >'$tmp/spot.out' &&
	grep -qx \"ok spots \\['PANTONE 7691 C'\\]\" '$tmp/spot.out' &&
	grep -q '\"blank_pages_needed\" : 3' '$tmp/spot.json'"
# refusals: not a PDF (exit 1), an output that is the input (exit 2)
printf 'not a pdf' >"$tmp/bad.pdf"
$bin jobsheet "$tmp/bad.pdf" -o "$tmp/bad.txt" 2>"$tmp/err"; st=$?
check "jobsheet: a file that is no PDF: exit 1, a message, no sheet" sh -c \
	"test $st = 1 && grep -q 'not a PDF that can be read' '$tmp/err' && test ! -e '$tmp/bad.txt'"
cp "$tmp/print.txt" "$tmp/keep.txt"
$bin jobsheet "$tmp/print.pdf" -o "$tmp/print.pdf" 2>"$tmp/err"; st=$?
check "jobsheet: the PDF as its own output is refused (exit 2), the PDF intact" sh -c \
	"test $st = 2 && test \"\$(md5sum <'$tmp/print.pdf' | cut -d' ' -f1)\" = $md5"

# --- reader spreads beside the page previews (--png) ---
$bin build -q data/brochure.xml -o "$tmp/fr.pdf" --png "$tmp/png" --png-dpi 30 2>/dev/null
# every PNG's size from its header (IHDR), "NAME WxH" a line
python3 -c '
import struct, sys, os
d = sys.argv[1]
for n in sorted(os.listdir(d)):
    b = open(os.path.join(d, n), "rb").read(24)
    assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR", n
    print(n, "%dx%d" % struct.unpack(">II", b[16:24]))
' "$tmp/png" >"$tmp/sizes"
pw=$(awk '$1 == "page-01.png" { split($2, a, "x"); print a[1] }' "$tmp/sizes")
ph=$(awk '$1 == "page-01.png" { split($2, a, "x"); print a[2] }' "$tmp/sizes")
want=$(awk -v w="$pw" -v h="$ph" 'BEGIN {
	printf "spread-01.png %dx%d\n", w, h
	for (p = 2; p < 16; p += 2) printf "spread-%02d-%02d.png %dx%d\n", p, p + 1, 2 * w, h
	printf "spread-16.png %dx%d\n", w, h }')
check "png: spreads 1, 2-3 … 14-15, 16, facing pages side by side (2 × ${pw}x$ph)" \
	test "$(grep '^spread-' "$tmp/sizes")" = "$want"
# each half of a spread is its page's image, pixel for pixel (and not the other's)
check "png: spread-02-03 = page-02 | page-03; spread-16 = page-16" sh -c "
	python3 tests/pngcmp.py '$tmp/png/spread-02-03.png' '$tmp/png/page-02.png' 0 &&
	python3 tests/pngcmp.py '$tmp/png/spread-02-03.png' '$tmp/png/page-03.png' $pw &&
	! python3 tests/pngcmp.py '$tmp/png/spread-02-03.png' '$tmp/png/page-02.png' $pw &&
	python3 tests/pngcmp.py '$tmp/png/spread-16.png' '$tmp/png/page-16.png' 0"

# --- the booklet proof: printer's order, creep, the fold's safe zone ---
# the order a saddle-stitched booklet of N pages needs, sheet by sheet:
# front N-2k+2 | 2k-1, back 2k | N-2k+1 (16/1 2/15 14/3 4/13 …)
order() {
	awk -v n="$1" 'BEGIN { for (k = 1; k <= n / 4; k++)
		printf "%s%d/%d %d/%d", (k > 1 ? " " : ""), n - 2 * k + 2, 2 * k - 1, 2 * k, n - 2 * k + 1 }'
}
# empties PDF: the pages of a screen edition with no text (the added
# blanks; the press edition prints its slug on every page), as " 15 " …;
# order_of N PDF: that order as the proof shows it, blank pages "empty"
empties() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	printf ' '
	for p in $(seq "$n"); do
		[ -z "$(pdftotext -f "$p" -l "$p" "$1" - | tr -d ' \n\f')" ] && printf '%s ' "$p"
	done
}
order_of() {
	order "$1" | awk -v e="$(empties "$2")" '{ for (i = 1; i <= NF; i++) { split($i, a, "/")
		printf "%s%s/%s", (i > 1 ? " " : ""), (index(e, " " a[1] " ") ? "empty" : a[1]),
			(index(e, " " a[2] " ") ? "empty" : a[2]) } }'
}
check "booklet: the order for 16 pages begins 16/1 2/15 14/3 4/13 (the issue's words)" \
	test "$(order 16 | cut -d' ' -f1-4)" = '16/1 2/15 14/3 4/13'
$bin booklet -q "$tmp/print.pdf" -o "$tmp/book.pdf" 2>"$tmp/err"; st=$?
check "booklet: A3 proof of the press edition, 8 sheet sides, A3 landscape" sh -c "
	test $st = 0 && pdfinfo '$tmp/book.pdf' | grep -q '^Pages: *8$' &&
	pdfinfo '$tmp/book.pdf' | grep -q '^Page size: *1190.55 x 841.89 pts'"
got=$(python3 tests/booklet.py order "$tmp/book.pdf" "$tmp/print.pdf")
check "booklet: pdftotext finds printer's order on every sheet side ($got)" test "$got" = "$(order_of 16 "$tmp/fr.pdf")"
# (the sanitizer run keeps the A3 cases: the same code at another sheet size)
if [ $asan = 0 ]; then
	$bin booklet -q --sheet a4 "$tmp/fr.pdf" -o "$tmp/book4.pdf" 2>/dev/null
	got=$(python3 tests/booklet.py order "$tmp/book4.pdf" "$tmp/fr.pdf")
	check "booklet --sheet a4: A4 landscape, the screen edition in the same order" sh -c "
		pdfinfo '$tmp/book4.pdf' | grep -q '^Page size: *841.89 x 595.2[0-9]* pts' && test '$got' = '$(order_of 16 "$tmp/fr.pdf")'"
fi
# 13 pages: 3 blanks before the last page, said
qpdf --empty --pages "$tmp/fr.pdf" 1-13 -- "$tmp/p13.pdf"
$bin booklet "$tmp/p13.pdf" -o "$tmp/book13.pdf" 2>"$tmp/err13"
got=$(python3 tests/booklet.py order "$tmp/book13.pdf" "$tmp/p13.pdf")
# positions 1-12 are pages 1-12, 13-15 blank, 16 the last page (13)
want=$(order 16 | tr ' /' '\n\n' | awk '{ p = $1 <= 12 ? $1 : $1 == 16 ? 13 : "blank"
	printf "%s%s", (NR == 1 ? "" : NR % 2 ? " " : "/"), p }')
check "booklet: 13 pages padded to 16, blanks before the back cover ($got), and said" sh -c "
	test '$got' = '$want' &&
	grep -q '3 blank page(s) added to the 13 pages' '$tmp/err13'"
# creep: sheet k's pages move (k-1) x MM toward the fold
$bin booklet -q --creep 0.5 "$tmp/print.pdf" -o "$tmp/creep.pdf" 2>/dev/null
got=$(python3 tests/booklet.py shift "$tmp/book.pdf" "$tmp/creep.pdf" "$tmp/print.pdf")
want=$(awk 'BEGIN { for (k = 1; k <= 4; k++) for (s = 0; s < 4; s++) printf "%s%.2f", (k + s > 1 ? " " : ""), (k - 1) * 0.5 }')
# (a blank page has nothing to measure: "-", as many as the blanks)
nblank=$(empties "$tmp/fr.pdf" | wc -w)
check "booklet --creep 0.5: shifts measured toward the fold, 0 / 0.5 / 1 / 1.5 mm by sheet ($got)" \
	python3 -c 'import sys; a = sys.argv[1].split(); b = [float(x) for x in sys.argv[2].split()]; sys.exit(not (len(a) == len(b) and a.count("-") == int(sys.argv[3]) and all(abs(float(x) - y) <= 0.05 for x, y in zip(a, b) if x != "-")))' "$got" "$want" "$nblank"
# the safe zone: the pages whose text comes nearer the fold than 19 mm
near=$(python3 tests/booklet.py fold "$tmp/print.pdf" | tr ' ' '\n' | awk '$1 != "-" && $1 < 19 { printf "%s%d", (n++ ? " " : ""), NR }')
$bin booklet --safe-zone 19 "$tmp/print.pdf" -o "$tmp/safe.pdf" 2>"$tmp/errsafe"
warned=$(sed -n 's/.*warning: page \([0-9]*\): text comes.*/\1/p' "$tmp/errsafe" | sort -n | tr '\n' ' ' | sed 's/ $//')
check "booklet --safe-zone 19: warns for the pages pdftotext finds nearer the fold ($near)" \
	sh -c "test -n '$near' && test '$warned' = '$near'"
if [ $asan = 0 ]; then
	$bin booklet "$tmp/print.pdf" -o "$tmp/safe5.pdf" 2>"$tmp/errsafe5"
	check "booklet: no warning at the default 5 mm (the brochure keeps 17 mm and more)" \
		sh -c "! grep -q 'from the fold' '$tmp/errsafe5'"
fi
$bin booklet "$tmp/print.pdf" -o "$tmp/print.pdf" 2>/dev/null; st=$?
check "booklet: the input as its own output is refused (exit 2)" sh -c "test $st = 2 &&
	test \"\$(md5sum <'$tmp/print.pdf' | cut -d' ' -f1)\" = $md5"
# reproducible: the same PDF gives the same booklet, a second later too (the
# dates are the imposed PDF's, or $SOURCE_DATE_EPOCH's), not the clock's
sleep 1
$bin booklet -q "$tmp/print.pdf" -o "$tmp/book-again.pdf" 2>/dev/null
check "booklet: the same press edition gives the same bytes a second later" cmp -s "$tmp/book.pdf" "$tmp/book-again.pdf"
SOURCE_DATE_EPOCH=1700000000 $bin booklet -q "$tmp/print.pdf" -o "$tmp/book-epoch.pdf" 2>/dev/null
check "booklet: SOURCE_DATE_EPOCH=1700000000 is its creation date (2023-11-14 22:13:20 UTC)" sh -c "
	pdfinfo -rawdates '$tmp/book-epoch.pdf' | grep -Eq '^CreationDate: *(D:)?20231114221320'"
$bin booklet --creep 3 "$tmp/print.pdf" -o "$tmp/x.pdf" 2>/dev/null; st=$?
check "booklet: --creep 3 is refused (exit 2)" test $st = 2

finish t-proofs
