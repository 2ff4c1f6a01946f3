#!/bin/sh
# t-grid.sh PLAQUETTE: the baseline grid, measured from the PDF — body
# lines of both columns and of facing pages on one grid (grid="yes" in
# the sheet), the brochure's plan kept.
set -u
. tests/lib.sh
bin=$1
scratch grid

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# The two editions with the Efus sheet: >= 95 % of the body lines of
# pp. 4-15 on their page's grid, every spread of one leading too.
eds="brochure brochure.en"
case $bin in *asan*) eds=brochure ;; esac
for e in $eds; do
	$bin build -q "data/$e.xml" -o "$tmp/$e.pdf" 2>/dev/null
	check "$e: body lines of pp. 4-15 and their spreads on the grid (>= 95 %)" \
		python3 tests/pagecheck.py grid "$tmp/$e.pdf" 4-15 0.95
	check "$e: facing pages pp. 4-15 register (>= 95 % of each spread's left-page lines on the right page's grid)" \
		python3 tests/pagecheck.py spread "$tmp/$e.pdf" 4-15 0.95
	check "$e: margins of the printed area the same on every page of one layout (1 mm), pp. 2-15" \
		python3 tests/pagecheck.py margins "$tmp/$e.pdf" 2-15 1
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

# Sections of different body leadings (projects 14 pt, services 14.5 pt,
# as the sheet had them): without the page's grid each grid style is on a
# grid of its own leading and the spreads joining two sections are off
# register; with it, their lines are set on the step (a warning at each
# leading) and facing pages register.
sed -e 's/<style name="project-p" parent="p" size="10pt"/& leading="14pt"/' \
    -e 's/<style name="section-services-p" parent="p" size="10pt"/& leading="14.5pt"/' \
    styles/efus.xml >"$tmp/lead.xml"
sed 's/ grid="13.5pt"//' "$tmp/lead.xml" >"$tmp/owngrid.xml"
$bin build -q -s "$tmp/owngrid.xml" data/brochure.xml -o "$tmp/owngrid.pdf" 2>/dev/null
check "leadings 14/14.5pt, no page grid: built" test -s "$tmp/owngrid.pdf"
check "leadings 14/14.5pt, no page grid: the spreads joining two sections are off register" \
	sh -c "! python3 tests/pagecheck.py spread '$tmp/owngrid.pdf' 4-15 0.95 >/dev/null"
$bin build -q -s "$tmp/lead.xml" data/brochure.xml -o "$tmp/lead.pdf" 2>"$tmp/lead.err"
check "leading 14pt on a 13.5pt grid: a warning at its line" \
	grep -q 'lead.xml:[0-9]*:.*project-p.*leading="14.00pt" is not a whole number of steps' "$tmp/lead.err"
check "leading 14.5pt on a 13.5pt grid: a warning at its line" \
	grep -q 'lead.xml:[0-9]*:.*section-services-p.*leading="14.50pt" is not a whole number' "$tmp/lead.err"
check "leadings 14/14.5pt on a 13.5pt page grid: set on it, facing pages in register" \
	python3 tests/pagecheck.py spread "$tmp/lead.pdf" 4-15 0.95
sed 's/ grid="13.5pt"/ grid="0.5pt"/' styles/efus.xml >"$tmp/step.xml"
$bin build -q -s "$tmp/step.xml" data/brochure.xml -o "$tmp/step.pdf" 2>"$tmp/step.err"
check "page grid=\"0.5pt\": refused at its line" grep -q 'step.xml:[0-9]*:.*grid="0.5pt" is not a step from 1pt' "$tmp/step.err"

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
