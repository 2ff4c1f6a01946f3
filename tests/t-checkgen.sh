#!/bin/sh
# t-checkgen.sh PLAQUETTE: tests/gen/checkgen.py's picture measure on
# pictures of known size (tests/mkimg.c): the pixel size it reads from a
# PNG and from JPEGs (RGB, grey, CMYK) is the file's, an SVG has none,
# and its "images" property holds for a document with a JPEG and a PNG,
# and fails, naming the picture, when the JPEG's proportions are not the
# drawn one's.
set -u
. tests/lib.sh
bin=$1
scratch checkgen
mkimg checkgen

size() { python3 -c 'import sys; sys.path.insert(0, "tests/gen"); import checkgen; s = checkgen.picture_size(sys.argv[1]); print("%dx%d" % s if s else s)' "$1"; }
"$mk" jpeg 640 427 "$tmp/rgb.jpg" rgb
"$mk" jpeg 333 500 "$tmp/gray.jpg" gray
"$mk" jpeg 120 80 "$tmp/cmyk.jpg" cmyk
"$mk" png 300 200 "$tmp/a.png"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n' >"$tmp/a.svg"
for c in rgb.jpg:640x427 gray.jpg:333x500 cmyk.jpg:120x80 a.png:300x200; do
	check "picture_size ${c%%:*}: ${c#*:} px ($(size "$tmp/${c%%:*}"))" test "$(size "$tmp/${c%%:*}")" = "${c#*:}"
done
check "picture_size of an SVG: none" test "$(size "$tmp/a.svg")" = None

# a document laid out as tests/gen/runbatch.py lays one out
d=$tmp/doc
mkdir "$d"
one_section_doc "$d/doc.xml" "Images" '    <p>Une photo et un dessin.</p>
    <image src="img-1.jpg" alt="photo"/>
    <p>Suite du texte.</p>
    <image src="img-2.png" alt="dessin"/>'
cp styles/efus.xml "$d/style.xml"
cp "$tmp/rgb.jpg" "$d/img-1.jpg"
cp "$tmp/a.png" "$d/img-2.png"
"$bin" build -q -s "$d/style.xml" "$d/doc.xml" -o "$d/doc.pdf" 2>"$d/err"
echo $? >"$d/rc"
python3 tests/gen/checkgen.py "$d" >"$d/checks" 2>&1
check "a JPEG and a PNG: images ok ($(grep '^images' "$d/checks"))" grep -q '^images ok' "$d/checks"
check "a JPEG picture is no leftover file ($(grep '^leftover' "$d/checks"))" grep -q '^leftover ok' "$d/checks"
# the file swapped for a JPEG of other proportions after the build
"$mk" jpeg 640 200 "$d/img-1.jpg" rgb
python3 tests/gen/checkgen.py "$d" >"$d/checks" 2>&1
check "a JPEG not drawn at its proportions: images FAIL naming it ($(grep '^images' "$d/checks"))" grep -q '^images FAIL.*img-1.jpg (640x200)' "$d/checks"
finish checkgen
