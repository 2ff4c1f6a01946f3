#!/bin/sh
# t-overfull.sh PLAQUETTE: the warning for a word wider than the measure is
# true of the printed PDF.  Layout sets paragraphs at measures it never
# prints (probes, balancing trials); a word broken in such a setting only
# is not broken on the page, and must not be told.  Measured from the PDF
# (pdftotext): a word a warning names is on no line whole, and its pieces
# join on consecutive lines; each paragraph told once.
set -u
. tests/lib.sh
take_bin t-overfull "$@"
scratch overfull

# told PDF ERR: checks each overfull warning of ERR against PDF; prints
# "N" (warnings) or the first one that is false, and fails.
told() {
	pdftotext -enc UTF-8 "$1" "$tmp/text.txt" || return 1
	python3 - "$tmp/text.txt" "$2" <<'PY'
import re, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8").read().split("\n")]
warn = re.compile(r':(\d+): warning: a word is wider than the measure .*?: "(.*)"; it was broken')
seen, n = set(), 0
for w in open(sys.argv[2], encoding="utf-8"):
    m = warn.search(w)
    if not m:
        continue
    n += 1
    line, word = m.group(1), m.group(2).rstrip("…")
    if line in seen:
        sys.exit("told twice for line %s: %s" % (line, w.strip()))
    seen.add(line)
    if any(word in l for l in lines):
        sys.exit("false: %r is whole on a line of the PDF: %s" % (word, w.strip()))
    if not any(word in lines[i] + lines[i + 1] or word in lines[i] + lines[i + 1] + lines[i + 2]
               for i in range(len(lines) - 2)):
        sys.exit("%r: its pieces are not on consecutive lines of the PDF" % word)
print(n)
PY
}

# 1. one word too wide for its column: one warning, naming it, at its line
long=Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherung
one_section_doc "$tmp/one.xml" "Un mot" "    <p>Un paragraphe ordinaire dont le texte tient dans sa colonne sans peine.</p>
    <p>Voici le mot $long au milieu d'une phrase.</p>
    <p>Un autre paragraphe ordinaire, sans mot trop long pour la colonne.</p>"
line=$(grep -n "$long" "$tmp/one.xml" | cut -d: -f1)
named=$(printf %.60s "$long")… # the message names a word's first 60 bytes
"$bin" build "$tmp/one.xml" -o "$tmp/one.pdf" 2>"$tmp/one.err"
check "one long word: the build succeeds" test -s "$tmp/one.pdf"
check "one long word: exactly one warning, naming it, at line $line" \
	sh -c "[ \$(grep -c 'wider than the measure' '$tmp/one.err') -eq 1 ] &&
	       grep -q ':$line: warning: .*\"$named\"; it was broken' '$tmp/one.err'"
if n=$(told "$tmp/one.pdf" "$tmp/one.err" 2>&1) && [ "$n" -eq 1 ]; then
	ok "one long word: broken in the PDF as told ($n warning)"
else
	not_ok "one long word: broken in the PDF as told: $n"
fi

# 2. a generated document whose probes set a title at measures it is never
# printed at (seed 1960890: 36 false warnings before): each warning true
d=$tmp/gen
python3 tests/gen/gendoc.py 1960890 "$d" >/dev/null
"$bin" build -s "$d/style.xml" "$d/doc.xml" -o "$d/doc.pdf" 2>"$d/err"
check "seed 1960890: the build succeeds" test -s "$d/doc.pdf"
if n=$(told "$d/doc.pdf" "$d/err" 2>&1); then
	ok "seed 1960890: every overfull warning true of the PDF ($n)"
else
	not_ok "seed 1960890: $n"
fi

finish t-overfull
