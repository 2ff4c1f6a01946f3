#!/bin/sh
# run-bad.sh PLAQUETTE SEED WORKDIR: the hostile variant of seed SEED
# (tests/gen/hostile.py) into WORKDIR/bad-SEED, built; prints one line
# a property, "SEED NAME ok" or "SEED NAME FAIL: what was seen" (bad-exit,
# bad-crash, bad-nopdf, bad-leftover, bad-line).  The build must exit 1,
# say "FILE:LINE[:COL]: error:" for the faulty file at the fault's lines,
# write no PDF, leave nothing but what was there, and not crash.
set -u
bin=$1
seed=$2
d=$3/bad-$seed
rm -rf "$d"
mkdir -p "$d"
if ! python3 tests/gen/hostile.py "$seed" "$d" >"$d/out" 2>&1; then
	echo "generator FAIL: hostile.py: $(tail -1 "$d/out")" >"$d/checks"
	exit 0
fi
read -r file lo hi what alt <"$d/expect"
before=$(ls -A "$d" | sort | tr '\n' ' ')
timeout -k 5 120 "$bin" build -s "$d/style.xml" "$d/doc.xml" -o "$d/doc.pdf" >"$d/out" 2>"$d/err"
rc=$?
after=$(ls -A "$d" | grep -v '^err$' | sort | tr '\n' ' ')
line=$(sed -n "s|^plaquette: $d/$file:\([0-9]*\)\(:[0-9]*\)\{0,1\}: error: .*|\1|p" "$d/err" | head -1)
{
	[ $rc -eq 1 ] && echo "bad-exit ok" || echo "bad-exit FAIL: $what: exit status $rc, not 1"
	if grep -q 'AddressSanitizer\|runtime error:' "$d/err" || [ $rc -ge 128 ]; then
		echo "bad-crash FAIL: $what: $(grep -m1 'AddressSanitizer\|runtime error:' "$d/err" | cut -c1-160) status $rc"
	else
		echo "bad-crash ok"
	fi
	[ -e "$d/doc.pdf" ] && echo "bad-nopdf FAIL: $what: a PDF was written" || echo "bad-nopdf ok"
	[ "$before" = "$after" ] && echo "bad-leftover ok" || echo "bad-leftover FAIL: $what: left behind: $after(before: $before)"
	if [ -z "$line" ]; then
		echo "bad-line FAIL: $what: no error located at $file:LINE ($(grep -m1 error "$d/err" | sed "s|$d/||" | cut -c1-160))"
	elif [ "$line" = "${alt:-}" ]; then
		echo "bad-line ok"
	elif [ "$line" -lt "$lo" ] || [ "$line" -gt "$hi" ]; then
		echo "bad-line FAIL: $what: the error is at $file:$line, the fault at $lo-$hi"
	else
		echo "bad-line ok"
	fi
} >"$d/checks"
sed "s/^/$seed /" "$d/checks"
