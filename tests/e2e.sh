#!/bin/sh
# e2e.sh PLAQUETTE: builds the brochure and checks the PDF as a printer and
# a reader would; then the error cases of the command line and the input.
set -u
. tests/lib.sh
bin=$1
# SEED=FILE also compares the PDF with a source text kept outside the
# repository (the suite itself reads nothing outside it).
seed=${SEED:-}
scratch e2e
pdf=$tmp/brochure.pdf

# --- the brochure -----------------------------------------------------------
check "brochure builds" $bin build data/brochure.xml -o "$pdf"
check "16 pages, A4" sh -c "pdfinfo '$pdf' | grep -q 'Pages: *16' && pdfinfo '$pdf' | grep -q 'Page size: *595.27[0-9]* x 841.8[0-9]* pts (A4)'"
check "every word of the XML, in order" python3 tests/check.py words data/brochure.xml "$pdf" 1.0
if [ -n "$seed" ]; then
	check "at least 99.5 % of the seed's words, in order" python3 tests/check.py seed "$seed" "$pdf" 0.995
fi
check "qpdf --check is clean" sh -c "qpdf --check '$pdf' >/dev/null"
check "every font embedded, no Type 3" sh -c "pdffonts '$pdf' | awk 'NR > 2 { if (\$(NF-4) != \"yes\" || \$0 ~ /Type 3/) bad = 1; n++ } END { exit bad || n == 0 }'"
check "only fonts from fonts/ (Noto)" sh -c "pdffonts '$pdf' | awk 'NR > 2 && \$1 !~ /Noto/ { bad = 1 } END { exit bad }'"
check "title, author and subject from the metadata" sh -c "pdfinfo '$pdf' | grep -q '^Title: *Les collectivités locales européennes' && pdfinfo '$pdf' | grep -q '^Author: *Efus' && pdfinfo '$pdf' | grep -q '^Subject: *Recueil'"
check "Sommaire numbers are where the sections start (4, 9, 9, 11, 13, 14)" sh -c "python3 tests/check.py toc data/brochure.xml '$pdf' | awk '{print \$2}' | tr '\n' ' ' | grep -qx '4 9 9 11 13 14 '"
check "three whole city cards on each of pages 4-8" sh -c "python3 tests/check.py cards data/brochure.xml '$pdf' | grep -qx 'cards per page: 4:3 5:3 6:3 7:3 8:3'"
for p in 4:"Les collectivités européennes se mobilisent" 9:"Les projets européens qui fédèrent" 11:"Projets dont l.*Efus est partenaire" 13:"Les recommandations du Manifeste" 14:"Les accompagnements et les services"; do
	n=${p%%:*}
	check "section title on page $n" sh -c "pdftotext -f $n -l $n '$pdf' - | head -3 | tr '\n' ' ' | grep -q '${p#*:}'"
done
check "page numbers in the footers (page 5 shows 5)" sh -c "pdftotext -f 5 -l 5 -layout '$pdf' - | tail -3 | grep -qw 5"
check "no footer number on the cover" sh -c "! pdftotext -f 1 -l 1 '$pdf' - | grep -qx '1'"
$bin build data/brochure.xml -o "$tmp/again.pdf" 2>/dev/null
check "two builds are byte-identical" cmp "$pdf" "$tmp/again.pdf"
check "check validates the brochure" $bin check data/brochure.xml
check "tagged; outline mirrors the Sommaire; internal links resolve" python3 tests/check.py structure data/brochure.xml "$pdf"
check "the screen edition passes preflight" $bin preflight "$pdf"

# --- the press edition ---------------------------------------------------------
print=$tmp/print.pdf
check "press edition builds (--print)" $bin build --print data/brochure.xml -o "$print"
check "press edition: TrimBox 210 x 297 mm, BleedBox 3 mm outside, MediaBox around, all pages" python3 tests/check.py boxes "$print" 3
check "press edition: 16 pages" sh -c "pdfinfo '$print' | grep -q 'Pages: *16'"
check "press edition: a slug line under each page (file, date, page)" sh -c "pdftotext -f 3 -l 3 '$print' - | grep -q 'data/brochure.xml · 2019-02 · page 3 / 16'"
check "the screen edition has no slug line" sh -c "! pdftotext '$pdf' - | grep -q 'page 3 / 16'"
check "press edition: PDF/X-4" sh -c "pdfinfo '$print' | grep -q 'PDF subtype: *PDF/X-4'"
check "press edition: qpdf --check is clean" sh -c "qpdf --check '$print' >/dev/null"
check "press edition passes preflight, as a booklet" $bin preflight "$print"
$bin preflight tests/pdf/no-trimbox.pdf >/dev/null 2>"$tmp/err"; rc=$?
check "preflight names the problem of a broken PDF and fails" sh -c "[ $rc -eq 1 ] && grep -q 'no-trimbox.pdf: error: page 1: no TrimBox' '$tmp/err'"

SOURCE_DATE_EPOCH=1700000000 $bin build data/brochure.xml -o "$tmp/epoch.pdf" 2>/dev/null
$bin build data/brochure.en.xml -o "$tmp/en.pdf" 2>/dev/null
check "English edition: every word of its XML, in order" python3 tests/check.py words data/brochure.en.xml "$tmp/en.pdf" 1.0
check "English edition: Sommaire numbers are where the sections start" python3 tests/check.py toc data/brochure.en.xml "$tmp/en.pdf"
check "SOURCE_DATE_EPOCH sets the PDF dates" sh -c "pdfinfo '$tmp/epoch.pdf' | grep -q '^CreationDate: *Tue Nov 14 22:13:20 2023 UTC' && pdfinfo '$pdf' | grep -q '^CreationDate: *Fri Feb  1 00:00:00 2019 UTC'"

# --- set-up: a missing package, as another user than root ------------------------
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	out=$(PLAQUETTE_DEPS_EXTRA=plaquette-no-such-package setpriv --reuid=65534 --regid=65534 --clear-groups sh tools/deps.sh build 2>&1)
	rc=$?
	check "make as a user: a missing package stops it with the exact apt-get line" sh -c "[ $rc -ne 0 ] && echo '$out' | grep -q '^  apt-get install -y plaquette-no-such-package\$'"
fi
check "make, second time: no apt work when nothing is missing" sh -c "[ -z \"\$(sh tools/deps.sh test 2>&1)\" ]"

# --- the command line --------------------------------------------------------
check "--help exits 0" $bin --help
check "--version exits 0" sh -c "$bin --version | grep -q '^plaquette '"
$bin --no-such-option data/brochure.xml >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown option exits 2 with a usage message" sh -c "[ $rc -eq 2 ] && grep -q 'usage' '$tmp/err'"
$bin build >/dev/null 2>"$tmp/err"; rc=$?
check "no input exits 2" test $rc -eq 2

# --- bad input: message with file:line:col, exit status, no output -----------
# expect_fail NAME STATUS PATTERN ARGS...: the run exits STATUS, stderr matches
# PATTERN, the output is not created and an earlier one is untouched.
expect_fail() {
	name=$1 status=$2 pattern=$3
	shift 3
	echo "earlier" >"$tmp/out.pdf"
	$bin "$@" -o "$tmp/out.pdf" >/dev/null 2>"$tmp/err"
	rc=$?
	check "$name: exit status $status" test "$rc" -eq "$status"
	check "$name: says '$pattern'" grep -q -- "$pattern" "$tmp/err"
	check "$name: earlier output untouched, no temporary file left" sh -c "[ \"\$(cat '$tmp/out.pdf')\" = earlier ] && ! ls -A '$tmp' | grep -q '^.plaquette-'"
}

printf '<brochure xml:lang="fr">\n  <meta>\n</brochure>\n' >"$tmp/malformed.xml"
expect_fail "malformed XML" 1 "malformed.xml:3:[0-9]*: error: not well-formed XML" build "$tmp/malformed.xml"

sed 's|<name>Augsburg</name>||' data/brochure.xml >"$tmp/schema.xml"
line=$(grep -n '<city id="augsburg">' "$tmp/schema.xml" | cut -d: -f1)
expect_fail "schema violation" 1 "schema.xml:[0-9:]*: error: <city> (line $line) has no <name>" build "$tmp/schema.xml"

sed 's|<ref project="bounce" years="2015-2017">Bounce</ref>|<ref project="bonce" years="2015-2017">Bounce</ref>|' data/brochure.xml >"$tmp/ref.xml"
line=$(grep -n 'project="bonce"' "$tmp/ref.xml" | head -1 | cut -d: -f1)
expect_fail "broken reference" 1 "ref.xml:$line: error: <ref> refers to project \"bonce\"" build "$tmp/ref.xml"

expect_fail "missing style file" 3 "nope.xml: fatal: cannot open" build --style "$tmp/nope.xml" data/brochure.xml

sed 's|font="Noto Sans" size="9pt"|font="Comic Sans" size="9pt"|' styles/efus.xml >"$tmp/font.xml"
line=$(grep -n 'Comic Sans' "$tmp/font.xml" | head -1 | cut -d: -f1)
expect_fail "missing font" 1 "font.xml:$line: error: font \"Comic Sans\" is not in the fonts folder" build --style "$tmp/font.xml" data/brochure.xml

sed 's|size="9pt" leading="12pt"|size="nine" leading="12pt"|' styles/efus.xml >"$tmp/value.xml"
line=$(grep -n 'size="nine"' "$tmp/value.xml" | head -1 | cut -d: -f1)
expect_fail "bad style value" 1 "value.xml:$line: error: style \"base\": size=\"nine\" is not a" build --style "$tmp/value.xml" data/brochure.xml

finish e2e
