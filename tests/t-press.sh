#!/bin/sh
# t-press.sh PLAQUETTE: what a printer's prepress checks on both press
# editions (--print PDF/X-4, --cmyk PDF/X-3), measured from the PDFs with
# qpdf --json, pdftotext and Ghostscript's tiffsep separations: marks in
# registration colour on every plate, no annotation, the slug clear of the
# marks; the screen edition keeps its links.
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$bin build data/brochure.xml -o "$tmp/screen.pdf" 2>/dev/null
for ed in print cmyk; do
	pdf=$tmp/$ed.pdf
	$bin build --$ed data/brochure.xml -o "$pdf" 2>"$tmp/err"
	check "--$ed builds" test -s "$pdf"
	check "--$ed: every page draws marks in Separation /All" \
		test "$(python3 tests/pdfinfo.py all-marks "$pdf")" = "16 of 16"
	check "--$ed: no annotation on any page (PDF/X: none in the printed area)" \
		test "$(python3 tests/pdfinfo.py annots "$pdf")" = 0
	p4=$(python3 tests/plates.py "$pdf" 4)
	check "--$ed: p. 4's marks at 100 % on C, M, Y and K ($p4)" \
		sh -c "echo '$p4' | grep -q 'marks Black Cyan Magenta Yellow$'"
	s=$(python3 tests/pdfinfo.py slug "$pdf")
	check "--$ed: the slug on every page, 6 mm in from the trim, clear of the crop mark ($s)" \
		test "$s" = "slugs 16 min-inset 17.0"
done
check "the screen edition keeps its link annotations" \
	test "$(python3 tests/pdfinfo.py annots "$tmp/screen.pdf")" -gt 0
check "the screen edition has no marks" \
	test "$(python3 tests/pdfinfo.py all-marks "$tmp/screen.pdf")" = "0 of 16"
$bin build --print --no-marks data/brochure.xml -o "$tmp/nomarks.pdf" 2>/dev/null
check "--print --no-marks: no marks" \
	test "$(python3 tests/pdfinfo.py all-marks "$tmp/nomarks.pdf")" = "0 of 16"
finish press
