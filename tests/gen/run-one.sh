#!/bin/sh
# run-one.sh PLAQUETTE SEED WORKDIR: generate the document of SEED into
# WORKDIR/SEED, build it, measure it (tests/gen/checkgen.py); prints one
# line per property, "SEED NAME ok|FAIL|n/a[: what was seen]".
set -u
bin=$1
seed=$2
d=$3/$seed
rm -rf "$d"
mkdir -p "$d"
if ! python3 tests/gen/gendoc.py "$seed" "$d" >"$d/out" 2>&1; then
	echo "generator FAIL: $(tail -1 "$d/out")" >"$d/checks"
	sed "s/^/$seed /" "$d/checks"
	exit 0
fi
# a build that hangs is a finding too: 300 s is far above any document's time
timeout -k 5 300 "$bin" build -s "$d/style.xml" "$d/doc.xml" -o "$d/doc.pdf" >"$d/out" 2>"$d/err"
echo $? >"$d/rc"
# the document must be valid by schema/brochure.rng, else the generator is wrong
valid="valid ok"
if ! timeout -k 5 120 "$bin" check -s "$d/style.xml" "$d/doc.xml" >"$d/out" 2>&1; then
	valid="valid FAIL: $(grep -m1 error "$d/out" | cut -c1-200)"
fi
python3 tests/gen/checkgen.py "$d" >"$d/checks" 2>&1 || echo "checker FAIL: $(tail -1 "$d/checks")" >>"$d/checks"
echo "$valid" >>"$d/checks"
sed "s/^/$seed /" "$d/checks"
