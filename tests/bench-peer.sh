#!/bin/sh
# bench-peer.sh PLAQUETTE: plaquette side by side with a peer typesetter on
# the same text and page plan, as paired whole-process runs (A B A B …),
# and the noise-free record in instruction counts.
#
# The peer is Typst 0.14 through typst.ts, installed outside the repository
# (see "Benchmarks" in README.md).  Point at it with
#   PEER=DIR   a folder holding typst-ts.js (with its node_modules), cards.py
#              and the generated sources DIR/out/1x/brochure.typ and
#              DIR/out/100x/brochure.typ
# Without PEER, or without node, only plaquette's own figures are printed.
# PAIRS (default 9) sets the pairs of the brochure; the 100x inputs run a
# third as many.  CALLGRIND=1 adds valgrind's instruction counts.
set -u
bin=${1:?usage: sh tests/bench-peer.sh PLAQUETTE_BINARY}
pairs=${PAIRS:-9}
peer=${PEER:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/plaquette-peer.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH


# now_us: a monotonic-enough clock in microseconds.
now_us() { date +%s%N | awk '{ printf "%.0f\n", $1 / 1000 }'; }

# run_us CMD...: wall time of one run of CMD, in microseconds.
run_us() {
	s=$(now_us)
	"$@" >/dev/null 2>&1 || { echo "bench-peer: failed: $*" >&2; exit 3; }
	e=$(now_us)
	echo $((e - s))
}

# peak_mib CMD...: peak resident set of one run (GNU time), in MiB.
peak_mib() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$@" 2>&1 >/dev/null |
			awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
	else
		printf 'n/a'
	fi
}

# median FILE: the median of the numbers in FILE.
median() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.3f", v[(NR + 1) / 2]
		else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# pair NAME N A_CMD -- B_CMD: N paired runs, A then B; prints the medians of
# A and B (ms) and of the per-pair ratio A/B.
pair() {
	name=$1 n=$2
	shift 2
	: >"$tmp/a" ; : >"$tmp/b" ; : >"$tmp/r"
	i=0
	while [ $i -lt "$n" ]; do
		ta=$(run_us sh -c "$A")
		tb=$(run_us sh -c "$B")
		echo "$ta" | awk '{ print $1 / 1000 }' >>"$tmp/a"
		echo "$tb" | awk '{ print $1 / 1000 }' >>"$tmp/b"
		awk -v a="$ta" -v b="$tb" 'BEGIN { print a / b }' >>"$tmp/r"
		i=$((i + 1))
	done
	printf '%-14s %5s %12s %12s %10s\n' "$name" "$n" "$(median "$tmp/a")" \
		"$(median "$tmp/b")" "$(median "$tmp/r")"
}

have_peer=0
if [ -n "$peer" ] && command -v node >/dev/null 2>&1 && [ -f "$peer/typst-ts.js" ] &&
	[ -f "$peer/out/1x/brochure.typ" ]; then
	have_peer=1
fi
# The 100x input: the peer's own card multiplier when it is there (the same
# page plan as its 100x source), else tests/gen-big.py.
if [ $have_peer = 1 ] && [ -f "$peer/cards.py" ]; then
	python3 "$peer/cards.py" data/brochure.xml 100 >"$tmp/b100.xml" || exit 3
else
	python3 tests/gen-big.py data/brochure.xml 100 >"$tmp/b100.xml" || exit 3
fi

"$bin" build -q data/brochure.xml -o "$tmp/p.pdf" --dump-layout "$tmp/d1" || exit 3
"$bin" build -q "$tmp/b100.xml" -o "$tmp/p.pdf" --dump-layout "$tmp/d100" || exit 3
p1=$(grep -c '^page ' "$tmp/d1")
p100=$(grep -c '^page ' "$tmp/d100")

if [ $have_peer = 1 ]; then
	echo "paired whole-process runs, plaquette (A) against Typst 0.14 / typst.ts (B), median ms"
	printf '%-14s %5s %12s %12s %10s\n' input pairs "A ms" "B ms" "A/B"
	A="$bin build -q data/brochure.xml -o $tmp/a.pdf"
	B="node $peer/typst-ts.js $peer/out/1x/brochure.typ $tmp/b.pdf"
	pair "brochure" "$pairs"
	A="$bin build -q $tmp/b100.xml -o $tmp/a.pdf"
	B="node $peer/typst-ts.js $peer/out/100x/brochure.typ $tmp/b.pdf"
	pair "100x" $(((pairs + 2) / 3))
	pt=$(pdfinfo "$tmp/b.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	echo "pages: plaquette $p1 and $p100, peer 100x ${pt:-?}"
	echo "peak MiB, 100x: plaquette $(peak_mib "$bin" build -q "$tmp/b100.xml" -o "$tmp/a.pdf")," \
		"peer $(peak_mib node "$peer/typst-ts.js" "$peer/out/100x/brochure.typ" "$tmp/b.pdf")"
else
	echo "bench-peer: no peer (set PEER=DIR, see README.md): plaquette alone"
	echo "peak MiB, 100x ($p100 pages): $(peak_mib "$bin" build -q "$tmp/b100.xml" -o "$tmp/a.pdf")"
fi

if [ "${CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	for x in data/brochure.xml "$tmp/b100.xml"; do
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" build -q "$x" \
			-o "$tmp/c.pdf" 2>&1 | awk -v x="$(basename "$x")" \
			'/Collected/ { printf "instructions, %s: %s\n", x, $4 }'
	done
	echo "(pages: $p1 and $p100)"
fi
exit 0
