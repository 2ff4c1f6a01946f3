#!/bin/sh
# t-images.sh PLAQUETTE: pictures.  Test images are drawn here by
# tests/mkimg.c (Cairo, libjpeg), a few KB each.  Every check of an image
# is reported at the <image> element's file:line:col before any PDF
# exists; hostile files are refused cleanly (exit 1, no crash, no PDF).
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mk=$tmp/mkimg
cc -std=c11 -o "$mk" tests/mkimg.c $(pkg-config --cflags --libs cairo libjpeg) || {
	not_ok "tests/mkimg.c builds"
	finish t-images
	exit 1
}
d=$tmp/doc
mkdir -p "$d/img" "$tmp/outside"
"$mk" png 400 300 "$d/img/chart.png"
"$mk" png 40 30 "$d/img/tiny.png"
"$mk" jpeg 1200 900 "$d/img/photo.jpg"
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
	cat > "$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<brochure xml:lang="fr" version="1">
  <meta>
    <title>Images</title>
    <author>Test</author>
    <publisher>Test</publisher>
    <date>2019-02</date>
    <subject>Images</subject>
    <keywords>test</keywords>
    <labels>
      <label name="page">p.</label>
      <label name="support">Accompagnements</label>
      <label name="projects">Projets</label>
      <label name="member-since">Membre depuis</label>
      <label name="continued">suite</label>
    </labels>
  </meta>
  <section id="villes" toc="1">
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
</brochure>
XML
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
check "the sheet's max-megapixels is applied" limit 'max-megapixels="0.1"' 'chart.png" is 400 x 300 pixels (0.1 megapixels); plaquette refuses more than 0.1 megapixels'
check "a bad figure in <images> names the sheet's line" limit 'min-ppi="-3"' 'limits.xml:7: error: style sheet <images>: min-ppi="-3" is not a number above 0'
check "no PDF from a refused image" test ! -e "$tmp/x.pdf"

finish t-images
