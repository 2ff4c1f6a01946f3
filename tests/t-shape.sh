#!/bin/sh
# t-shape.sh PLAQUETTE: lines are cut from the one shaping that measured
# their paragraph (para.c), and shaped again only at an edge that is not a
# word space (an added hyphen, a typed one, a word split inside a
# ligature).  From the PDF's text layer (tests/shapetext.py): every
# paragraph of tests/shape/ligatures.xml comes back letter for letter, no
# ligature code point, and the case it exists for happens (a line break
# between the letters of an f-ligature).  The brochure's words: e2e.sh.
set -u
. tests/lib.sh
bin=$1
scratch shape
x=tests/shape/ligatures.xml
$bin build -q "$x" -o "$tmp/l.pdf" 2>"$tmp/err"
check "ligatures: built (only the split word's warning)" sh -c "test -s '$tmp/l.pdf' && ! grep -v 'wider than\|blank page' '$tmp/err'"
check "ligatures: the text layer is the source's, letter for letter" python3 tests/shapetext.py "$tmp/l.pdf" "$x"
n=$(python3 tests/shapetext.py "$tmp/l.pdf" "$x" | awk '/inside an f-ligature/ { print $NF }')
check "ligatures: some line breaks inside an f-ligature (${n:-0})" test "${n:-0}" -ge 1
finish shape
