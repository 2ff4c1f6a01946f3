#!/bin/sh
# mkbroken.sh: writes the small hand-made PDFs that preflight must judge,
# each with one deliberate defect (clean.pdf has none).  The files are
# committed; run this again after changing it:  sh tests/pdf/mkbroken.sh
# Needs only sh, printf, wc, and qpdf for the encrypted copy.
set -eu
export LC_ALL=C
dir=${1:-$(dirname "$0")}

# A page of A4 trim, 3 mm bleed, 3 mm more of media: boxes preflight accepts.
MEDIA='/MediaBox [0 0 629.28 875.89]'
BLEED='/BleedBox [8.5 8.5 620.78 867.39]'
TRIM='/TrimBox [17 17 612.28 858.89]'

# begin FILE: start a PDF; objects must then be added as 1, 2, 3, ...
begin() {
	out=$dir/$1
	offs=""
	printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$out"
}

# obj N TEXT: object N (numbered in order).
obj() {
	offs="$offs $(wc -c <"$out")"
	printf '%d 0 obj\n%s\nendobj\n' "$1" "$2" >>"$out"
}

# stream N DICT DATA: stream object N; /Length is the byte count of DATA.
stream() {
	offs="$offs $(wc -c <"$out")"
	printf '%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n' \
		"$1" "$2" "${#3}" "$3" >>"$out"
}

# finish [TRAILER-KEYS]: cross-reference table and trailer, Root 1 0 R.
finish() {
	n=$(echo $offs | wc -w)
	x=$(wc -c <"$out")
	{
		printf 'xref\n0 %d\n0000000000 65535 f \n' $((n + 1))
		for o in $offs; do printf '%010d 00000 n \n' "$o"; done
		printf 'trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n' \
			$((n + 1)) "${1:-}" "$x"
	} >>"$out"
}

# pages N BOXES: objects 2 (the page tree) and 3..N+2 (the pages), every
# page drawing content object N+4 with resources object N+3.
pages() {
	kids=""
	i=0
	while [ $i -lt "$1" ]; do kids="$kids $((i + 3)) 0 R"; i=$((i + 1)); done
	obj 2 "<< /Type /Pages /Kids [$kids ] /Count $1 >>"
	i=0
	while [ $i -lt "$1" ]; do
		obj $((i + 3)) "<< /Type /Page /Parent 2 0 R $2 /Resources $(($1 + 3)) 0 R /Contents $(($1 + 4)) 0 R >>"
		i=$((i + 1))
	done
}

# simple FILE NPAGES BOXES RESOURCES CONTENT [CATALOG-KEYS] [TRAILER-KEYS]
simple() {
	begin "$1"
	obj 1 "<< /Type /Catalog /Pages 2 0 R ${6:-} >>"
	pages "$2" "$3"
	obj $(($2 + 3)) "$4"
	stream $(($2 + 4)) "" "$5"
	finish "${7:-}"
}

# A grey square (20 x 20 px) in ASCIIHex: 400 bytes.
hex=$(i=0; while [ $i -lt 400 ]; do printf '%02x' $((i % 256)); i=$((i + 1)); done)
BOX="$MEDIA $BLEED $TRIM"
RECT='0 0 1 rg 100 100 200 200 re f'

simple clean.pdf 4 "$BOX" '<< >>' "$RECT"
simple no-trimbox.pdf 4 "$MEDIA $BLEED" '<< >>' "$RECT"
simple three-pages.pdf 3 "$BOX" '<< >>' "$RECT"
simple boxes-nesting.pdf 4 "$MEDIA $BLEED /TrimBox [0 0 629.28 875.89]" '<< >>' "$RECT"

# TrimBox and BleedBox on the page tree only: not inheritable in PDF.
begin inherited-boxes.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
obj 2 "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 $BOX >>"
for i in 3 4 5 6; do obj $i '<< /Type /Page /Parent 2 0 R /Resources 7 0 R /Contents 8 0 R >>'; done
obj 7 '<< >>'
stream 8 "" "$RECT"
finish

# Page 3 is trimmed smaller than the others (A5 within the A4 sheet).
begin trim-sizes.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
obj 2 '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 >>'
for i in 3 4 5 6; do
	boxes=$BOX
	[ $i = 5 ] && boxes="$MEDIA $BLEED /TrimBox [17 17 436.53 612.28]"
	obj $i "<< /Type /Page /Parent 2 0 R $boxes /Resources 7 0 R /Contents 8 0 R >>"
done
obj 7 '<< >>'
stream 8 "" "$RECT"
finish

# Helvetica by name only: no FontFile in any descriptor.
begin unembedded-font.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pages 4 "$BOX"
obj 7 '<< /Font << /F1 9 0 R >> >>'
stream 8 "" 'BT /F1 12 Tf 72 720 Td (Bonjour) Tj ET'
obj 9 '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
finish

# A Type 3 font: glyphs as PDF procedures.
begin type3-font.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pages 4 "$BOX"
obj 7 '<< /Font << /T3 9 0 R >> >>'
stream 8 "" 'BT /T3 12 Tf 72 720 Td (a) Tj ET'
obj 9 '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 10 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>'
stream 10 "" '1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'
finish

# JavaScript in the name tree and as the open action.
begin javascript.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 9 0 R >> /OpenAction 10 0 R >>'
pages 4 "$BOX"
obj 7 '<< >>'
stream 8 "" "$RECT"
obj 9 '<< /Names [(hello) 10 0 R] >>'
obj 10 "<< /S /JavaScript /JS (app.alert\\('bonjour'\\);) >>"
finish

# An interactive form with one text field.
begin acroform.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [9 0 R] >> >>'
pages 4 "$BOX"
obj 7 '<< >>'
stream 8 "" "$RECT"
obj 9 '<< /FT /Tx /T (nom) /Type /Annot /Subtype /Widget /Rect [100 100 300 120] /P 3 0 R >>'
finish

# Strokes: 0.1 pt on the page, 0.4 pt in a form scaled by 0.5 (0.2 pt),
# and 0.1 pt scaled by 4 (0.4 pt, fine).
begin hairline.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pages 4 "$BOX"
obj 7 '<< /XObject << /Fm1 9 0 R >> >>'
stream 8 "" '0 0 0 RG 0.1 w 100 100 m 300 100 l S
q 0.5 0 0 0.5 0 0 cm /Fm1 Do Q
q 4 0 0 4 0 0 cm 0.1 w 30 30 m 60 30 l S Q'
stream 9 "/Type /XObject /Subtype /Form /BBox [0 0 1000 1000] /Resources << >>" '0.4 w 200 400 m 600 400 l S'
finish

# A 20 x 20 px image at 20 pt (72 ppi), the same at 7.2 pt (200 ppi), and
# an inline 20 x 20 px image at 20 pt.
begin lowres-image.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pages 4 "$BOX"
obj 7 '<< /XObject << /Im1 9 0 R /Im2 10 0 R >> >>'
stream 8 "" "q 20 0 0 20 100 100 cm /Im1 Do Q
q 7.2 0 0 7.2 200 100 cm /Im2 Do Q
q 20 0 0 20 300 100 cm BI /W 20 /H 20 /CS /G /BPC 8 /F /AHx ID
$hex>
EI Q"
IMAGE='/Type /XObject /Subtype /Image /Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode'
stream 9 "$IMAGE" "$hex>"
stream 10 "$IMAGE" "$hex>"
finish

# Claims PDF/X-4 in Info but has no XMP, output intent, Trapped or Title.
begin pdfx-incomplete.pdf
obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pages 4 "$BOX"
obj 7 '<< >>'
stream 8 "" "$RECT"
obj 9 '<< /GTS_PDFXVersion (PDF/X-4) >>'
finish '/Info 9 0 R'

# Encrypted (AES-128, empty user password: it opens, but printers refuse it;
# R4 with a static ID and IV, so that the bytes are the same at every run).
qpdf --static-id --static-aes-iv --encrypt '' owner 128 --use-aes=y -- \
	"$dir/clean.pdf" "$dir/encrypted.pdf"

for f in "$dir"/*.pdf; do
	qpdf --check "$f" >/dev/null || { echo "mkbroken: $f fails qpdf --check" >&2; exit 1; }
done
echo "mkbroken: wrote $(ls "$dir"/*.pdf | wc -l) PDFs in $dir"
