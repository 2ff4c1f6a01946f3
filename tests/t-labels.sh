#!/bin/sh
# t-labels.sh PLAQUETTE: the document's <label>s, however long a translator
# makes them, are never lost: each is in the PDF as often as it is used
# (pdftotext), or the run fails with a message at the label's line.
set -u
. tests/lib.sh
bin=$1
scratch labels
src=data/brochure.xml

# with_label NAME TEXT OUT: the brochure (or $4) with <label name=NAME>'s text set to TEXT
with_label() {
	python3 - "${4:-$src}" "$3" "$1" "$2" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r'(<label name="%s">)[^<]*<' % sys.argv[3], lambda m: m.group(1) + sys.argv[4] + "<", s, count=1)
assert t != s, "no such label"
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
}

# whole PDF N: each word of "Text massa llarg " x 200 in the PDF exactly
# 200 x N times (a label cut or drawn off the page has fewer)
whole() {
	python3 - "$1" "$2" <<'PY'
import re, subprocess, sys
t = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, check=True).stdout.decode()
t = re.sub(r"-\n(?=\w)", "", t)
n = int(sys.argv[2])
counts = [len(re.findall(r"\b%s\b" % w, t)) for w in ("Text", "massa", "llarg")]
print("Text massa llarg: %s times, want %d" % (counts, 200 * n))
sys.exit(not (n > 0 and counts == [200 * n] * 3))
PY
}

long=$(python3 -c 'print(("Text massa llarg " * 200).strip())')

# a page label wider than a Sommaire line: its numbers cannot be placed
with_label page "$long" "$tmp/page.xml"
line=$(grep -n '<label name="page">' "$tmp/page.xml" | cut -d: -f1)
$bin build "$tmp/page.xml" -o "$tmp/page.pdf" 2>"$tmp/page.err"
rc=$?
check "long page label: exit status 1 (was 0, every Sommaire number lost)" test $rc -eq 1
check "long page label: told at its line ($line), saying to shorten it" \
	grep -q "page.xml:$line: error: .*shorten the page label" "$tmp/page.err"
check "long page label: no PDF written" test ! -e "$tmp/page.pdf"

# a page label longer than the 63 bytes a fixed buffer kept with its number (the numbers
# were cut off), still narrower than a line: every number is there
with_label page "véase la página de este documento, en su versión impresa, n.º" "$tmp/mid.xml"
$bin build "$tmp/mid.xml" -o "$tmp/mid.pdf" 2>"$tmp/mid.err"
rc=$?
check "65-byte page label: built" test $rc -eq 0
$bin build "$src" -o "$tmp/plain.pdf" 2>/dev/null
nums() { pdftotext -f 3 -l 3 "$1" - | tr '\n' ' ' | grep -o "$2 [0-9]*" | sed 's/.* //' | tr '\n' ' '; }
want=$(nums "$tmp/plain.pdf" 'p\.')
check "65-byte page label: every Sommaire number there ($want)" \
	sh -c "[ -n '$want' ] && [ '$(nums "$tmp/mid.pdf" 'n\.º')' = '$want' ]"

# the labels set as a card's fields: each use whole in the PDF
for name in support projects member-since; do
	uses=$(grep -o "<$name[ >]" "$src" | wc -l)
	with_label "$name" "$long" "$tmp/$name.xml"
	$bin build "$tmp/$name.xml" -o "$tmp/$name.pdf" 2>"$tmp/$name.err"
	rc=$?
	check "long $name label: built" test $rc -eq 0
	check "long $name label: all there, $uses times" whole "$tmp/$name.pdf" "$uses"
done

# the continued label, "NAME – suite" at each head of a split card: all there
sed 's|<style name="city-card" |<style name="city-card" split-to-fill="yes" |' styles/efus.xml >"$tmp/stf.xml"
x=tests/layout/split-to-fill.xml
with_label continued "$long" "$tmp/cont.xml" "$x"
$bin build -s "$tmp/stf.xml" "$tmp/cont.xml" -o "$tmp/cont.pdf" 2>"$tmp/cont.err"
rc=$?
heads=$(pdftotext "$tmp/cont.pdf" - | grep -c "Longueville (France) – Text")
check "long continued label: built" test $rc -eq 0
check "long continued label: whole at each of the $heads continuations" whole "$tmp/cont.pdf" "$heads"
check "long continued label: every word of the card, in order" python3 tests/check.py words "$x" "$tmp/cont.pdf" 1.0

finish labels
