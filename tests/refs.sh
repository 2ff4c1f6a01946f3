#!/bin/sh
# refs.sh check|record PLAQUETTE [DOC.xml REFDIR]: low-resolution renders
# of a document's pages (40 dpi, grey) against the references in REFDIR
# (default: the brochure, tests/ref/).  check: a page passes when at most
# 0.5 % of its pixels differ visibly (grey levels 48 apart), which
# tolerates rasteriser noise but not a moved line.  record: writes the
# references again and says which pages changed.
set -u
. tests/lib.sh
mode=$1
bin=$2
xml=${3:-data/brochure.xml}
refs=${4:-tests/ref}
name=refs
label=
if [ "$refs" != tests/ref ]; then
	name="refs-$(basename "$refs")"
	label="$(basename "$xml" .xml) "
fi
scratch refs
$bin build -q "$xml" -o "$tmp/b.pdf" 2>/dev/null
pdftoppm -r 40 -gray -png "$tmp/b.pdf" "$tmp/page"
mkdir -p "$refs"
n=0
for png in "$tmp"/page-*.png; do
	n=$((n + 1))
	ref=$refs/$(basename "$png")
	if [ "$mode" = record ]; then
		if [ ! -f "$ref" ] || ! python3 tests/check.py pngdiff "$ref" "$png" 0 >/dev/null; then
			echo "page $n changed"
		fi
		cp "$png" "$ref"
		continue
	fi
	if [ ! -f "$ref" ]; then
		not_ok "${label}page $n: no reference render ($ref; make refs records it)"
	elif out=$(python3 tests/check.py pngdiff "$ref" "$png" 0.005); then
		ok "${label}page $n looks like its reference ($out)"
	else
		not_ok "${label}page $n differs from its reference: $out (make refs records the new look)"
	fi
done
if [ "$mode" = record ]; then
	ls "$refs"/page-*.png | awk -v n=$n -F'page-' '{ sub(".png", "", $2); if ($2 + 0 > n) print }' | xargs -r rm -f
	echo "recorded $n pages in $refs/"
	exit 0
fi
check "${label}as many pages as references" test "$n" -eq "$(ls "$refs"/page-*.png | wc -l)"
finish "$name"
