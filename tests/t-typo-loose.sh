#!/bin/sh
# t-typo-loose.sh PLAQUETTE: word gaps a reader accepts on narrow
# measures, measured from the PDF (tests/typo-measure.py): a justified
# style set ragged under its justify-min-measure=, on the English edition
# with the "columns" template in three columns (about 17 em a column).
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# out FILE KEY: one figure of typo-measure.py --json
out() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2" 2>/dev/null; }

sed 's|<template name="columns" columns="2"|<template name="columns" columns="3"|' styles/efus.xml >"$tmp/c3.xml"
sed 's|justify-min-measure="20em"|justify-min-measure="0"|' "$tmp/c3.xml" >"$tmp/c3j.xml"
check "the sheet's body style sets justify-min-measure=\"20em\"" grep -q 'justify-min-measure="20em"' "$tmp/c3.xml"
for v in c3 c3j; do
	$bin build -q -s "$tmp/$v.xml" data/brochure.en.xml -o "$tmp/$v.pdf" 2>/dev/null
	python3 tests/typo-measure.py --json "$tmp/$v.pdf" >"$tmp/$v.json"
done
check "3 columns, justify-min-measure=\"20em\": at most 1 % of justified lines over 1.5 x natural ($(out "$tmp/c3.json" loose_pct) %)" \
	awk -v p="$(out "$tmp/c3.json" loose_pct)" 'BEGIN { exit !(p <= 1.0) }'
check "3 columns, justify-min-measure=\"20em\": no line over 2 x natural (worst $(out "$tmp/c3.json" worst))" \
	test "$(out "$tmp/c3.json" over2)" -eq 0
# the same columns justified: the rule is what set them ragged
check "3 columns justified (justify-min-measure=\"0\"): more justified lines ($(out "$tmp/c3j.json" justified) against $(out "$tmp/c3.json" justified)) and looser ones ($(out "$tmp/c3j.json" over2) over 2 x)" \
	awk -v j="$(out "$tmp/c3j.json" justified)" -v r="$(out "$tmp/c3.json" justified)" -v o="$(out "$tmp/c3j.json" over2)" \
	'BEGIN { exit !(j != "" && r != "" && j > 1.5 * r && o > 0) }'
# the editions' measures are all wider than 20 em: the rule changes nothing there
sed 's|justify-min-measure="20em"|justify-min-measure="0"|' styles/efus.xml >"$tmp/j0.xml"
$bin build -q data/brochure.xml -o "$tmp/fr.pdf" --dump-layout "$tmp/fr.dump" 2>/dev/null
$bin build -q -s "$tmp/j0.xml" data/brochure.xml -o "$tmp/fr0.pdf" --dump-layout "$tmp/fr0.dump" 2>/dev/null
check "fr: justify-min-measure=\"20em\" sets the edition as justify-min-measure=\"0\" (same display list)" \
	sh -c "[ -s '$tmp/fr.dump' ] && cmp -s '$tmp/fr.dump' '$tmp/fr0.dump'"
# a bad value: an input error at its line
sed '0,/justify-min-measure="20em"/s//justify-min-measure="wide"/' styles/efus.xml >"$tmp/bad.xml"
line=$(grep -n 'justify-min-measure="wide"' "$tmp/bad.xml" | cut -d: -f1)
$bin build -s "$tmp/bad.xml" data/brochure.xml -o "$tmp/bad.pdf" 2>"$tmp/bad.err"
rc=$?
check "justify-min-measure=\"wide\": an input error (exit $rc) at its line, no PDF" \
	sh -c "[ $rc -eq 1 ] && grep -q 'bad.xml:$line: error: .*justify-min-measure' '$tmp/bad.err' && [ ! -e '$tmp/bad.pdf' ]"
finish typo-loose
