#!/bin/sh
# t-variants.sh PLAQUETTE: the layout is general — variants of the brochure
# (40 cards and 12 projects, an emptied section, an overlong card) lay out
# with nothing lost, a correct Sommaire and a page count padded to 4.
set -u
. tests/lib.sh
bin=$1
scratch variants
python3 tests/variants.py data/brochure.xml "$tmp"

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

for v in big empty long; do
	$bin build "$tmp/$v.xml" -o "$tmp/$v.pdf" 2>"$tmp/$v.err"
	rc=$?
	check "$v: builds (exit 0)" test $rc -eq 0
	[ $rc -eq 0 ] || { sed 's/^/    /' "$tmp/$v.err"; continue; }
	check "$v: every word, in order" python3 tests/check.py words "$tmp/$v.xml" "$tmp/$v.pdf" 1.0
	check "$v: Sommaire numbers are where the sections start" python3 tests/check.py toc "$tmp/$v.xml" "$tmp/$v.pdf"
	check "$v: page count a multiple of 4" test $(($(pages "$tmp/$v.pdf") % 4)) -eq 0
	if grep -q 'blank page(s) added' "$tmp/$v.err"; then
		added=$(sed -n 's/.*warning: \([0-9]*\) blank page(s) added so the page count (\([0-9]*\)).*/\1 \2/p' "$tmp/$v.err")
		check "$v: the padding warning says the real count" test "${added#* }" -eq "$(pages "$tmp/$v.pdf")"
	fi
done
check "big: 40 cards, each whole on a page" sh -c "python3 tests/check.py cards '$tmp/big.xml' '$tmp/big.pdf' | grep -q 'cards per page'"
check "big: more pages than the brochure" test "$(pages "$tmp/big.pdf")" -gt 16
check "long: the overlong card is split, with a warning naming its line" grep -q "big.xml\|long.xml:[0-9]*: warning: city is taller than a column; it was split" "$tmp/long.err"
check "empty: fewer pages, still a multiple of 4" test "$(pages "$tmp/empty.pdf")" -lt 16

# a fixed frame that overflows is an error naming the element and its line
sed 's|<line>Security</line>|<line>Security</line><line>A</line><line>B</line><line>C</line><line>D</line><line>E</line><line>F</line><line>G</line><line>H</line><line>I</line><line>J</line><line>K</line><line>L</line><line>M</line><line>N</line>|' data/brochure.xml >"$tmp/cover.xml"
$bin build "$tmp/cover.xml" -o "$tmp/cover.pdf" 2>"$tmp/cover.err"
rc=$?
check "overflowing cover: exit 1, no PDF" sh -c "[ $rc -eq 1 ] && [ ! -e '$tmp/cover.pdf' ]"
check "overflowing cover: the error names the element and its line" grep -q "cover.xml:[0-9]*: error: .* does not fit anywhere" "$tmp/cover.err"
$bin build --keep-going "$tmp/cover.xml" -o "$tmp/cover.pdf" 2>/dev/null
$bin build --debug-boxes data/brochure.xml -o "$tmp/dbg.pdf" --dump-layout "$tmp/dbg.txt" 2>/dev/null
check "--debug-boxes draws frames and baselines" sh -c "grep -q '^  frame ' '$tmp/dbg.txt' && grep -q '^  baseline ' '$tmp/dbg.txt' && [ -s '$tmp/dbg.pdf' ]"
finish variants
