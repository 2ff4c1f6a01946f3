#!/bin/sh
# t-glyphs.sh PLAQUETTE: glyph coverage, checked before layout.  Symbols the
# text font lacks (≈ ≤ →) are set from the fallback fonts of fonts/ (Noto
# Sans Math) and embedded; a character no font of fonts/ has is named
# (U+… and its Unicode name) with its element, file:line and a font of the
# system that has it: a warning for the screen edition, an error (nothing
# written) for the press edition.  Measured from the PDF (pdffonts,
# pdftotext) and from the messages.
set -u
. tests/lib.sh
take_bin t-glyphs "$@"
unset SOURCE_DATE_EPOCH
case_prefix=glyphs
. tests/badlib.sh

# doc FILE BODY: a one-section brochure whose section holds BODY (lines).
doc() { one_section_doc "$1" Symboles "$2"; }
# line FILE TEXT: the line of FILE holding TEXT (computed, never typed)
line() { grep -n -F -- "$2" "$1" | head -1 | cut -d: -f1; }
emb_math() { pdffonts "$1" | grep -Eq 'NotoSansMath-Regular +CID TrueType +Identity-H +yes'; }

# ---- symbols from the fallback font ------------------------------------
sym=$tmp/sym.xml
doc "$sym" '    <p>Une hausse ≈ 12 %, des budgets ≤ 40 000 € et la suite → p. 9.</p>
    <p>Sans glyphe propre : césure con&#xAD;ditionnelle, joint&#x2060;ure, z&#x200D;wj, espace&#x2009;fine, 12&#x202F;000&#xA0;€.</p>'
begin "symbols ≈ ≤ →: set from the fallback font, no warning"
run build "$sym" -o "$out/x.pdf"
status 0
! grep -Eq ': (warning|error): (U[+]|[0-9]+ character)' "$tmp/stderr"
res $? "$name: no glyph message"
sane
replaced
emb_math "$out/x.pdf"
res $? "$name: Noto Sans Math is embedded"
pdftotext "$out/x.pdf" "$tmp/x.txt"
grep -q '≈ 12' "$tmp/x.txt" && grep -q '≤ 40' "$tmp/x.txt" && grep -q '→' "$tmp/x.txt"
res $? "$name: the text layer has ≈ 12, ≤ 40 and →"

begin "symbols ≈ ≤ →: the press edition builds too, Noto Sans Math embedded"
run build --print "$sym" -o "$out/x.pdf"
status 0
sane
replaced
emb_math "$out/x.pdf"
res $? "$name: Noto Sans Math is embedded"

# ---- no font of fonts/ has it ------------------------------------------
begin "≈ with no fallback font: named, with its line and a system font that has it"
h=$out/home
mkdir -p "$h/fonts"
cp -r schema styles "$h/"
cp fonts/*.ttf "$h/fonts/"
rm "$h/fonts/NotoSansMath-Regular.ttf"
PLAQUETTE_HOME=$h run build "$sym" -o "$out/x.pdf"
status 0
says "$(re "$sym"):$(line "$sym" hausse)" warning \
	'U\+2248 ALMOST EQUAL TO in <p> is in no font of .*home/fonts.*the system font Noto Sans Math \([^)]*NotoSansMath-Regular.ttf\) has it'
says "$(re "$sym"):$(line "$sym" hausse)" warning 'U\+2264 LESS-THAN OR EQUAL TO in <p>'
sane
begin "≈ with no fallback font, --print: an error"
mv "$h" "$out/home"
h=$out/home
PLAQUETTE_HOME=$h run build --print "$sym" -o "$out/x.pdf"
status 1
says "$(re "$sym"):$(line "$sym" hausse)" error 'U\+2248 ALMOST EQUAL TO in <p> is in no font'
rm -rf "$h"
untouched

pua=$tmp/pua.xml
doc "$pua" '    <p>Un caractère privé <em>ici &#xE000;</em>,
      et deux fois encore &#xE000; &#xE000; ici.</p>'
begin "U+E000 (private use): a warning for the screen edition, naming <em> and its line"
run build "$pua" -o "$out/x.pdf"
status 0
says "$(re "$pua"):$(line "$pua" privé)" warning \
	'U\+E000 <private use area-E000> in <em> is in no font of .*fonts: it will show as a box \(3 time'
says "$(re "$pua"):$(line "$pua" privé)" warning 'no font on this system has it either'
sane
replaced
begin "U+E000 (private use): an error for the press edition, nothing written"
run build --print "$pua" -o "$out/x.pdf"
status 1
says "$(re "$pua"):$(line "$pua" privé)" error 'U\+E000 <private use area-E000> in <em> .*would print as a box'
! grep -q 'page(s)\|laid out' "$tmp/stderr"
res $? "$name: refused before layout"
sane
untouched
begin "U+E000: check says it too"
run check "$pua"
status 0
says "$(re "$pua"):$(line "$pua" privé)" warning 'U\+E000'
sane

tib=$tmp/tib.xml
doc "$tib" '    <p>Un mot tibétain :
      ཀ, et une rune ᚠ.</p>'
begin "a rare script: the system font that has it is named"
run build --print "$tib" -o "$out/x.pdf"
status 1
says "$(re "$tib"):[0-9]+" error 'U\+0F40 TIBETAN LETTER KA in <p> .*the system font [^(]*Tibetan[^(]* \([^)]+\.[ot]tf\) has it: copy'
says "$(re "$tib"):[0-9]+" error 'U\+16A0 RUNIC LETTER FEHU FEOH FE F in <p>'
sane
untouched

many=$tmp/many.xml
doc "$many" "    <p>$(i=57344; while [ $i -lt 57374 ]; do printf '&#%d; ' $i; i=$((i + 1)); done)</p>"
begin "30 characters in no font: 20 named, the rest counted"
run build --print "$many" -o "$out/x.pdf"
status 1
[ "$(grep -c 'error: U+E0' "$tmp/stderr")" -eq 20 ]
res $? "$name: 20 characters named one by one"
says "$(re "$many")" note 'and 10 more character\(s\) in no font'
sane
untouched

end_case
echo "# $n cases"
finish glyphs
