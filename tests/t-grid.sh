#!/bin/sh
# t-grid.sh PLAQUETTE: the baseline grid, measured from the PDF — body
# lines of both columns and of facing pages on one grid (grid="yes" in
# the sheet), the brochure's plan kept.
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# The two editions with the Efus sheet: >= 95 % of the body lines of
# pp. 4-15 on their page's grid, every spread of one leading too.
eds="brochure brochure.en"
case $bin in *asan*) eds=brochure ;; esac
for e in $eds; do
	$bin build -q "data/$e.xml" -o "$tmp/$e.pdf" 2>/dev/null
	check "$e: body lines of pp. 4-15 and their spreads on the grid (>= 95 %)" \
		python3 tests/pagecheck.py grid "$tmp/$e.pdf" 4-15 0.95
	check "$e: 16 pages" test "$(pages "$tmp/$e.pdf")" = 16
	check "$e: Sommaire = pages" python3 tests/check.py toc "data/$e.xml" "$tmp/$e.pdf"
	check "$e: every city card whole" python3 tests/check.py cards "data/$e.xml" "$tmp/$e.pdf"
	check "$e: every word, in order" python3 tests/check.py words "data/$e.xml" "$tmp/$e.pdf" 1.0
done
check "brochure: the Sommaire still reads 4, 9, 9, 11, 13, 14" \
	sh -c "python3 tests/check.py toc data/brochure.xml '$tmp/brochure.pdf' | \
	       sed -n 's/^p\. \([0-9]*\) .*/\1/p' | tr '\n' ' ' | grep -qx '4 9 9 11 13 14 '"

# The same sheet with the grid off: the measure sees lines off the grid
# (it can fail), so the grid is what puts them there.
sed 's/ grid="yes"/ grid="no"/' styles/efus.xml >"$tmp/nogrid.xml"
$bin build -q -s "$tmp/nogrid.xml" data/brochure.xml -o "$tmp/nogrid.pdf" 2>/dev/null
check "grid off: built" test -s "$tmp/nogrid.pdf"
check "grid off: under 95 % of the body lines on one grid" \
	sh -c "! python3 tests/pagecheck.py grid '$tmp/nogrid.pdf' 4-15 0.95 >/dev/null"

# Project and city cards in a two-column section (tests/layout/last-card.xml):
# headings, fields, card grounds between body lines; with the grid the body
# lines register (a page holding project text at 14 pt and a city card at
# 13.5 pt has two grids: only the larger share is counted on it), without
# it they do not.
x=tests/layout/last-card.xml
for s in styles/efus.xml "$tmp/nogrid.xml"; do
	$bin build -q -s "$s" "$x" -o "$tmp/lc-$(basename "$s" .xml).pdf" 2>/dev/null
done
n=$(pages "$tmp/lc-efus.pdf")
check "two-column cards, grid on: >= 95 % of the body lines of pp. 1-$n on one grid, spreads too" \
	python3 tests/pagecheck.py grid "$tmp/lc-efus.pdf" "1-$n" 0.95
check "two-column cards, grid on: every word, in order" \
	python3 tests/check.py words "$x" "$tmp/lc-efus.pdf" 1.0
check "two-column cards, grid off: built" test -s "$tmp/lc-nogrid.pdf"
check "two-column cards, grid off: lines off the grid" \
	sh -c "! python3 tests/pagecheck.py grid '$tmp/lc-nogrid.pdf' 1-$n 0.95 >/dev/null"

# a value the engine cannot read is an error at its line
sed 's/ grid="yes"/ grid="maybe"/' styles/efus.xml >"$tmp/bad.xml"
$bin build -q -s "$tmp/bad.xml" data/brochure.xml -o "$tmp/bad.pdf" 2>"$tmp/bad.err"
check "grid=\"maybe\": refused at its line" grep -q 'bad.xml:[0-9]*:.*grid="maybe" is not yes or no' "$tmp/bad.err"
finish grid
