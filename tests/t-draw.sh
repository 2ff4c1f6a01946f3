#!/bin/sh
# t-draw.sh PLAQUETTE: how glyphs are drawn, measured from the PDF.  Text
# extraction keeps the characters a glyph stands for (a ligature, a base
# letter with a combining accent set as one glyph, right-to-left text):
# clusters are handed to Cairo with the glyphs.  Glyph expansion comes in
# whole steps (tests/tjcount.py reads the text matrices).
set -u
. tests/lib.sh
take_bin t-draw "$@"
scratch draw

# doc FILE BODY: a one-section brochure whose section holds BODY.
doc() { one_section_doc "$1" Dessin "$2"; }

# ---- clusters: the characters behind each glyph ----------------------------
acute=$(printf 're\314\201sume\314\201')   # "résumé" with U+0301 combining accents
doc "$tmp/c.xml" "    <p>Un $acute et la lecture : effet, affiner, souffle.</p>
    <p>Arabe : لا سلام et la suite.</p>"
"$bin" build -q "$tmp/c.xml" -o "$tmp/c.pdf" 2>"$tmp/err"
check "a small document builds" test -s "$tmp/c.pdf"
pdftotext -raw "$tmp/c.pdf" "$tmp/c.txt"
check "ligatures extract as their letters (effet, affiner, souffle)" \
	sh -c "grep -q 'effet, affiner, souffle' '$tmp/c.txt'"
check "the ff ligature is one glyph standing for two characters (ActualText ff)" \
	sh -c "qpdf --qdf --object-streams=disable '$tmp/c.pdf' '$tmp/c.qdf' && grep -aq 'ActualText <feff00660066>' '$tmp/c.qdf'"
check "a letter with a combining accent set as one glyph extracts as both characters" \
	grep -q "$acute" "$tmp/c.txt"
# right to left: the lam-alef ligature (U+0644 U+0627, one glyph) keeps both
# (in both words: alone, and inside سلام)
check "Arabic: each lam-alef ligature stands for its two letters, in logical order" \
	sh -c "test \$(grep -ao 'ActualText <feff06440627>' '$tmp/c.qdf' | wc -l) -eq 2"

# ---- glyph expansion in whole steps ------------------------------------------
# Each distinct expansion is a font of its own to Cairo and a text matrix of
# its own in the PDF: justified lines are drawn in steps of 0.2 %, at most 21
# (0.98 … 1.02) for each font size.
"$bin" build -q data/brochure.xml -o "$tmp/b.pdf"
python3 tests/tjcount.py "$tmp/b.pdf" --scales >"$tmp/b.tj"
check "brochure: every line's horizontal scale is a whole step of 0.2 % within 2 %" \
	awk '/^scale/ { k = $3 * 500; if ($3 < 0.97999 || $3 > 1.02001 || (k - int(k + 0.5))^2 > 1e-6) { print; bad = 1 } } END { exit bad }' "$tmp/b.tj"
check "brochure: at most 21 horizontal scales for each font size" \
	sh -c "awk '/^scale/ { n[\$2]++ } END { for (s in n) if (n[s] > 21) { print s, n[s]; bad = 1 } exit bad }' '$tmp/b.tj'"
# Letter spacing costs a TJ number between every two letters; the letters
# take their stretch as expansion first, so that most lines need none
# (16 976 numbers for 33 272 glyphs before, 8 660 after).
check "brochure: fewer TJ position numbers than a third of the glyphs" \
	awk '/^tj-numbers/ { print; exit !($2 * 3 < $8) }' "$tmp/b.tj"

finish t-draw
