#!/bin/sh
# t-editors.sh PLAQUETTE: the tools for translators and editors — parity
# check, fit report, pseudo-translation, PNG previews, --watch and diff.
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# wait_for SECONDS COMMAND...: polls until the command succeeds (status 1 on time-out)
wait_for() {
	n=$(($1 * 10))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" 2>/dev/null && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# png_size FILE: "WIDTHxHEIGHT" from the PNG header
png_size() {
	python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}

# --- parity: check --against ---------------------------------------------------
$bin check --against data/brochure.xml data/brochure.en.xml >/dev/null 2>"$tmp/err"; rc=$?
check "parity: the English edition matches the French one (exit 0)" test $rc -eq 0
check "parity: summary line, nothing missing" grep -q 'note: .*38 element(s) with an id compared; 0 missing, 0 extra, 0 structure difference(s), 0 changed reference(s), 0 changed link(s), 0 untranslated' "$tmp/err"

sed '/<city id="liege">/,/<\/city>/d' data/brochure.en.xml >"$tmp/missing.xml"
line=$(grep -n '<city id="liege">' data/brochure.xml | cut -d: -f1)
$bin check --against data/brochure.xml "$tmp/missing.xml" >/dev/null 2>"$tmp/err"; rc=$?
check "parity: a deleted city card exits 1" test $rc -eq 1
check "parity: the card is named by id with its line" grep -q "data/brochure.xml:$line: error: <city id=\"liege\"> is missing from the translation" "$tmp/err"

python3 - data/brochure.xml data/brochure.en.xml "$tmp/untranslated.xml" <<'EOF'
import sys
fr, en = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
out = sys.argv[3]
def para(s):
    a = s.index('<city id="riga">')
    p = s.index("<p>", a)
    return p, s.index("</p>", p) + 4
fp, fe = para(fr)
ep, ee = para(en)
open(out, "w", encoding="utf-8").write(en[:ep] + fr[fp:fe] + en[ee:])
EOF
line=$(grep -n 'Elle vise la prévention primaire' "$tmp/untranslated.xml" | cut -d: -f1)
$bin check --against data/brochure.xml "$tmp/untranslated.xml" >/dev/null 2>"$tmp/err"; rc=$?
check "parity: a paragraph left in French is a warning (exit 0)" test $rc -eq 0
check "parity: the warning names its line" grep -q "untranslated.xml:$line: warning: text identical to the source" "$tmp/err"
$bin check --strict --against data/brochure.xml "$tmp/untranslated.xml" >/dev/null 2>&1; rc=$?
check "parity: --strict makes it an error (exit 1)" test $rc -eq 1

sed 's|<ref project="bounce" years="2015-2017">|<ref project="bounce" years="2015-2018">|' data/brochure.en.xml >"$tmp/ref.xml"
$bin check --against data/brochure.xml "$tmp/ref.xml" >/dev/null 2>"$tmp/err"; rc=$?
check "parity: a changed ref/@years is an error" sh -c "[ $rc -eq 1 ] && grep -q 'years=\"2015-2018\" differs from the source' '$tmp/err'"

# --- fit report ----------------------------------------------------------------
$bin build --fit-report data/brochure.xml -o "$tmp/fr.pdf" 2>"$tmp/err"
line=$(grep -n '<section id="projets-partenaires"' data/brochure.xml | cut -d: -f1)
# the added blank pages, as the PDF shows them (no text, no picture)
blanks() { python3 tests/pagecheck.py fill "$1" | grep -c ': blank$'; }
nb=$(blanks "$tmp/fr.pdf")
check "fit: no nearly empty page in the brochure (min-fill balances p. 11-12; $nb blank)" \
	grep -q "note: fit: 16 page(s), $nb of them blank; 0 nearly empty" "$tmp/err"
# without the sheet's min-fill, p. 12 holds a few lines: reported with its line
sed 's|min-fill="25%"|min-fill="0%"|' styles/efus.xml >"$tmp/nofill.xml"
$bin build -s "$tmp/nofill.xml" --fit-report data/brochure.xml -o "$tmp/fr0.pdf" 2>"$tmp/err0"
check "fit: the nearly empty last page of a section, with its line" grep -q "brochure.xml:$line: note: page 12, the last of \"Projets dont l'Efus est partenaire\", is nearly empty" "$tmp/err0"
check "fit: a summary line" grep -q "note: fit: 16 page(s), $nb of them blank" "$tmp/err"
# repeat N TEXT: TEXT N times, for paragraphs long enough to move pages
repeat() { printf "%.0s$2 " $(seq "$1"); }
long=$(repeat 60 "Un paragraphe ajouté pour allonger la carte au-delà de la hauteur d'une page.")
sed "/<city id=\"riga\">/,/<\/city>/ s|</p>|</p><p>$long</p>|" data/brochure.xml >"$tmp/split.xml"
line=$(grep -n '<city id="riga">' "$tmp/split.xml" | cut -d: -f1)
$bin build --fit-report "$tmp/split.xml" -o "$tmp/split.pdf" 2>"$tmp/err"
check "fit: a card split across pages, with its line" grep -q "split.xml:$line: note: the <city> that starts here runs from page [0-9]* onto page [0-9]*" "$tmp/err"
$bin build --against data/brochure.xml data/brochure.en.xml -o "$tmp/en.pdf" 2>"$tmp/err"
# the pages each edition needs: its pages less the added blanks
need_en=$((16 - $(blanks "$tmp/en.pdf"))) need_fr=$((16 - nb))
check "fit: --against compares the page counts of both editions ($need_en and $need_fr)" grep -q "the English edition needs $need_en page(s) where the French one needs $need_fr (both print on 16 pages)" "$tmp/err"

# --- pseudo-translation ----------------------------------------------------------
$bin build --pseudo 1.4 data/brochure.xml -o "$tmp/pseudo.pdf" --dump-text "$tmp/pseudo.txt" 2>/dev/null; rc=$?
check "pseudo 1.4: builds" test $rc -eq 0
check "pseudo 1.4: every composed word is in the PDF, in order" python3 -c '
import re, sys
sys.path.insert(0, "tests")
from check import tokens, in_order, pdftext
want = tokens(open(sys.argv[1], encoding="utf-8").read())
# a word hyphenated at the foot of a page continues after the page number
have = re.sub(r"([-\u2010])\s*\n\d+\n", r"\1\n", pdftext(sys.argv[2]))
ratio, missing = in_order(want, tokens(have, True))
print("%.2f%% of %d words; missing: %s" % (ratio * 100, len(want), " ".join(missing[:20])))
sys.exit(not (ratio == 1.0 and len(want) > 4000 and "Séécürrítty" in want))
' "$tmp/pseudo.txt" "$tmp/pseudo.pdf"
pages=$(pdfinfo "$tmp/pseudo.pdf" | awk '/^Pages:/ { print $2 }')
check "pseudo 1.4: longer, and a multiple of 4 pages ($pages)" sh -c "[ $pages -gt 16 ] && [ $((pages % 4)) -eq 0 ]"

# --- PNG previews ------------------------------------------------------------------
$bin build data/brochure.xml -o "$tmp/fr.pdf" --png "$tmp/png" 2>/dev/null; rc=$?
check "png: the build succeeds and still writes the PDF" sh -c "[ $rc -eq 0 ] && [ -s '$tmp/fr.pdf' ]"
check "png: 16 page images" test "$(ls "$tmp/png" | grep -c '^page-[0-9][0-9]\.png$')" -eq 16
check "png: A4 at 60 dpi is 496x702" test "$(png_size "$tmp/png/page-01.png")" = 496x702
check "png: contact sheet of 4 x 4 thumbnails is 540x804" test "$(png_size "$tmp/png/contact.png")" = 540x804
$bin build data/brochure.xml -o "$tmp/fr.pdf" --png "$tmp/png30" --png-dpi 30 2>/dev/null
check "png: --png-dpi 30 gives 248x351" test "$(png_size "$tmp/png30/page-16.png")" = 248x351

# --- watch -------------------------------------------------------------------------
mkdir "$tmp/w"
cp data/brochure.xml "$tmp/w/b.xml"
timeout 60 $bin build --watch-count 2 "$tmp/w/b.xml" -o "$tmp/w/b.pdf" 2>"$tmp/w/log" &
pid=$!
check "watch: the first build" wait_for 20 grep -q 'watching' "$tmp/w/log"
touch "$tmp/w/b.xml"
check "watch: rebuilt after a touch" wait_for 20 grep -q "rebuilt $tmp/w/b.pdf in [0-9]* ms (16 pages)" "$tmp/w/log"
# an editor's save: a new file renamed over the old one
sed 's/des citoyens et des réfugiés/des habitants et des réfugiés/' "$tmp/w/b.xml" >"$tmp/w/b.xml.new"
mv "$tmp/w/b.xml.new" "$tmp/w/b.xml"
wait "$pid"; rc=$?
pid=""
check "watch: rebuilt after a save by rename, then stopped (--watch-count 2)" sh -c "[ $rc -eq 0 ] && [ \$(grep -c 'rebuilt' '$tmp/w/log') -eq 2 ]"
timeout 60 $bin build --watch "$tmp/w/b.xml" -o "$tmp/w/b.pdf" 2>"$tmp/w/log2" &
pid=$!
wait_for 20 grep -q 'watching' "$tmp/w/log2"
kill -TERM "$pid"
wait "$pid"; rc=$?
pid=""
check "watch: SIGTERM stops it cleanly (exit 0)" test $rc -eq 0

# --- diff --------------------------------------------------------------------------
$bin build data/brochure.xml -o "$tmp/fr.pdf" --dump-layout "$tmp/fr.dump" 2>/dev/null
riga=$(awk '/^page / { p = $2 } / dest .* riga$/ { print p; exit }' "$tmp/fr.dump")
sed 's/des citoyens et des réfugiés/des habitants et des réfugiés/' data/brochure.xml >"$tmp/edit.xml"
$bin diff data/brochure.xml "$tmp/edit.xml" -o "$tmp/proof.pdf" --png "$tmp/proof" >"$tmp/sum" 2>"$tmp/err"; rc=$?
check "diff: exits 0 with a summary" sh -c "[ $rc -eq 0 ] && grep -q '^proof: ' '$tmp/sum'"
check "diff: a word changed in a city card changes its page ($riga) and no other" grep -qx "changed pages: $riga" "$tmp/sum"
check "diff: nothing moved, Sommaire unchanged" sh -c "grep -qx 'moved content: none' '$tmp/sum' && grep -qx 'Sommaire: unchanged' '$tmp/sum'"
check "diff: the proof has a summary page and the 16 pages" sh -c "pdfinfo '$tmp/proof.pdf' | grep -q 'Pages: *17'"
check "diff: the proof says which page changed" sh -c "pdftotext -f $((riga + 1)) -l $((riga + 1)) '$tmp/proof.pdf' - | grep -q 'page $riga: changed' && pdftotext -f 2 -l 2 '$tmp/proof.pdf' - | grep -q 'page 1: unchanged'"
check "diff: --png writes the proof's pages" sh -c "[ \$(ls '$tmp/proof' | grep -c '^proof-[0-9]*\.png$') -eq 17 ]"

long=$(repeat 14 "Un paragraphe ajouté pour pousser la section suivante sur une autre page, avec assez de mots pour remplir plusieurs lignes.")
sed "/<city id=\"vilvorde\">/,/<\/city>/ s|</p>|</p><p>$long</p>|" data/brochure.xml >"$tmp/push.xml"
$bin diff data/brochure.xml "$tmp/push.xml" -o "$tmp/proof2.pdf" >"$tmp/sum" 2>"$tmp/err"; rc=$?
check "diff: a longer city card pushes the next section: the Sommaire changes" sh -c "[ $rc -eq 0 ] && grep -q '^  Les projets européens qui fédèrent .* p\. 9 → p\. 10$' '$tmp/sum'"
check "diff: the pushed pages are reported as moved" grep -q '^moved content: page 9 (was on page 8)' "$tmp/sum"

finish editors
