#!/bin/sh
# t-floats.sh PLAQUETTE: pictures floated to the top or foot of a column
# or page (place="top|bottom", span="yes").  Flat-coloured test pictures
# are found again in Poppler's render of the PDF (tests/pdfboxes.py), the
# words by pdftotext -bbox-layout: every check measures the finished PDF.
set -u
. tests/lib.sh
bin=$1
scratch floats
mkimg t-floats
d=$tmp/doc
mkdir -p "$d/img"
for c in ff0000 0000ff 00c000 ff00ff ffc000 00c0c0 0080ff; do
	"$mk" solid 300 200 "$d/img/$c.png" "$c"
done

# mkdoc FILE FLOATS: a two-column section (the sheet's "text" class) of
# numbered words; the floats stand after paragraphs whose last word is
# "finN"; FLOATS is a list of "PARA COLOUR ATTRIBUTES" lines.
mkdoc() {
	brochure "$1" Flottants "  <section id=\"texte\" class=\"text\" toc=\"1\">
    <title>Des images qui flottent</title>
$(mkparas "$2")
  </section>"
}
# mkparas FLOATS: the section's paragraphs and floats, as lines of XML.
mkparas() {
	python3 - "$1" <<'PY'
import sys
floats = {}
for l in sys.argv[1].strip().split("\n"):
    para, colour, attrs = l.split(" ", 2)
    floats.setdefault(int(para), []).append((colour, attrs))
paras, w = [], 0
for p in range(1, 15):
    words = []
    for i in range(70):
        w += 1
        words.append(f"mot{w}")
    words.append(f"fin{p}.")
    paras.append(f"    <p>{' '.join(words)}</p>")
    for colour, attrs in floats.get(p, []):
        paras.append(f'    <image src="img/{colour}.png" alt="Aplat {colour}" {attrs}/>')
print("\n".join(paras))
PY
}

mkdoc "$d/floats.xml" '2 ff0000 place="top" height="40mm" fit="cover"
4 0000ff place="bottom" height="30mm" fit="cover"
6 00c000 span="yes" height="50mm" fit="cover"
9 ff00ff place="bottom" span="yes" height="40mm" fit="cover"
11 ffc000 place="top" height="90mm" fit="cover"
11 00c0c0 place="top" height="90mm" fit="cover"'
check "a section with floats builds" "$bin" build -q "$d/floats.xml" -o "$tmp/floats.pdf"
check "every word still reaches the PDF in order" python3 tests/check.py words "$d/floats.xml" "$tmp/floats.pdf"
check "qpdf --check is clean" qpdf --check "$tmp/floats.pdf"

# the page's text area, from the sheet: 210 x 297 mm, top 20 mm, bottom
# 22 mm, inner 18 mm, outer 16 mm, gutter 6 mm (odd pages: inner left)
cat > "$tmp/geom.py" <<'PY'
import sys
sys.path.insert(0, "tests")
from pdfboxes import boxes, words
mm = 72 / 25.4
TOP, FOOT = 20 * mm, (297 - 22) * mm
def text_area(page):
    left = (18 if page % 2 == 1 else 16) * mm
    return left, left + 176 * mm
def columns(page):
    l, r = text_area(page)
    w = (r - l - 6 * mm) / 2
    return [(l, l + w), (r - w, r)]
def column_of(page, x0, x1):
    return next(i for i, (l, r) in enumerate(columns(page)) if x0 >= l - 2 and x1 <= r + 2)
PDF = sys.argv[1]
W = [w for w in words(PDF) if w[4] < FOOT]     # the running text (no footer)
def page_of(word):
    return next(w[0] for w in W if w[5].rstrip(".") == word)
def box(colour):
    b = boxes(PDF, colour)
    assert len(b) == 1, (colour, b)
    return b[0]
def in_column(page, col):
    l, r = columns(page)[col]
    return [w for w in W if w[0] == page and w[1] >= l - 2 and w[3] <= r + 2]
PY
floats() { check "$1" python3 -c "exec(open('$tmp/geom.py').read())
$2" "$tmp/floats.pdf"; }
floats "place=top: met mid-column, the float opens the next column, on its anchor's page" '
p, x0, y0, x1, y1 = box((255, 0, 0))
c = column_of(p, x0, x1)
assert p == page_of("fin2"), (p, page_of("fin2"))
col = in_column(p, c)
assert col and all(w[2] >= y1 for w in col), "a word above it in its column"
assert min(w[2] for w in in_column(p, 1 - c)) <= y0 + 2, "not at the columns top"
assert x1 - x0 >= columns(p)[c][1] - columns(p)[c][0] - 2, "not column-wide"'
floats "place=bottom: the float stands at the column's foot, the text above it" '
p, x0, y0, x1, y1 = box((0, 0, 255))
c = column_of(p, x0, x1)
assert p >= page_of("fin4")
assert abs(y1 - FOOT) <= 2, (y1, FOOT)
assert all(w[4] <= y0 for w in in_column(p, c)), "a word below its top"'
floats "span=yes: across both columns at the top of the next page, the columns below it" '
p, x0, y0, x1, y1 = box((0, 192, 0))
l, r = text_area(p)
assert p >= page_of("fin6") and abs(x0 - l) <= 2 and abs(x1 - r) <= 2, (x0, x1, l, r)
assert abs(y0 - TOP) <= 2, (y0, TOP)
assert all(w[2] >= y1 for w in W if w[0] == p), "a word above its bottom"'
floats "place=bottom span=yes: across both columns at the page's foot, both columns above it" '
p, x0, y0, x1, y1 = box((255, 0, 255))
l, r = text_area(p)
assert p >= page_of("fin9") and abs(x0 - l) <= 2 and abs(x1 - r) <= 2, (x0, x1, l, r)
assert abs(y1 - FOOT) <= 2, (y1, FOOT)
on = [w for w in W if w[0] == p]
assert on and all(w[4] <= y0 for w in on), "a word below its top"
assert in_column(p, 0) and in_column(p, 1), "one column only"'
floats "floats keep their order: the second of two tall top floats waits for the next column" '
a, b = box((255, 192, 0)), box((0, 192, 192))
ka = (a[0], column_of(a[0], a[1], a[3]), a[2])
kb = (b[0], column_of(b[0], b[1], b[3]), b[2])
assert ka < kb, (ka, kb)
assert a[0] >= page_of("fin11") and abs(b[2] - TOP) <= 2, b'
python3 - "$d/floats.xml" "$d/fig.xml" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace("fin13.</p>", 'fin13.</p>\n    <figure><image src="img/0080ff.png" alt="Aplat" place="top" height="30mm" fit="cover"/>'
              '<caption>Légende13 de la figure</caption></figure>')
open(sys.argv[2], "w").write(s)
PY
check "a figure with a floating picture builds" "$bin" build -q "$d/fig.xml" -o "$tmp/fig.pdf"
check "the floated caption reaches the PDF" sh -c "pdftotext '$tmp/fig.pdf' - | grep -q 'Légende13 de la figure'"
check "a figure floats whole: its caption right under its picture" python3 -c "exec(open('$tmp/geom.py').read())
p, x0, y0, x1, y1 = box((255, 0, 0))
assert p == 1
p, x0, y0, x1, y1 = box((0, 128, 255))
cap = [w for w in W if w[5] == 'Légende13']
assert cap and cap[0][0] == p and 0 < cap[0][2] - y1 < 20, (cap, y1)
assert p >= page_of('fin13') and abs(y0 - TOP) <= 2, y0" "$tmp/fig.pdf"
finish t-floats
