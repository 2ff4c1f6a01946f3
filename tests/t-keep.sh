#!/bin/sh
# t-keep.sh PLAQUETTE: keeps, measured from the PDF — the editorial's
# signature never stands alone at the top of a page: it keeps with the
# last lines of its text (keep-with-previous in the sheet), however long
# the text grows.
set -u
. tests/lib.sh
bin=$1
scratch keep

# sig_ok PDF NAME: on the page that prints NAME (the signature), at least
# two lines of text stand above it; prints what it saw.
sig_ok() {
	python3 - "$1" "$2" <<'PY'
import subprocess, sys
pdf, name = sys.argv[1], sys.argv[2]
n = int([l.split()[1] for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
         check=True).stdout.splitlines() if l.startswith("Pages:")][0])
for p in range(1, n + 1):
    lines = [l.strip() for l in subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout",
             pdf, "-"], capture_output=True, text=True, check=True).stdout.splitlines() if l.strip()]
    for i, l in enumerate(lines):
        if name in l:
            print(f"p. {p}: {i} lines above the signature")
            sys.exit(0 if i >= 2 else 1)
print("signature not found")
sys.exit(1)
PY
}

# The editorial grown by a few words at a time (a longer translation):
# somewhere in this range the signature used to fall alone onto the next
# page.
steps="0 6 12 18 24 30 36 42 48 54 60 66 72 78 84"
case $bin in *asan*) steps="0 30 60" ;; esac
for w in $steps; do
	python3 - data/brochure.xml "$tmp/e$w.xml" "$w" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
extra = " ".join(["ensemble"] * int(sys.argv[3]))
a = s.index("<editorial")
b = s.index("<signature", a)
last = s.rindex("</p>", a, b)
open(sys.argv[2], "w", encoding="utf-8").write(s[:last] + (" " + extra if extra else "") + s[last:])
PY
	$bin build -q "$tmp/e$w.xml" -o "$tmp/e$w.pdf" 2>/dev/null
	check "editorial +$w words: the signature keeps with two lines of its text" sig_ok "$tmp/e$w.pdf" "Willy Demeyer"
	check "editorial +$w words: every word, in order" python3 tests/check.py words "$tmp/e$w.xml" "$tmp/e$w.pdf" 1.0
done

# The pseudo-translation the issue named (every text 1.2-1.3 times longer)
for fct in 1.2 1.3; do
	$bin build -q --pseudo $fct data/brochure.xml -o "$tmp/p$fct.pdf" 2>/dev/null
	name=$(pdftotext -layout "$tmp/p$fct.pdf" - | grep -m1 -o 'W[^ ]*ll[^ ]* D[^ ]*m[^ ]*y[^ ]*r')
	check "--pseudo $fct: the signature found" test -n "$name"
	check "--pseudo $fct: the signature keeps with two lines of its text" sig_ok "$tmp/p$fct.pdf" "${name:-none}"
done

# the property is the sheet's: without it the signature may stand alone
# (min-fill off too: balancing the editorial's last page with the one
# before also keeps the signature from standing alone)
sed -e 's/ keep-with-previous="yes"//' -e 's|min-fill="25%"|min-fill="0%"|' styles/efus.xml >"$tmp/nokeep.xml"
alone=0
for w in $steps; do
	$bin build -q -s "$tmp/nokeep.xml" "$tmp/e$w.xml" -o "$tmp/n$w.pdf" 2>/dev/null
	sig_ok "$tmp/n$w.pdf" "Willy Demeyer" >/dev/null || alone=$((alone + 1))
done
case $bin in
*asan*) ;;
*) check "without keep-with-previous the signature stands alone in some of them" test "$alone" -gt 0 ;;
esac
finish keep
