#!/bin/sh
# t-cards.sh PLAQUETTE: columns are general — 1 to 4 for a section's pages
# (its template's columns=) and for a card's body (its style's columns=),
# each measured from the PDF: the line measure and the number of left edges
# the lines of that measure start at (tests/linewidths.py); a split card
# keeps its columns.
set -u
. tests/lib.sh
bin=$1
scratch cards

mm() { python3 -c "print($1 * 72 / 25.4)"; }
# sheet VARIANT SED: a copy of the Efus sheet changed by the sed script,
# justified at every measure (justify-min-measure="0": the columns are
# measured by the lines that reach their measure).
sheet() { sed -e "$2" -e 's|justify-min-measure="20em"|justify-min-measure="0"|' styles/efus.xml >"$tmp/$1.xml"; }
# build VARIANT: the French edition with that sheet; sets rc.
build() {
	$bin build -q -s "$tmp/$1.xml" data/brochure.xml -o "$tmp/$1.pdf" 2>"$tmp/$1.err"
	rc=$?
}

# A card's body in N columns (A4 less the 18 and 16 mm margins, 2 x 5 mm
# padding and N - 1 gutters of 6 mm, over N), on p. 4.
for n in 1 3 4; do
	case $bin in *asan*) [ "$n" = 3 ] && continue ;; esac # t-roles measures 3
	sheet card-$n "s|space-after=\"6mm\" columns=\"2\"|space-after=\"6mm\" columns=\"$n\"|"
	build card-$n
	check "columns=\"$n\" on city-card: builds" test $rc -eq 0
	check "columns=\"$n\" on city-card: the card text in $n columns on p. 4" \
		python3 tests/linewidths.py "$tmp/card-$n.pdf" 4 \
		"$(mm "(210 - 18 - 16 - 10 - ($n - 1) * 6) / $n")" $n
done

# A section's pages in N columns (the section template, 6 mm gutters),
# measured on p. 10 (projects).
for n in 1 3 4; do
	case $bin in *asan*) [ "$n" = 3 ] && continue ;; esac
	sheet section-$n "s|<template name=\"columns\" columns=\"2\"|<template name=\"columns\" columns=\"$n\"|"
	build section-$n
	check "columns=\"$n\" on the section template: builds" test $rc -eq 0
	check "columns=\"$n\" on the section template: p. 10 set in $n columns" \
		python3 tests/linewidths.py "$tmp/section-$n.pdf" 10 \
		"$(mm "(210 - 18 - 16 - ($n - 1) * 6) / $n")" $n
done

# A card taller than a page splits where it stands and keeps its ground
# and its columns: on the page it starts on and on its continuation the
# body stands in the card's columns, about 50 characters a line in two
# (it was one column of about 105); the continuation opens with the
# card's name and the "continued" label; every word is printed, in order.
python3 tests/variants.py data/brochure.xml "$tmp" >/dev/null
$bin build -q "$tmp/long.xml" -o "$tmp/long.pdf" 2>/dev/null
head=$(python3 - "$tmp/long.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
label = [l.text for l in r.iter("label") if l.get("name") == "continued"][0]
city = next(r.iter("city"))
print(f"► {city.findtext('name')} ({city.findtext('country')}) – {label}")
PY
)
for p in 4 5; do
	check "long card, p. $p: in the card's 2 columns, at most 70 characters a line" \
		python3 tests/linewidths.py "$tmp/long.pdf" $p "$(mm '(210 - 18 - 16 - 10 - 6) / 2')" 2 70
done
check "long card: the continuation opens with its name and label, on the card's ground" \
	python3 tests/pagecheck.py cont "$tmp/long.pdf" "$head" e9f1f7
check "long card: every word, in order" python3 tests/check.py words "$tmp/long.xml" "$tmp/long.pdf" 1.0
case $bin in *asan*) ;; *)
	sheet long-3 's|space-after="6mm" columns="2"|space-after="6mm" columns="3"|'
	$bin build -q -s "$tmp/long-3.xml" "$tmp/long.xml" -o "$tmp/long-3.pdf" 2>/dev/null
	check "long card in 3 columns: its continuation (p. 5) in 3 columns" \
		python3 tests/linewidths.py "$tmp/long-3.pdf" 5 "$(mm '(210 - 18 - 16 - 10 - 12) / 3')" 3 50
	check "long card in 3 columns: every word, in order" \
		python3 tests/check.py words "$tmp/long.xml" "$tmp/long-3.pdf" 1.0
esac

# A card split over pages whose continuation opens, in its first column,
# with a picture (generated document 1970096, p. 13, two columns on a
# tinted ground): the columns of text beside it start on the baseline grid
# where the split measured them, so the ground ends at the text area's
# foot (before, the text column snapped a grid step lower than measured
# and the ground ran 8.4 pt past the foot), measured from the PDF as the
# gen "foot" property does (Ghostscript).
python3 tests/gen/runbatch.py "$bin" "$tmp/gen" 1970096 >/dev/null 2>&1
check "split card opening with a picture: nothing past the text area's foot ($(sed -n 's/^foot //p' "$tmp/gen/1970096/checks" 2>/dev/null))" grep -q '^foot ok' "$tmp/gen/1970096/checks"

# A figure of one caption-less picture, last in its section, set at the
# head of a region's last column at its page's foot, its space after left
# out (generated document 1970097, p. 19): the pour stops there; before,
# it moved on to a new page where the figure's group printed its
# continuation label, "– segue", alone (1 % of the page), with 3 blanks
# padding the booklet to 24 pages.
python3 tests/gen/runbatch.py "$bin" "$tmp/gen" 1970097 >/dev/null 2>&1
pdftotext "$tmp/gen/1970097/doc.pdf" "$tmp/gen97.txt" 2>/dev/null
check "a picture set at a column's foot: no page holding only a continuation label ($(sed -n 's/^fill //p' "$tmp/gen/1970097/checks" 2>/dev/null))" \
	sh -c "grep -q '^fill ok' '$tmp/gen/1970097/checks' && ! grep -qx '– segue' '$tmp/gen97.txt'"

# A page's stack of cards is bottom-aligned by spreading the gaps between
# them, each by at most the card style's spread-max (20 mm in the Efus
# sheet, gaps 6 + 20 mm): on pp. 4-8 of both editions the last card's
# ground ends at the bottom margin (22 mm), within 1 mm, or every gap has
# reached the bound (tests/cardstack.py, from the rendered pages).  It
# used to end 7 to 56 mm above it.
for e in brochure brochure.en; do
	$bin build -q "data/$e.xml" -o "$tmp/$e.pdf" 2>/dev/null
	# within 1 mm, or less than a line more: the space goes in whole steps
	# of the body's leading (13.5 pt, 4.8 mm) so that bodies stay on the grid
	check "$e: pp. 4-8, each stack of cards ends at the bottom margin or its gaps are at the bound" \
		python3 tests/cardstack.py "$tmp/$e.pdf" 4 8 22 e9f1f7 5.8 26
	check "$e: Sommaire numbers are where the sections start" \
		python3 tests/check.py toc "data/$e.xml" "$tmp/$e.pdf"
	check "$e: 16 pages" sh -c "pdfinfo '$tmp/$e.pdf' | grep -q '^Pages: *16$'"
done
sheet nospread 's|spread-max="20mm"|spread-max="0mm"|'
build nospread
check "spread-max=0: the stacks stop short again (the setting is read)" \
	sh -c "! python3 tests/cardstack.py '$tmp/nospread.pdf' 4 8 22 e9f1f7 1 26"
sheet spread-5 's|spread-max="20mm"|spread-max="5mm"|'
build spread-5
check "spread-max=5mm: no gap over 6 + 5 mm (the bound holds)" \
	python3 tests/cardstack.py "$tmp/spread-5.pdf" 4 8 22 e9f1f7 1000 11

finish t-cards
