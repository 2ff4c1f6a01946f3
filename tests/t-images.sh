#!/bin/sh
# t-images.sh PLAQUETTE: pictures.  Test images are drawn here by
# tests/mkimg.c (Cairo, libjpeg), a few KB each.  Every check of an image
# is reported at the <image> element's file:line:col before any PDF
# exists; hostile files are refused cleanly (exit 1, no crash, no PDF).
set -u
. tests/lib.sh
bin=$1
scratch images
mkimg t-images
d=$tmp/doc
mkdir -p "$d/img" "$tmp/outside"
"$mk" png 600 400 "$d/img/chart.png"
"$mk" png 40 30 "$d/img/tiny.png"
"$mk" jpeg 2000 1500 "$d/img/photo.jpg"
"$mk" jpeg 600 400 "$d/img/cmyk.jpg" cmyk
"$mk" jpeg 200 200 "$d/img/grey.jpg" gray
"$mk" pdf "$d/img/logo.pdf"
"$mk" bomb "$d/img/bomb.jpg"
"$mk" png 40 30 "$tmp/outside/secret.png"
head -c 3000 "$d/img/chart.png" > "$d/img/truncated.png"
head -c 2000 "$d/img/photo.jpg" > "$d/img/truncated.jpg"
printf 'GIF89a\001\000\001\000' > "$d/img/anim.gif"
ln -s ../../outside/secret.png "$d/img/link.png"
cat > "$d/img/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="20mm" viewBox="0 0 60 20">
  <circle cx="10" cy="10" r="8" fill="#0d5c91"/>
  <rect x="22" y="6" width="36" height="8" fill="#e8572a"/>
</svg>
SVG
cat > "$d/img/external.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="50">
  <image xlink:href="../../outside/secret.png" width="100" height="50"/>
</svg>
SVG
cat > "$d/img/remote.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
  <rect width="100" height="50" style="fill: url(https://example.org/paint.svg#p)"/>
</svg>
SVG

# doc FILE BODY: a small brochure whose first city card holds BODY after
# its first paragraph (line 25 of the file is where BODY starts).
doc() {
	brochure "$1" Images "$(cat <<XML
  <section id="villes" class="cities" toc="1">
    <title>Les villes</title>
    <city id="riga">
      <name>Riga</name>
      <country>Lettonie</country>
      <initiative>Stratégie municipale de prévention</initiative>
      <p>Premier paragraphe de la carte, avant l'image.</p>
$2
      <p>Dernier paragraphe de la carte, après l'image.</p>
      <member-since>2016</member-since>
    </city>
  </section>
XML
)"
}

# refused NAME BODY PATTERN: check fails with exit 1, and says PATTERN
# at line 25 (the line BODY starts on).
refused() {
	doc "$d/$1.xml" "$2"
	out=$("$bin" check "$d/$1.xml" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q "$1.xml:25:[0-9]*: error: .*$3"; then
		ok "$1: refused at line 25 ($3)"
	else
		not_ok "$1: refused at line 25 ($3), exit 1; got exit $rc:"
		printf '%s\n' "$out" | sed 's/^/    /' | head -5
	fi
}

refused missing-file '<image src="img/none.png" alt="x"/>' 'cannot read the image "img/none.png": No such file'
refused dotdot '<image src="../outside/secret.png" alt="x"/>' '".." would lead out'
refused dotdot-inner '<image src="img/../../outside/secret.png" alt="x"/>' '".." would lead out'
refused absolute "<image src=\"$tmp/outside/secret.png\" alt=\"x\"/>" 'absolute path'
refused url '<image src="https://example.org/a.png" alt="x"/>' 'address (URL)'
refused symlink '<image src="img/link.png" alt="x"/>' 'a link leads out'
refused no-alt '<image src="img/chart.png"/>' 'has no alt text'
refused truncated-png '<image src="img/truncated.png" alt="x"/>' 'damaged PNG file'
refused truncated-jpeg '<image src="img/truncated.jpg" alt="x"/>' 'damaged JPEG file: Premature end'
refused bomb '<image src="img/bomb.jpg" alt="x"/>' '65000 x 65000 pixels (4225.0 megapixels)'
refused gif '<image src="img/anim.gif" alt="x"/>' 'a GIF file'
refused svg-external '<image src="img/external.svg" alt="x"/>' 'refers to "../../outside/secret.png"'
refused svg-remote '<image src="img/remote.svg" alt="x"/>' 'refers to .*https://example.org'

# the column is the src attribute's
doc "$d/col.xml" '      <image alt="x" src="img/none.png"/>'
check "the column points at src=" sh -c "'$bin' check '$d/col.xml' 2>&1 | grep -q 'col.xml:25:22: error'"

# every format loads and checks clean
doc "$d/all.xml" '      <image src="img/chart.png" alt="Un graphique"/>
      <image src="img/photo.jpg" alt="Une photo"/>
      <image src="img/cmyk.jpg" alt="Une photo en CMJN"/>
      <image src="img/grey.jpg" alt="Une photo en gris"/>
      <image src="img/logo.svg" alt="Un logo vectoriel"/>
      <figure><image src="img/logo.pdf" alt="Un logo PDF"/><caption>Légende</caption><credit>Crédit</credit></figure>
      <image src="img/tiny.png" decorative="yes"/>'
check "PNG, JPEG (RGB, CMYK, grey), SVG and PDF pass the checks" "$bin" check "$d/all.xml"

# the bounds come from the style sheet's <images>
limit() {
	sed "s|<page |<images $1/>\\n  <page |" styles/efus.xml > "$tmp/limits.xml"
	"$bin" build -q --style "$tmp/limits.xml" "$d/all.xml" -o "$tmp/x.pdf" 2>&1 | grep -q "$2"
}
check "the sheet's max-file-mib is applied" limit 'max-file-mib="0.01"' 'photo.jpg" is 0.[0-9]* MiB; plaquette refuses files over 0.01 MiB'
check "the sheet's max-megapixels is applied" limit 'max-megapixels="0.1"' 'chart.png" is 600 x 400 pixels (0.2 megapixels); plaquette refuses more than 0.1 megapixels'
check "a bad figure in <images> names the sheet's line" limit 'min-ppi="-3"' 'limits.xml:7: error: style sheet <images>: min-ppi="-3" is not a number above 0'
check "no PDF from a refused image" test ! -e "$tmp/x.pdf"

# ---- placement in the slots of page templates (the Efus brochure) ----
# slotted SRC_COVER SRC_FUNDER OUT: data/brochure.xml with a cover photo,
# a funder's logo beside the support line and two logos on the back cover
slotted() {
	sed -e "s|^  </cover>|    <image src=\"$1\" alt=\"Une rue de la ville au matin\" slot=\"photo\"/>\n  </cover>|" \
	    -e "s|^\(    <p>Cette brochure a été réalisée avec le soutien financier du CIPDR.</p>\)|\1\n    <image src=\"$2\" alt=\"Logo du CIPDR\" slot=\"funder\"/>|" \
	    -e "s|^  </backcover>|    <image src=\"img/logo.svg\" alt=\"Logo de Efus\" slot=\"logos\"/>\n    <image src=\"img/logo.pdf\" alt=\"Logo du partenaire\" slot=\"logos\"/>\n  </backcover>|" \
	    data/brochure.xml > "$3"
}
slotted img/photo.jpg img/logo.pdf "$d/slots.xml"
cl=$(grep -n 'slot="photo"' "$d/slots.xml" | cut -d: -f1)
check "the brochure with slot pictures builds" "$bin" build -q "$d/slots.xml" -o "$tmp/slots.pdf" --dump-layout "$tmp/slots.dump"
check "pdfimages lists the cover photo as a jpeg stream" sh -c "pdfimages -list '$tmp/slots.pdf' | awk 'NR>2 && \$1==1 && \$3==\"image\" && \$9==\"jpeg\"' | grep -q ."
check "the SVG and PDF logos give no raster image (one image in the file)" sh -c "test \$(pdfimages -list '$tmp/slots.pdf' | awk 'NR>2' | wc -l) -eq 1"
mkdir -p "$tmp/x"
pdfimages -j "$tmp/slots.pdf" "$tmp/x/i" 2>/dev/null
check "the JPEG inside the PDF is the file, byte for byte" cmp "$tmp/x/i-000.jpg" "$d/img/photo.jpg"
check "the dump lists the picture with its line, box and ppi" grep -q "  image x=0.0 y=606.6 w=595.3 h=235.3 line=$cl JPEG RGB 2000x1500px ppi=[0-9]* cover bleed \"img/photo.jpg\"" "$tmp/slots.dump"
check "the logos stand on the back cover, side by side" sh -c "awk '/^page 16/{p=1} p && /^  image/' '$tmp/slots.dump' | grep -c 'logo\.' | grep -qx 2"
# the funder's logo beside the support line: its bottom near that line's baseline
check "the funder's logo stands beside the support line on p. 3" python3 - "$tmp/slots.dump" "$tmp/slots.pdf" <<'PY'
import re, subprocess, sys
dump = open(sys.argv[1]).read()
page3 = dump.split("\npage 3 ")[1].split("\npage 4 ")[0]
m = re.search(r'image x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+) .*"img/logo.pdf"', page3)
t = re.search(r'text x=([\d.]+) y=([\d.]+) .*"Cette brochure', page3)
assert m and t, "logo or support line missing from p. 3"
x, y, w, h = map(float, m.groups())
tx, ty = float(t.group(1)), float(t.group(2))
assert abs((y + h) - ty) < 6, (y + h, ty)
assert x > tx + 200, (x, tx)
PY
check "every Figure carries its /Alt in the structure tree" python3 - "$tmp/slots.pdf" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, check=True).stdout)
alts = []
for k, v in j["qpdf"][1].items():
    d = v.get("value", {})
    if isinstance(d, dict) and d.get("/S") == "/Figure":
        alts.append(d.get("/Alt"))
want = {"u:Une rue de la ville au matin", "u:Logo du CIPDR", "u:Logo de Efus", "u:Logo du partenaire"}
assert set(alts) == want and len(alts) == 4, alts
PY
check "qpdf --check is clean" qpdf --check "$tmp/slots.pdf"
check "every word still reaches the PDF in order" python3 tests/check.py words "$d/slots.xml" "$tmp/slots.pdf"

# ---- pictures in the running text ----
# after a card's first paragraph, in the editorial (a figure with caption
# and credit), in a project (an SVG, 40 % of the column), decorative in a
# section, and two fits of one 3:2 PNG into a 50 mm square
python3 - data/brochure.xml "$d/flow.xml" <<'PY'
import sys
s = open(sys.argv[1]).read()
def after_first_p(s, start, text):
    i = s.index(start); j = s.index('</p>', i) + 4
    return s[:j] + '\n' + text + s[j:]
s = after_first_p(s, '<editorial', '    <figure><image src="img/photo.jpg" alt="Une rue au matin"/>'
                  '<caption>Une rue de Liège au matin.</caption><credit>Photo : test</credit></figure>')
s = after_first_p(s, '<city ', '      <image src="img/chart.png" alt="Un graphique des actions de la ville"/>')
s = after_first_p(s, '<project ', '      <image src="img/logo.svg" alt="Logo du projet" width="40%"/>')
s = after_first_p(s, '<section id="manifeste"', '    <image src="img/chart.png" decorative="yes" width="50mm" height="50mm" fit="contain"/>\n'
                  '    <image src="img/chart.png" alt="Le même graphique, recadré" width="50mm" height="50mm" fit="cover" focus="0% 50%"/>')
open(sys.argv[2], "w").write(s)
PY
# (with the screen edition's resampling out of the way: the fits are measured)
sed 's|</stylesheet>|<images screen-factor="20"/></stylesheet>|' styles/efus.xml > "$tmp/keep.xml"
check "pictures after a card's first paragraph, in the editorial and in a project build" \
	"$bin" build -q --style "$tmp/keep.xml" "$d/flow.xml" -o "$tmp/flow.pdf" --dump-layout "$tmp/flow.dump"
check "the card's picture is on the card's page, inside the card" python3 - "$tmp/flow.dump" "$d/flow.xml" <<'PY'
import re, sys
dump, xml = open(sys.argv[1]).read(), open(sys.argv[2]).read().split("\n")
line = next(i + 1 for i, l in enumerate(xml) if 'img/chart.png" alt="Un graphique' in l)
pages = dump.split("\npage ")
page = next(p for p in pages if f"line={line} PNG" in p)
card = re.search(r"rect x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+) line=(\d+)", page)
img = re.search(rf"image x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+) line={line} ", page)
cx, cy, cw, ch = map(float, card.groups()[:4]); ix, iy, iw, ih = map(float, img.groups())
assert cx <= ix and ix + iw <= cx + cw + 0.5 and cy <= iy and iy + ih <= cy + ch + 0.5, (card.groups(), img.groups())
PY
check "the figure's caption is a Caption, every picture with alt a Figure with its /Alt" python3 - "$tmp/flow.pdf" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, check=True).stdout)
tags = [v["value"] for v in j["qpdf"][1].values() if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/StructElem"]
alts = sorted(t.get("/Alt") for t in tags if t.get("/S") == "/Figure")
assert alts == sorted(["u:Une rue au matin", "u:Un graphique des actions de la ville", "u:Logo du projet",
                       "u:Le même graphique, recadré"]), alts
assert sum(t.get("/S") == "/Caption" for t in tags) == 1
PY
check "every word still reaches the PDF in order (captions and credits too)" python3 tests/check.py words "$d/flow.xml" "$tmp/flow.pdf"
check "qpdf --check is clean (pictures in the text)" qpdf --check "$tmp/flow.pdf"
# contain shows the whole 600 x 400 px picture 50 mm wide (305 ppi across);
# cover fills the 50 mm square, the picture 75 mm wide (203 ppi): measured
# by pdfimages from the PDF's own matrices
check "fit=contain and fit=cover draw the picture at the sizes they promise" sh -c "pdfimages -list '$tmp/flow.pdf' | awk '\$4==600 && \$5==400 {print \$1, \$13}' | sort | uniq -c | awk '{print \$3}' | tr '\n' ' ' | grep -q '20[23] 30[45] '"

# ---- the screen edition resamples what it does not need ----
# each picture 30 mm wide: photo.jpg (2000 px: 1693 ppi), chart.png (600
# px: 508 ppi), cmyk.jpg (508 ppi), grey.jpg (200 px: 169 ppi); the
# sheet's limit is 2 x 150 ppi
doc "$d/small.xml" '      <image src="img/photo.jpg" alt="Une photo" width="30mm"/>
      <image src="img/chart.png" alt="Un graphique" width="30mm"/>
      <image src="img/cmyk.jpg" alt="Une photo en CMJN" width="30mm"/>
      <image src="img/grey.jpg" alt="Une photo en gris" width="30mm"/>'
"$bin" build -q "$d/small.xml" -o "$tmp/small.pdf" 2>/dev/null
"$bin" build -q --print "$d/small.xml" -o "$tmp/small-print.pdf" 2>/dev/null
pdfimages -list "$tmp/small.pdf" | awk 'NR>2 {print $4, $5, $6, $9, $13}' > "$tmp/small.list"
pdfimages -list "$tmp/small-print.pdf" | awk 'NR>2 {print $4, $5, $9}' > "$tmp/small-print.list"
listed() { grep -Eqx "$1" "$2" || { cat "$2"; return 1; }; }
check "screen edition: a JPEG far above 300 ppi is resampled to 300 ppi and stays a JPEG" listed '35[45] 26[67] rgb jpeg (299|300|301)' "$tmp/small.list"
check "screen edition: a PNG far above 300 ppi is resampled to 300 ppi" listed '35[45] 23[67] rgb image (299|300|301)' "$tmp/small.list"
check "screen edition: a CMYK JPEG is kept as it is" listed '600 400 cmyk jpeg 508' "$tmp/small.list"
mkdir -p "$tmp/small-j"
pdfimages -j "$tmp/small.pdf" "$tmp/small-j/i"
check "screen edition: a JPEG under the limit is embedded byte for byte" sh -c "for f in '$tmp'/small-j/*.jpg; do cmp -s \"\$f\" '$d/img/grey.jpg' && exit 0; done; exit 1"
check "press edition: the originals, every pixel" sh -c "grep -qx '2000 1500 jpeg' '$tmp/small-print.list' && grep -qx '600 400 image' '$tmp/small-print.list'"

# ---- the CMYK edition: pictures through the printer's profile ----
# flat.png (sRGB #0080ff), wide.png (the same numbers in a wide-gamut RGB
# profile it carries), photo.jpg (RGB) and cmyk.jpg (a printer's CMYK);
# what each should hold is computed by tests/icccmyk.c with lcms2 alone
ic=$tmp/icccmyk
icc=icc/FOGRA39-plaquette.icc
if cc -std=c11 -o "$ic" tests/icccmyk.c $(pkg-config --cflags --libs lcms2 libpng libjpeg) &&
   "$ic" wide "$tmp/wide.icc" && "$ic" png 0080ff "$d/img/flat.png" &&
   "$ic" png 0080ff "$d/img/wide.png" "$tmp/wide.icc" && [ -f "$icc" ]; then
	doc "$d/cmyk.xml" '      <image src="img/flat.png" alt="Aplat sRGB" width="30mm"/>
      <image src="img/wide.png" alt="Aplat en RVB large" width="30mm"/>
      <image src="img/photo.jpg" alt="Une photo" width="30mm"/>
      <image src="img/cmyk.jpg" alt="Une photo en CMJN" width="30mm"/>'
	"$bin" build -q --cmyk "$d/cmyk.xml" -o "$tmp/cmyk.pdf" 2>/dev/null
	pdfimages -list "$tmp/cmyk.pdf" | awk 'NR>2 {print $4, $5, $6, $9}' > "$tmp/cmyk.list"
	check "--cmyk: every picture is a CMYK JPEG (the RGB ones converted, the printer's kept)" \
		sh -c "test \$(grep -c '^[0-9]* [0-9]* cmyk jpeg\$' '$tmp/cmyk.list') -eq 4 || { cat '$tmp/cmyk.list'; exit 1; }"
	mkdir -p "$tmp/cmyk-j"
	pdfimages -j "$tmp/cmyk.pdf" "$tmp/cmyk-j/i"
	near() { # FILE.jpg EXPECTED...: the centre pixel within 3 of C M Y K
		got=$("$ic" centre "$1") || return 1
		shift
		python3 -c 'import sys; g, w = sys.argv[1].split(), sys.argv[2:]; sys.exit(0 if all(abs(int(a) - int(b)) <= 3 for a, b in zip(g, w)) else f"got {g}, want {w}")' "$got" "$@"
	}
	check "--cmyk: an sRGB picture is converted through the output intent's profile (lcms2's numbers)" \
		near "$tmp/cmyk-j/i-000.jpg" $("$ic" expect "$icc" 0080ff)
	check "--cmyk: a picture's own ICC profile is honoured" \
		near "$tmp/cmyk-j/i-001.jpg" $("$ic" expect "$icc" 0080ff "$tmp/wide.icc")
	check "--cmyk: the printer's CMYK JPEG keeps its size and colours" sh -c "grep -q '^600 400 cmyk jpeg' '$tmp/cmyk.list' && '$ic' centre '$tmp/cmyk-j/i-003.jpg' | grep -qx \"\$('$ic' centre '$d/img/cmyk.jpg')\""
	"$bin" build -q --print "$d/cmyk.xml" -o "$tmp/cmyk-print.pdf" 2>/dev/null
	mkdir -p "$tmp/print-j"
	pdfimages -j "$tmp/cmyk-print.pdf" "$tmp/print-j/i"
	check "--print: the printer's CMYK JPEG is embedded byte for byte" sh -c "for f in '$tmp'/print-j/*.jpg; do cmp -s \"\$f\" '$d/img/cmyk.jpg' && exit 0; done; exit 1"
	out=$("$bin" build -q "$d/cmyk.xml" -o "$tmp/cmyk-screen.pdf" 2>&1)
	check "a picture's non-sRGB profile is reported at its line (the RGB editions draw it as sRGB)" sh -c 'printf "%s\n" "$1" | grep -q "cmyk.xml:26:[0-9]*: warning: the image \"img/wide.png\" carries the colour profile" && ! printf "%s\n" "$1" | grep -q "flat.png"' - "$out"
	decode() { # PDF: the printer's JPEG (600 x 400 CMYK) has /Decode [1 0 1 0 1 0 1 0]
		id=$(pdfimages -list "$1" | awk 'NR>2 && $4==600 && $6=="cmyk" {print $11}')
		[ -n "$id" ] && qpdf --show-object="$id" "$1" | grep -q '/Decode \[ 1 0 1 0 1 0 1 0 \]'
	}
	decode3() { decode "$tmp/cmyk-screen.pdf" && decode "$tmp/cmyk-print.pdf" && decode "$tmp/cmyk.pdf"; }
	check "a printer's inverted (Adobe) CMYK JPEG is shown the right way round: /Decode in all three editions" decode3
	plain() {
		id=$(pdfimages -list "$tmp/cmyk.pdf" | awk 'NR==3 {print $11}')
		[ -n "$id" ] && ! qpdf --show-object="$id" "$tmp/cmyk.pdf" | grep -q "/Decode" &&
			! grep -q Adobe "$tmp/cmyk-j/i-000.jpg"
	}
	check "--cmyk: the converted pictures are plain CMYK (no Adobe marker, no /Decode)" plain
else
	not_ok "tests/icccmyk.c builds and draws its pictures (and make built $icc)"
fi

# ---- diff: pictures replaced, resized, moved (read from the proof PDF) ----
doc "$d/diffa.xml" '      <image src="img/chart.png" alt="Un graphique"/>
      <image src="img/grey.jpg" alt="Une photo en gris" width="30mm"/>'
doc "$d/diffb.xml" '      <image src="img/photo.jpg" alt="Une photo"/>
      <image src="img/grey.jpg" alt="Une photo en gris" width="40mm"/>'
long=$(python3 -c 'print("<p>" + " ".join("mot%d" % i for i in range(900)) + "</p>")')
doc "$d/diffc.xml" "      <image src=\"img/chart.png\" alt=\"Un graphique\"/>
      $long
      <image src=\"img/grey.jpg\" alt=\"Une photo en gris\" width=\"30mm\"/>"
mkdir -p "$tmp/doc2"
cp -R "$d/img" "$tmp/doc2/" && cp "$d/diffa.xml" "$tmp/doc2/"
"$mk" png 600 300 "$tmp/doc2/img/chart.png"
proofsays() { # OLD NEW PATTERN: the proof's summary page says it
	"$bin" diff "$1" "$2" -o "$tmp/proof.pdf" > /dev/null 2>&1
	pdftotext -f 1 -l 1 "$tmp/proof.pdf" - | tr '\n' ' ' | grep -q "$3" ||
		{ pdftotext -f 1 -l 1 "$tmp/proof.pdf" - | grep -A9 Pictures; return 1; }
}
check "diff: a picture replaced by another file, at its place" proofsays "$d/diffa.xml" "$d/diffb.xml" 'p\. 1: "img/chart.png" replaced by "img/photo.jpg"'
check "diff: a picture resized" proofsays "$d/diffa.xml" "$d/diffb.xml" '"img/grey.jpg" on p\. 1: [a-z ]*resized (30 × 30 mm at [0-9]*, [0-9]* mm [^ ]* 40 × 40 mm'
check "diff: a picture moved to another page" proofsays "$d/diffa.xml" "$d/diffc.xml" '"img/grey.jpg": moved from p\. 1 to p\. [2-9]'
check "diff: a file with new content under the same name" proofsays "$d/diffa.xml" "$tmp/doc2/diffa.xml" '"img/chart.png" on p\. 1: replaced (same file name, new content)'
check "diff: pictures unchanged are said to be" proofsays "$d/diffa.xml" "$d/diffa.xml" 'Pictures: unchanged'

# a picture that finds no place is an error, never dropped
doc "$d/lost.xml" '      <image src="img/chart.png" alt="Un graphique" slot="nowhere"/>'
out=$("$bin" build -q "$d/lost.xml" -o "$tmp/lost.pdf" 2>&1); rc=$?
check "a slot the sheet lacks fails the build at the picture's line" sh -c 'test "$1" -eq 1 && printf "%s" "$2" | grep -q "lost.xml:25:[0-9]*: error: slot=\"nowhere\": no such slot"' - "$rc" "$out"

# slots no picture names cost nothing: the brochure's display list is the
# same with the sheet's <slot> elements and without them
sed '/<slot /,/\/>/d' styles/efus.xml > "$tmp/noslots.xml"
check "(the sheet without slots really lacks them)" sh -c "! grep -q '<slot\|anchor=' '$tmp/noslots.xml'"
"$bin" build -q data/brochure.xml -o "$tmp/plain.pdf" --dump-layout "$tmp/plain.dump"
"$bin" build -q --style "$tmp/noslots.xml" data/brochure.xml -o "$tmp/plain2.pdf" --dump-layout "$tmp/plain2.dump"
check "empty slots cost nothing (same display list without them)" cmp "$tmp/plain.dump" "$tmp/plain2.dump"

# resolution: a 40 x 30 px picture placed wide
slotted img/tiny.png img/logo.pdf "$d/tiny.xml"
out=$("$bin" build -q --print "$d/tiny.xml" -o "$tmp/tiny.pdf" 2>&1); rc=$?
check "--print: a 40 x 30 px cover photo is an error at its line" sh -c 'test "$1" -eq 1 && printf "%s" "$2" | grep -q "tiny.xml:$4:[0-9]*: error: the image \"img/tiny.png\" is placed at [0-9] ppi (40 x 30 px over 216.0 x 162.0 mm), under 150 ppi"' - "$rc" "$out" x "$cl"
check "--print: no PDF after that error" test ! -e "$tmp/tiny.pdf"
out=$("$bin" build -q --print --keep-going "$d/tiny.xml" -o "$tmp/tiny.pdf" 2>&1); rc=$?
check "--print --keep-going: a resolution warning with its line, and a PDF" sh -c 'test "$1" -eq 0 && printf "%s" "$2" | grep -q "tiny.xml:$4:[0-9]*: warning: the image \"img/tiny.png\" is placed at [0-9] ppi .*print needs 300 ppi" && test -s "$3"' - "$rc" "$out" "$tmp/tiny.pdf" "$cl"
out=$("$bin" build -q "$d/tiny.xml" -o "$tmp/tiny-screen.pdf" 2>&1)
check "screen edition: the enlargement is a warning" sh -c 'printf "%s" "$1" | grep -q "tiny.xml:$2:[0-9]*: warning: the image \"img/tiny.png\" is enlarged [0-9.]* times"' - "$out" "$cl"
out=$("$bin" build -q --print "$d/slots.xml" -o "$tmp/slots-print.pdf" 2>&1)
check "--print: a 2000 x 1500 px photo over the cover is under 300 ppi (a warning)" sh -c 'printf "%s" "$1" | grep -q "slots.xml:$2:[0-9]*: warning: the image \"img/photo.jpg\" is placed at 2[0-9][0-9] ppi"' - "$out" "$cl"

# ---- the example: examples/rivers (photos copied by make photos) ----
ex=examples/rivers/rivers.xml
if [ -f examples/rivers/photos/Aqua.jpg ]; then
	check "the example builds clean (no warning)" sh -c "'$bin' build '$ex' -o '$tmp/rivers.pdf' 2>&1 | grep . && exit 1; test -s '$tmp/rivers.pdf'"
	check "the example: every word in the PDF, in order" python3 tests/check.py words "$ex" "$tmp/rivers.pdf"
	check "the example: qpdf --check is clean" qpdf --check "$tmp/rivers.pdf"
	check "the example: 8 photographs, each a jpeg stream; the SVG logos no raster image" sh -c "test \$(pdfimages -list '$tmp/rivers.pdf' | awk 'NR>2' | wc -l) -eq 8 && test \$(pdfimages -list '$tmp/rivers.pdf' | awk 'NR>2 && \$9==\"jpeg\"' | wc -l) -eq 8"
	check "the example: one Figure with /Alt for each picture that has alt" python3 - "$tmp/rivers.pdf" "$ex" <<'PY'
import json, re, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, check=True).stdout)
alts = sorted(v["value"]["/Alt"][2:] for v in j["qpdf"][1].values()
              if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/Figure")
want = sorted(re.findall(r'<image [^>]*alt="([^"]*)"', open(sys.argv[2]).read()))
assert alts == [w.replace("&apos;", "'") for w in want], (alts, want)
PY
	check "the example: 8 pages, the Sommaire's numbers computed" sh -c "pdfinfo '$tmp/rivers.pdf' | grep -q 'Pages: *8' && pdftotext -f 3 -l 3 '$tmp/rivers.pdf' - | grep -q 'p. 4'"
	out=$("$bin" build -q --print "$ex" -o "$tmp/rivers-print.pdf" 2>&1)
	check "the example's press edition warns about its two screen-resolution photos, with their lines" sh -c 'printf "%s\n" "$1" | grep -c "rivers.xml:[0-9]*:[0-9]*: warning: the image \"photos/[A-Za-z]*.jpg\" is placed at [0-9]* ppi" | grep -qx 2' - "$out"
else
	not_ok "the example's photographs are missing: run make photos (Debian package mate-backgrounds)"
fi

finish t-images
