#!/bin/sh
# t-fit.sh PLAQUETTE: --fit-report tells what the PDF shows — every page
# under the fill rule, every split card (over pages or columns), every
# blank page with its cause — each compared with a measure of the PDF
# (tests/pagecheck.py, pdftotext), never with the program's own counters.
set -u
. tests/lib.sh
bin=$1
scratch fit

# same PDF ERR KIND [SHEET]: the pages --fit-report names (in ERR) for KIND
# are the pages the PDF shows for it — under: pagecheck's fill under 25 %
# with the sheet's templates (a page at 24-25 % is not compared); blank:
# pages with no ink at all.  Prints both lists; fails when they differ or
# when the PDF shows none (nothing would be tested).
same() {
	python3 - "$@" <<'PY'
import re, subprocess, sys
sys.path.insert(0, "tests")
import pagecheck
pdf, err, kind = sys.argv[1:4]
sheet = sys.argv[4] if len(sys.argv) > 4 else "styles/efus.xml"
text = open(err, encoding="utf-8").read()
if kind == "under":
    said = sorted({int(n) for n in re.findall(r"note: page (\d+)(?:, the last of .*, is nearly empty| is only \d+ % filled)", text)})
    out = subprocess.run([sys.executable, "tests/pagecheck.py", "fill", pdf, "0.25", sheet],
                         capture_output=True, text=True).stdout
    shown = sorted(int(n) for n in re.findall(r"^p\. (\d+): \d+%.*UNDER$", out, re.M))
    # the layout measures its fonts' ascent and descent, poppler the PDF's
    # font descriptors: a page within a point of the threshold may fall
    # either way
    edge = {int(n) for n, v in re.findall(r"^p\. (\d+): (\d+)%", out, re.M) if 24 <= int(v) <= 25}
    if edge:
        print(f"within a point of 25 %, not compared: {sorted(edge)}")
    said = [n for n in said if n not in edge]
    shown = [n for n in shown if n not in edge]
else:
    said = sorted(int(n) for n in re.findall(r"note: page (\d+) is blank: ", text))
    shown = [i + 1 for i, ink in enumerate(pagecheck.ink_pages(pdf)) if not ink]
print(f"--fit-report: {said}; the PDF: {shown}")
sys.exit(0 if said == shown and shown else 1)
PY
}

# Pages under the fill rule: the brochure without the sheet's min-fill
# (p. 12 holds a few lines), and generated documents of the series whose
# short sections stand alone on pages (their sheets' min-fill off too: with
# it their fill rules leave no page under a quarter).
sed 's|min-fill="25%"|min-fill="0%"|' styles/efus.xml >"$tmp/nofill.xml"
$bin build -s "$tmp/nofill.xml" --fit-report data/brochure.xml -o "$tmp/nofill.pdf" 2>"$tmp/nofill.err"
check "brochure, min-fill 0 %: the pages under a quarter are the ones the PDF shows" \
	same "$tmp/nofill.pdf" "$tmp/nofill.err" under
seeds="1960850 1960852"
case $bin in *asan*) seeds=1960852 ;; esac
for s in $seeds; do
	python3 tests/gen/gendoc.py "$s" "$tmp/g$s" >/dev/null
	sed -i 's|min-fill="25%"|min-fill="0%"|' "$tmp/g$s/style.xml"
	$bin build -s "$tmp/g$s/style.xml" --fit-report "$tmp/g$s/doc.xml" -o "$tmp/g$s.pdf" 2>"$tmp/g$s.err"
	check "generated document $s: the pages under its min-fill are the ones the PDF shows" \
		same "$tmp/g$s.pdf" "$tmp/g$s.err" under "$tmp/g$s/style.xml"
done
$bin build --fit-report data/brochure.xml -o "$tmp/b.pdf" 2>"$tmp/b.err"
blanks=$(python3 tests/pagecheck.py fill "$tmp/b.pdf" | grep -c ': blank$')
check "the brochure: no page under the fill rule, $blanks blank as the PDF shows, and the PDF agrees" sh -c \
	"grep -q 'fit: 16 page(s), $blanks of them blank; 0 nearly empty' '$tmp/b.err' && python3 tests/pagecheck.py fill '$tmp/b.pdf' 0.25 >/dev/null"

# Split cards: over two pages (a city card made taller than a page) and
# over two columns of one page (a city card in a two-column section).
# The PDF shows a split as the card's continuation heading, "NAME – suite".
long=$(for i in $(seq 60); do printf "Un paragraphe ajouté pour allonger la carte au-delà de la hauteur d'une page. "; done)
sed "/<city id=\"riga\">/,/<\/city>/ s|</p>|</p><p>$long</p>|" data/brochure.xml >"$tmp/split.xml"
line=$(grep -n '<city id="riga">' "$tmp/split.xml" | cut -d: -f1)
$bin build --fit-report "$tmp/split.xml" -o "$tmp/split.pdf" 2>"$tmp/split.err"
to=$(sed -n "s/.*split.xml:$line: note: the <city> that starts here runs from page [0-9]* onto page \([0-9]*\).*/\1/p" "$tmp/split.err")
check "a card split over pages: reported at its line" test -n "$to"
check "a card split over pages: the PDF shows its continuation on the page named" \
	sh -c "pdftotext -f ${to:-999} -l ${to:-999} -layout '$tmp/split.pdf' - | grep -q 'Riga (Lettonie) – suite'"
n=$(sed -n 's/.*, \([0-9]*\) split card(s).*/\1/p' "$tmp/split.err")
shown=$(pdftotext -layout "$tmp/split.pdf" - | grep -o '► [^–]*– suite' | sort -u | wc -l)
check "a card split over pages: as many split cards reported ($n) as the PDF shows ($shown)" \
	sh -c "[ '${n:-x}' = '$shown' ] && [ $shown -gt 0 ]"
x=tests/layout/card-after-project.xml
$bin build --fit-report "$x" -o "$tmp/cap.pdf" 2>"$tmp/cap.err"
line=$(grep -n '<city id="c3">' "$x" | cut -d: -f1)
p=$(sed -n "s/.*card-after-project.xml:$line: note: the <city> that starts here runs from \(page [0-9]* onto page\|column [0-9]* onto column [0-9]* of page\) \([0-9]*\).*/\2/p" "$tmp/cap.err")
check "a card split in a two-column section: reported at its line" test -n "$p"
check "a card split in a two-column section: the PDF shows its continuation on the page named" \
	sh -c "pdftotext -f ${p:-999} -l ${p:-999} -layout '$tmp/cap.pdf' - | grep -q 'C3 (Suède) – suite'"

# Blank pages and their causes: padding to a multiple of 4 (the brochure
# without its last section) and right-hand starts (sections on odd pages).
python3 - data/brochure.xml "$tmp/nolast.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index('  <section id="apropos"')
b = s.index('</section>', a) + len('</section>')
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[b:])
PY
$bin build --fit-report "$tmp/nolast.xml" -o "$tmp/nolast.pdf" 2>"$tmp/nolast.err"
check "padding: the blank pages reported are the PDF's empty pages" same "$tmp/nolast.pdf" "$tmp/nolast.err" blank
check "padding: each says why" grep -q 'note: page [0-9]* is blank: added so that the page count (16) is a multiple of 4' "$tmp/nolast.err"
sed 's|<style name="section" parent="base" break-before="page"|<style name="section" parent="base" break-before="right"|' styles/efus.xml >"$tmp/right.xml"
$bin build -s "$tmp/right.xml" --fit-report data/brochure.xml -o "$tmp/right.pdf" 2>"$tmp/right.err"
check "right-hand starts: the blank pages reported are the PDF's empty pages" same "$tmp/right.pdf" "$tmp/right.err" blank
check "right-hand starts: each blank names the line of what starts after it" \
	grep -q 'brochure.xml:[0-9]*: note: page [0-9]* is blank: what starts here begins on a right-hand page' "$tmp/right.err"
finish fit
