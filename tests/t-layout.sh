#!/bin/sh
# t-layout.sh PLAQUETTE: the layout engine, measured from the PDF —
# nothing printed twice, padding pages truly blank and where the style
# sheet puts them.
set -u
. tests/lib.sh
bin=$1
scratch layout

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
added() { sed -n 's/.*warning: \([0-9]*\) blank page(s) added.*/\1/p' "$1"; }

# The brochure without its last section: the section before the back cover
# is in two columns; the padding page used to repeat its last lines.
python3 - data/brochure.xml "$tmp/nolast.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index('  <section id="apropos"')
b = s.index('</section>', a) + len('</section>')
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[b:])
PY
$bin build "$tmp/nolast.xml" -o "$tmp/nolast.pdf" 2>"$tmp/nolast.err"
check "no last section: builds" test -s "$tmp/nolast.pdf"
check "no last section: every word, in order" python3 tests/check.py words "$tmp/nolast.xml" "$tmp/nolast.pdf" 1.0
check "no last section: nothing printed twice" python3 tests/pagecheck.py dups "$tmp/nolast.xml" "$tmp/nolast.pdf"
n=$(added "$tmp/nolast.err")
check "no last section: padding pages were added" test "${n:-0}" -gt 0
check "no last section: the padding pages are blank, before the back cover" \
	python3 tests/pagecheck.py blanks "$tmp/nolast.pdf" "${n:-0}" before-back

# blank-pages="end" in the sheet puts them after the back cover
sed 's|<page |<page blank-pages="end" |' styles/efus.xml >"$tmp/end.xml"
$bin build -s "$tmp/end.xml" "$tmp/nolast.xml" -o "$tmp/end.pdf" 2>"$tmp/end.err"
check "blank-pages=end: the padding pages are the last ones, blank" \
	python3 tests/pagecheck.py blanks "$tmp/end.pdf" "$(added "$tmp/end.err")" end
check "blank-pages=end: nothing printed twice" python3 tests/pagecheck.py dups "$tmp/nolast.xml" "$tmp/end.pdf"
sed 's|<page |<page blank-pages="middle" |' styles/efus.xml >"$tmp/bad.xml"
$bin build -s "$tmp/bad.xml" "$tmp/nolast.xml" -o "$tmp/bad.pdf" 2>"$tmp/bad.err"
check "blank-pages=middle: refused, naming the sheet's line" grep -q 'bad.xml:[0-9]*:.*blank-pages="middle"' "$tmp/bad.err"

# A city card after project cards, split over a page at the end of a
# two-column section: it was laid out twice.
x=tests/layout/card-after-project.xml
$bin build "$x" -o "$tmp/cap.pdf" 2>"$tmp/cap.err"
check "card after a project: builds (exit 0)" test -s "$tmp/cap.pdf"
check "card after a project: every word, in order" python3 tests/check.py words "$x" "$tmp/cap.pdf" 1.0
check "card after a project: nothing printed twice" python3 tests/pagecheck.py dups "$x" "$tmp/cap.pdf"

# Cards ending a two-column section: balancing its last page lost the last card.
x=tests/layout/last-card.xml
$bin build "$x" -o "$tmp/lc.pdf" 2>/dev/null
check "cards ending a section: every word, in order" python3 tests/check.py words "$x" "$tmp/lc.pdf" 1.0
check "cards ending a section: nothing printed twice" python3 tests/pagecheck.py dups "$x" "$tmp/lc.pdf"

# Credits right after the cover: they went onto the cover's fixed page (exit 1);
# they start the next page, in the default template
x=tests/layout/credits-after-cover.xml
$bin build "$x" -o "$tmp/cac.pdf" 2>"$tmp/cac.err"
check "credits after the cover: builds (exit 0)" test -s "$tmp/cac.pdf"
check "credits after the cover: every word, in order" python3 tests/check.py words "$x" "$tmp/cac.pdf" 1.0
check "credits after the cover: the cover page holds the cover alone" \
	sh -c "pdftotext -f 1 -l 1 '$tmp/cac.pdf' - | grep -q European && ! pdftotext -f 1 -l 1 '$tmp/cac.pdf' - | grep -q municipale0"
check "credits after the cover: they open page 2" \
	sh -c "pdftotext -raw -f 2 -l 2 '$tmp/cac.pdf' - | head -1 | grep -q '^municipale0 '"

# break-before="page-if-filled": short sub-sections go on on the page before
# while it is under min-fill; with "page" each stood alone on a page
x=tests/layout/short-sections.xml
onpage() { for p in $(seq 1 "$(pages "$1")"); do
	pdftotext -raw -f "$p" -l "$p" "$1" - | grep -qx "$2" && echo "$p"; done; }
$bin build "$x" -o "$tmp/hard.pdf" 2>/dev/null
sed 's|<style name="subsection" parent="base" break-before="page"/>|<style name="subsection" parent="base" break-before="page-if-filled"/>|' \
	styles/efus.xml >"$tmp/soft.xml"
$bin build -s "$tmp/soft.xml" "$x" -o "$tmp/soft.pdf" 2>"$tmp/soft.err"
check "page-if-filled: the sheet's value is read (no error)" sh -c "! grep -q error '$tmp/soft.err'"
check "break-before=page: each short sub-section starts a page" \
	sh -c "[ '$(onpage "$tmp/hard.pdf" Partie1)' != '$(onpage "$tmp/hard.pdf" Partie2)' ]"
check "page-if-filled: the first sub-sections share the section's first page" \
	sh -c "[ '$(onpage "$tmp/soft.pdf" Textes)' = 1 ] && [ '$(onpage "$tmp/soft.pdf" Partie1)' = 1 ] && [ '$(onpage "$tmp/soft.pdf" Partie2)' -le 2 ] && [ '$(onpage "$tmp/soft.pdf" Partie3)' = '$(onpage "$tmp/soft.pdf" Partie2)' ]"
check "page-if-filled: fewer pages ($(pages "$tmp/soft.pdf") against $(pages "$tmp/hard.pdf"))" \
	test "$(pages "$tmp/soft.pdf")" -lt "$(pages "$tmp/hard.pdf")"
check "page-if-filled: every word, in order" python3 tests/check.py words "$x" "$tmp/soft.pdf" 1.0
check "page-if-filled: nothing printed twice" python3 tests/pagecheck.py dups "$x" "$tmp/soft.pdf"
check "page-if-filled: the sections stay in order" \
	sh -c "[ '$(onpage "$tmp/soft.pdf" Partie5)' -le '$(onpage "$tmp/soft.pdf" Fin)' ]"
sed 's|<style name="subsection" parent="base" break-before="page"/>|<style name="subsection" parent="base" break-before="page-if-ful"/>|' \
	styles/efus.xml >"$tmp/badsoft.xml"
$bin build -s "$tmp/badsoft.xml" "$x" -o "$tmp/badsoft.pdf" 2>"$tmp/badsoft.err"
check "break-before=page-if-ful: refused, naming the sheet's line and the values" \
	grep -q 'badsoft.xml:[0-9]*:.*page-if-filled' "$tmp/badsoft.err"

# page-if-filled for parts and sections of their own templates: a part's
# role names a style (style=) whose break-before is page-if-filled; a short
# part or section goes on on the page before while that page is under
# min-fill and it fits on the page's rest, in that page's columns
x=tests/layout/short-parts.xml
$bin build "$x" -o "$tmp/parts-hard.pdf" 2>/dev/null
sed -e 's|<style name="section" parent="base" break-before="page"|<style name="section" parent="base" break-before="page-if-filled"|' \
	-e 's|<role element="editorial" role="part"|<role element="editorial" role="part" style="part-soft"|' \
	-e 's|<role element="contents" role="contents"|<role element="contents" role="contents" style="part-soft"|' \
	-e 's|</stylesheet>|<style name="part-soft" parent="base" break-before="page-if-filled"/></stylesheet>|' \
	styles/efus.xml >"$tmp/parts-soft.xml"
$bin build -s "$tmp/parts-soft.xml" "$x" -o "$tmp/parts-soft.pdf" 2>"$tmp/parts-soft.err"
check "short parts, hard breaks: pages under a quarter (what the soft break is for)" \
	sh -c "! python3 tests/pagecheck.py fill '$tmp/parts-hard.pdf' 0.25 >/dev/null"
check "short parts, page-if-filled: the Sommaire and the short section share the editorial's page" \
	sh -c "[ '$(onpage "$tmp/parts-soft.pdf" Edito)' = 1 ] && [ '$(onpage "$tmp/parts-soft.pdf" Sommaire)' = 1 ] && [ \"\$(echo '$(onpage "$tmp/parts-soft.pdf" Court)' | tr '\n' ' ')\" = '1 ' ]"
check "short parts, page-if-filled: every page at least a quarter filled" \
	python3 tests/pagecheck.py fill "$tmp/parts-soft.pdf" 0.25
check "short parts, page-if-filled: fewer pages ($(pages "$tmp/parts-soft.pdf") against $(pages "$tmp/parts-hard.pdf"))" \
	test "$(pages "$tmp/parts-soft.pdf")" -lt "$(pages "$tmp/parts-hard.pdf")"
check "short parts, page-if-filled: every word, in order" python3 tests/check.py words "$x" "$tmp/parts-soft.pdf" 1.0
check "short parts, page-if-filled: the Sommaire's numbers are where the sections start" \
	python3 tests/check.py toc "$x" "$tmp/parts-soft.pdf"

# fill of one page of a PDF (tests/fillmeasure.py), in per cent
fillof() { python3 -c "import sys; sys.path.insert(0, 'tests'); import fillmeasure
print(round(fillmeasure.document_fills(sys.argv[1], sys.argv[3])[int(sys.argv[2]) - 1][0] * 100))" "$@"; }

# the measure reads a page's columns from the lines in the text area only:
# a two-column page whose folio (in the bottom margin, at the right) would
# start a third column of a three-column template is read in two columns
# (generated document 1961037's p. 9 was read in three: 17 % instead of 26 %)
check "fill measure: the folio does not make a two-column page read as three" python3 - "$tmp/cols3.xml" <<'PY'
import sys
sys.path.insert(0, "tests")
import fillmeasure
open(sys.argv[1], "w").write("""<styles><page width="210mm" height="297mm" top="15mm"
  bottom="25mm" inner="15mm" outer="15mm" gutter="4mm"/>
  <template name="one"/><template name="two" columns="2"/><template name="three" columns="3" gutter="8mm"/></styles>""")
sheet = fillmeasure.Sheet(sys.argv[1])
(l0, w0), (l1, w1) = sheet.columns(next(t for t in sheet.templates if t["name"] == "two"), 9)
lines = [(l, 50 + 17 * i, l + w - 2, 62 + 17 * i) for i in range(12) for l, w in ((l0, w0), (l1, w1))]
folio = (l1 + w1 - 5, sheet.h - 40, l1 + w1, sheet.h - 28)
t = fillmeasure.choose_template(sheet, 9, lines + [folio])
fill = fillmeasure.page_fill(sheet, 9, lines + [folio])[0]
print("read as %s, %.0f %%" % (t["name"], 100 * fill))
sys.exit(t["name"] != "two")
PY
# ... and a two-column page whose lines fill its first column only (half of
# them or more ending in that column's last 15 %) is read in its two columns, the second
# empty, not as one column of short lines (the brochure's p. 15 without
# the sheet's min-fill: 18 % in its columns, as --fit-report says)
check "fill measure: a two-column page with its second column empty is read in two" python3 - "$tmp/cols3.xml" <<'PY'
import sys
sys.path.insert(0, "tests")
import fillmeasure
sheet = fillmeasure.Sheet(sys.argv[1])
(l0, w0), _ = sheet.columns(next(t for t in sheet.templates if t["name"] == "two"), 9)
lines = [(l0, 50 + 17 * i, l0 + w0 * (0.88 + 0.1 * (i % 2)), 62 + 17 * i) for i in range(20)]
t = fillmeasure.choose_template(sheet, 9, lines)
print("read as %s, %.0f %%" % (t["name"], 100 * fillmeasure.page_fill(sheet, 9, lines)[0]))
# a page of short lines in one column, two of them ending where the first
# of two columns would end (generated 1960864's p. 19), stays one column
short = [(l0, 50 + 17 * i, l0 + w0 * (0.3 if i > 1 else 0.9), 62 + 17 * i) for i in range(20)]
s = fillmeasure.choose_template(sheet, 9, short)
print("short lines read as %s" % s["name"])
sys.exit(t["name"] != "two" or s["name"] != "one")
PY
# ... and a one-column page of full lines with a short line below them at
# the right (a signature, a picture's credit) is read in one column: the
# short line starts where a second column would, but nearly every line
# crosses that column's gutter (generated 1970149's editorial p. 4, with a
# shrunk picture and its signature, was read in two columns: 24 % for 44 %)
check "fill measure: a one-column page with a short line at the right is read in one" python3 - "$tmp/cols3.xml" <<'PY'
import sys
sys.path.insert(0, "tests")
import fillmeasure
sheet = fillmeasure.Sheet(sys.argv[1])
one = next(t for t in sheet.templates if t["name"] == "one")
(l0, w0), = sheet.columns(one, 9)
lines = [(l0, 50 + 17 * i, l0 + w0 * (0.97 if i < 19 else 0.6), 62 + 17 * i) for i in range(20)]
signature = (l0 + 0.7 * w0, 50 + 17 * 21, l0 + w0, 62 + 17 * 21)
t = fillmeasure.choose_template(sheet, 9, lines + [signature])
fill = fillmeasure.page_fill(sheet, 9, lines + [signature])[0]
print("read as %s, %.0f %%" % (t["name"], 100 * fill))
sys.exit(t["name"] != "one")
PY

# ... and a page whose lower part, below a title, stands in other columns
# than its upper part (a section opening a region of its own template
# below the page's columns) is measured in two bands, each in its own
# columns: three columns of full lines above, one column of short lines
# below a title (generated 1970094's p. 30 was read whole in three
# columns: 20 %, the engine 32 %); a page of one column whose lines below
# a title end in page numbers set flush right (a Sommaire) stays one band
check "fill measure: a page of three columns above and one below is read in two bands" python3 - "$tmp/cols3.xml" <<'PY'
import sys
sys.path.insert(0, "tests")
import fillmeasure
sheet = fillmeasure.Sheet(sys.argv[1])
by = {t["name"]: t for t in sheet.templates}
three, one = sheet.columns(by["three"], 9), sheet.columns(by["one"], 9)
upper = [(l, 50 + 17 * i, l + w - 2, 62 + 17 * i) for i in range(10) for l, w in three]
title = [(one[0][0], 230, one[0][0] + 200, 250)]
lower = [(one[0][0], 260 + 20 * i, one[0][0] + 60, 272 + 20 * i) for i in range(12)]
lines = upper + title + lower
split = fillmeasure.region_split(sheet, 9, lines)
fill = fillmeasure.page_fill(sheet, 9, lines)[0]
whole = fillmeasure.band_fill(sheet, 9, by["three"], lines, None, None, None, None)[0]
# by hand: the upper band's lines cover 10 x 12 pt in each of its three
# columns, the lower band's 20 + 12 x 12 pt in its one
height = sheet.h - by["three"]["top"] - by["three"]["bottom"]
expect = (10 * 12 + 20 + 12 * 12) / height
print("split", split and (round(split[0]), split[1]["name"], split[2]["name"]),
      "%.1f %% (by hand %.1f %%, whole in three columns %.1f %%)" % (100 * fill, 100 * expect, 100 * whole))
toc = [(one[0][0], 50, one[0][0] + 200, 70)] + [(one[0][0], 90 + 17 * i, one[0][0] + 150, 102 + 17 * i) for i in range(8)]
toc += [(one[0][0] + one[0][1] - 12, 90 + 17 * i, one[0][0] + one[0][1], 102 + 17 * i) for i in range(8)]
toc_split = fillmeasure.region_split(sheet, 9, toc)
print("Sommaire-like page split:", toc_split and toc_split[1]["name"])
sys.exit(split is None or split[1]["name"] != "three" or split[2]["name"] != "one" or
         abs(fill - expect) > 0.005 or toc_split is not None)
PY

# share-page="yes" (with page-if-filled) on the sections' style: a long
# section of its own template, after a short editorial and Sommaire on a
# page under min-fill, starts below them in its own two columns instead of
# a page of its own; without it the page stays under a quarter
python3 - "$x" "$tmp/share.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index('  <section id="court"')
b = s.index('</section>', a) + len('</section>')
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[b:])
PY
sed 's|<style name="section" parent="base" break-before="page-if-filled"|<style name="section" parent="base" break-before="page-if-filled" share-page="yes"|' \
	"$tmp/parts-soft.xml" >"$tmp/share-sheet.xml"
$bin build -s "$tmp/parts-soft.xml" "$tmp/share.xml" -o "$tmp/noshare.pdf" 2>/dev/null
$bin build -s "$tmp/share-sheet.xml" "$tmp/share.xml" -o "$tmp/share.pdf" 2>"$tmp/share.err"
check "share-page: the sheet's value is read (exit 0, no error)" \
	sh -c "test -s '$tmp/share.pdf' && ! grep -q error '$tmp/share.err'"
check "without share-page: the long section starts a page, the one before under a quarter ($(fillof "$tmp/noshare.pdf" 1 styles/efus.xml) %)" \
	sh -c "[ '$(onpage "$tmp/noshare.pdf" Long)' = 2 ] && [ $(fillof "$tmp/noshare.pdf" 1 styles/efus.xml) -lt 25 ]"
check "share-page: the long section starts on the Sommaire's page" \
	sh -c "[ '$(onpage "$tmp/share.pdf" Sommaire)' = 1 ] && [ '$(onpage "$tmp/share.pdf" Long)' = 1 ]"
# page 1's lines below the title "Long" stand in two columns: some start
# at the second column's left edge (the "columns" template's, p. 1 odd)
check "share-page: below the Sommaire, page 1 is set in the section's two columns" python3 - "$tmp/share.pdf" <<'PY'
import re, subprocess, sys
sys.path.insert(0, "tests")
import fillmeasure
sheet = fillmeasure.Sheet("styles/efus.xml")
t = next(t for t in sheet.templates if t["name"] == "columns")
(l0, w0), (l1, _) = sheet.columns(t, 1)
text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox-layout", sys.argv[1], "-"],
                      capture_output=True, check=True).stdout.decode()
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', text)
top = next(float(y) for x, y, w in words if w == "Long")
second = [w for x, y, w in words if float(y) > top + 20 and abs(float(x) - l1) < 1.5]
first = [w for x, y, w in words if float(y) > top + 20 and abs(float(x) - l0) < 1.5]
print("below Long: %d lines at column 1's edge, %d at column 2's" % (len(first), len(second)))
sys.exit(not (first and second))
PY
check "share-page: page 1 at least a quarter filled ($(fillof "$tmp/share.pdf" 1 styles/efus.xml) %), and every page after it" \
	sh -c "[ $(fillof "$tmp/share.pdf" 1 styles/efus.xml) -ge 25 ] && python3 tests/pagecheck.py fill '$tmp/share.pdf' 0.25 >/dev/null"
check "share-page: no more pages ($(pages "$tmp/share.pdf") against $(pages "$tmp/noshare.pdf"))" \
	test "$(pages "$tmp/share.pdf")" -le "$(pages "$tmp/noshare.pdf")"
check "share-page: every word, in order" python3 tests/check.py words "$tmp/share.xml" "$tmp/share.pdf" 1.0
check "share-page: nothing printed twice" python3 tests/pagecheck.py dups "$tmp/share.xml" "$tmp/share.pdf"
check "share-page: the Sommaire's numbers are where the sections start" \
	python3 tests/check.py toc "$tmp/share.xml" "$tmp/share.pdf"

# a section's last page of cards under min-fill: balanced with the page
# before (every card whole); it stood alone at 22 %
x=tests/layout/cards-last-page.xml
$bin build "$x" -o "$tmp/clp.pdf" 2>/dev/null
check "cards on a section's last page: both pages at least a quarter filled ($(fillof "$tmp/clp.pdf" 1 styles/efus.xml) %, $(fillof "$tmp/clp.pdf" 2 styles/efus.xml) %)" \
	sh -c "[ $(fillof "$tmp/clp.pdf" 1 styles/efus.xml) -ge 25 ] && [ $(fillof "$tmp/clp.pdf" 2 styles/efus.xml) -ge 25 ]"
check "cards on a section's last page: every card whole" python3 tests/check.py cards "$x" "$tmp/clp.pdf"
check "cards on a section's last page: every word, in order" python3 tests/check.py words "$x" "$tmp/clp.pdf" 1.0

# split-to-fill="yes" on a card style: a card that fits a column but not
# the rest of the page, moved whole, would leave the page under min-fill:
# it splits where it stands, on its ground, "NAME (COUNTRY) – suite" at
# the continuation; without it (the Efus sheet) the card moves whole
x=tests/layout/split-to-fill.xml
sed 's|<style name="city-card" |<style name="city-card" split-to-fill="yes" |' styles/efus.xml >"$tmp/stf.xml"
$bin build "$x" -o "$tmp/stf-off.pdf" 2>/dev/null
$bin build -s "$tmp/stf.xml" "$x" -o "$tmp/stf-on.pdf" 2>"$tmp/stf.err"
check "split-to-fill off: the card moves whole to p. 2, p. 1 under a quarter ($(fillof "$tmp/stf-off.pdf" 1 styles/efus.xml) %)" \
	sh -c "! pdftotext -f 1 -l 1 '$tmp/stf-off.pdf' - | grep -q Longueville && [ $(fillof "$tmp/stf-off.pdf" 1 styles/efus.xml) -lt 25 ]"
check "split-to-fill: the page before the card is filled ($(fillof "$tmp/stf-on.pdf" 1 styles/efus.xml) %), so is the next ($(fillof "$tmp/stf-on.pdf" 2 styles/efus.xml) %)" \
	sh -c "[ $(fillof "$tmp/stf-on.pdf" 1 styles/efus.xml) -ge 25 ] && [ $(fillof "$tmp/stf-on.pdf" 2 styles/efus.xml) -ge 25 ]"
check "split-to-fill: the continuation opens with the card's name and \"suite\", on its ground" \
	python3 tests/pagecheck.py cont "$tmp/stf-on.pdf" "► Longueville (France) – suite" e9f1f7
check "split-to-fill: every word, in order" python3 tests/check.py words "$x" "$tmp/stf-on.pdf" 1.0
check "split-to-fill on a style that is no card's: refused at its line" sh -c \
	"sed 's|<style name=\"p\" |<style name=\"p\" split-to-fill=\"yes\" |' styles/efus.xml >'$tmp/stfp.xml' && ! $bin build -s '$tmp/stfp.xml' '$x' -o '$tmp/stfp.pdf' 2>'$tmp/stfp.err' && grep -q 'stfp.xml:[0-9]*:.*split-to-fill' '$tmp/stfp.err'"

# shrink-to-fill="60%" on a picture rule (the Efus sheet's): a figure
# whose picture is too tall for the rest of the page, moved whole to the
# next page, would leave this one under min-fill: the picture is set
# smaller, its shape kept, and stays with its caption; without the rule
# (the sheet's shrink-to-fill taken out) it moves to p. 2.  Measured from
# the PDF: the caption's page (pdftotext), the red box's size in a 30 dpi
# rendering (pdftoppm), the page fill.
d=$tmp/shrink
mkdir -p "$d"
cp tests/layout/shrink-to-fill.xml "$d/doc.xml"
python3 tests/redbox.py --make "$d/shrink.png" 400 600
sed 's| shrink-to-fill="60%"||' styles/efus.xml >"$d/noshrink.xml"
$bin build "$d/doc.xml" -o "$d/on.pdf" 2>/dev/null
$bin build -s "$d/noshrink.xml" "$d/doc.xml" -o "$d/off.pdf" 2>/dev/null
$bin build --fit-report "$d/doc.xml" -o "$d/fit.pdf" 2>"$d/fit.err"
check "shrink-to-fill off: the figure moves to p. 2, p. 1 under a quarter ($(fillof "$d/off.pdf" 1 styles/efus.xml) %)" \
	sh -c "! pdftotext -f 1 -l 1 '$d/off.pdf' - | grep -q légende200 && [ $(fillof "$d/off.pdf" 1 styles/efus.xml) -lt 25 ]"
check "shrink-to-fill: the figure and its caption stay on p. 1, one page of text" \
	sh -c "pdftotext -f 1 -l 1 '$d/on.pdf' - | grep -q légende200 && [ \"\$(pdftotext -f 2 -l 2 '$d/on.pdf' - | tr -d '[:space:]\f')\" = '' ]"
# the red box: its width under the column's, its shape kept (4:6), at
# least 60 % of the size it has on p. 2 without the rule
read w1 h1 <<END
$(python3 tests/redbox.py "$d/on.pdf" 1)
END
read w2 h2 <<END
$(python3 tests/redbox.py "$d/off.pdf" 2)
END
check "shrink-to-fill: the picture is set smaller, its shape kept, at least 60 % of its size (${w1}x${h1} px against ${w2}x${h2} px at 30 dpi)" \
	sh -c "[ $w1 -gt 0 ] && [ $w1 -lt $w2 ] && [ $((w1 * 100)) -ge $((w2 * 60)) ] && [ $((h1 * 4)) -ge $((w1 * 6 - 16)) ] && [ $((h1 * 4)) -le $((w1 * 6 + 16)) ]"
check "shrink-to-fill: p. 1 at least a quarter filled ($(fillof "$d/on.pdf" 1 styles/efus.xml) %)" \
	sh -c "[ $(fillof "$d/on.pdf" 1 styles/efus.xml) -ge 25 ]"
check "shrink-to-fill: every word, in order" python3 tests/check.py words "$d/doc.xml" "$d/on.pdf" 1.0
line=$(grep -n '<image' "$d/doc.xml" | cut -d: -f1)
check "shrink-to-fill: --fit-report says the picture was set smaller, at its line ($line)" \
	grep -q "doc.xml:$line: note: page 1: the picture that starts here is set at [6-9][0-9] % of its size" "$d/fit.err"
check "shrink-to-fill=\"0%\": refused at its line, with the values it takes" sh -c \
	"sed 's|shrink-to-fill=\"60%\"|shrink-to-fill=\"0%\"|' styles/efus.xml >'$d/bad.xml' && ! $bin build -s '$d/bad.xml' '$d/doc.xml' -o '$d/bad.pdf' 2>'$d/bad.err' && grep -q 'bad.xml:[0-9]*:.*shrink-to-fill.*1% to 100%' '$d/bad.err'"

# the brochure itself
$bin build data/brochure.xml -o "$tmp/b.pdf" 2>/dev/null
check "brochure: nothing printed twice" python3 tests/pagecheck.py dups data/brochure.xml "$tmp/b.pdf"
$bin build --pseudo 1.4 data/brochure.xml -o "$tmp/p.pdf" 2>"$tmp/p.err"
n=$(added "$tmp/p.err")
check "--pseudo 1.4: the padding pages are blank, before the back cover" \
	python3 tests/pagecheck.py blanks "$tmp/p.pdf" "${n:-0}" before-back

# No page between the covers under a quarter of its text area (the
# sheet's min-fill, 25 % by default): a section's last page that would be
# is balanced with the page before.  min-fill="0%" turns it off.
for e in brochure brochure.en; do
	$bin build "data/$e.xml" -o "$tmp/$e.pdf" 2>/dev/null
	# every page between the covers at least 25 % filled, no exception
	# (the About section goes on in the services' page: page-if-filled)
	check "$e: every page between the covers at least 25 % filled" python3 tests/pagecheck.py fill "$tmp/$e.pdf" 0.25
	check "$e: Sommaire numbers are where the sections start" python3 tests/check.py toc "data/$e.xml" "$tmp/$e.pdf"
	check "$e: 16 pages" test "$(pages "$tmp/$e.pdf")" -eq 16
done
sed 's|min-fill="25%"|min-fill="0%"|' styles/efus.xml >"$tmp/nofill.xml"
$bin build -s "$tmp/nofill.xml" data/brochure.xml -o "$tmp/nofill.pdf" 2>/dev/null
check "min-fill=0%: the near-empty page comes back (the setting is read)" \
	sh -c "! python3 tests/pagecheck.py fill '$tmp/nofill.pdf' 0.25 >/dev/null"
sed 's|min-fill="25%"|min-fill="90%"|' styles/efus.xml >"$tmp/badfill.xml"
$bin build -s "$tmp/badfill.xml" data/brochure.xml -o "$tmp/badfill.pdf" 2>"$tmp/badfill.err"
check "min-fill=90%: refused, naming the sheet's line" grep -q 'badfill.xml:[0-9]*:.*min-fill="90%"' "$tmp/badfill.err"

# A card taller than a page splits where it stands, on its ground; the
# continuation opens with the card's name and the document's "continued"
# label (both read from the XML here).
python3 tests/variants.py data/brochure.xml "$tmp" >/dev/null
$bin build "$tmp/long.xml" -o "$tmp/long.pdf" 2>"$tmp/long.err"
head=$(python3 - "$tmp/long.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
label = [l.text for l in r.iter("label") if l.get("name") == "continued"][0]
city = next(r.iter("city"))
print(f"► {city.findtext('name')} ({city.findtext('country')}) – {label}")
PY
)
check "long card: split, with the warning" grep -q "warning: city is taller than a column; it was split" "$tmp/long.err"
check "long card: the continuation opens with its name and label, on the card's ground" \
	python3 tests/pagecheck.py cont "$tmp/long.pdf" "$head" e9f1f7
check "long card: every word, in order" python3 tests/check.py words "$tmp/long.xml" "$tmp/long.pdf" 1.0

finish layout
