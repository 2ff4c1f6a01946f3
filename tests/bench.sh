#!/bin/sh
# bench.sh PLAQUETTE: how fast plaquette builds the brochure and its 10x and
# 100x versions (tests/gen-big.py), as a table: pages, median wall time of
# whole-process runs, time per page, pages per second, peak RSS.
#
# Times come from hyperfine when it is installed, else from a loop of
# `date +%s%N`; peak RSS from GNU time (/usr/bin/time -v, Debian package
# "time").  RUNS (default 10) sets the runs of the small inputs; the 100x
# one runs a third as often.  Then the targets:
#   brochure          <= 35 ms wall
#   100x              <= 0.75 s wall, <= 150 MiB peak RSS, and a cost per
#                     page within 1.3x of the brochure's
# Missed targets are printed; with BENCH_STRICT=1 they also fail the run.
# A second table splits one run of each by stage (PLAQUETTE_TIMINGS=1).
set -u
bin=${1:?usage: sh tests/bench.sh PLAQUETTE_BINARY}
runs=${RUNS:-10}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/plaquette-bench.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH

python3 tests/gen-big.py data/brochure.xml 10 >"$tmp/brochure-10x.xml" &&
	python3 tests/gen-big.py data/brochure.xml 100 >"$tmp/brochure-100x.xml" || {
	echo "bench: cannot generate the big brochures" >&2
	exit 3
}

# median_ms FILE: the median of the numbers (ms) in FILE, one per line.
median_ms() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.1f", v[(NR + 1) / 2]
		else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# wall IN OUT N: median wall time in ms of N builds of IN into OUT.
wall() {
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 1 -r "$3" --export-json "$tmp/h.json" \
			"$bin build -q $1 -o $2" >/dev/null 2>&1 &&
			python3 -c 'import json, sys
print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$tmp/h.json" &&
			return
	fi
	"$bin" build -q "$1" -o "$2" 2>/dev/null
	: >"$tmp/times"
	i=0
	while [ $i -lt "$3" ]; do
		s=$(date +%s%N)
		"$bin" build -q "$1" -o "$2" 2>/dev/null
		e=$(date +%s%N)
		echo $(((e - s) / 1000)) | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$tmp/times"
		i=$((i + 1))
	done
	median_ms "$tmp/times"
}

# rss IN OUT: peak resident set of one build, in MiB ("n/a" without GNU time).
rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$bin" build -q "$1" -o "$2" 2>&1 >/dev/null |
			awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
	else
		printf 'n/a'
	fi
}

# pages DUMP: the page count of a --dump-layout file (no poppler needed).
pages() {
	grep -c '^page ' "$1"
}

printf '%-16s %6s %10s %9s %8s %9s\n' input pages "median ms" "ms/page" "pages/s" "peak MiB"
for name in brochure brochure-10x brochure-100x; do
	case $name in
	brochure) in=data/brochure.xml n=$runs ;;
	brochure-100x) in=$tmp/$name.xml n=$(((runs + 2) / 3)) ;;
	*) in=$tmp/$name.xml n=$runs ;;
	esac
	out=$tmp/$name.pdf
	if ! "$bin" build -q "$in" -o "$out" --dump-layout "$tmp/dump" 2>"$tmp/err"; then
		echo "bench: $name does not build:" >&2
		cat "$tmp/err" >&2
		exit 3
	fi
	p=$(pages "$tmp/dump")
	ms=$(wall "$in" "$out" "$n")
	mib=$(rss "$in" "$out")
	printf '%-16s %6s %10s %9s %8s %9s\n' "$name" "$p" "$ms" \
		"$(awk -v t="$ms" -v p="$p" 'BEGIN { printf "%.2f", t / p }')" \
		"$(awk -v t="$ms" -v p="$p" 'BEGIN { printf "%.0f", p / t * 1000 }')" "$mib"
	eval "ms_$(echo $name | tr -d -- '-')=\$ms pages_$(echo $name | tr -d -- '-')=\$p mib_$(echo $name | tr -d -- '-')=\$mib"
done

# Where the time goes: one run of each with PLAQUETTE_TIMINGS=1 (the
# binary's "plaquette: timing: STAGE MS" lines), when it prints them.
for name in brochure brochure-10x brochure-100x; do
	in=$tmp/$name.xml
	[ $name = brochure ] && in=data/brochure.xml
	PLAQUETTE_TIMINGS=1 "$bin" build -q "$in" -o "$tmp/t.pdf" 2>&1 >/dev/null |
		awk -v n="$name" '$2 == "timing:" { printf "%s %s %s\n", n, $3, $4 }'
done >"$tmp/stages"
if [ -s "$tmp/stages" ]; then
	echo
	awk '{ if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }; t[$1, $2] = $3 }
	END {
		printf "%-16s", "stage (ms)"
		for (i = 1; i <= k; i++) printf " %9s", order[i]
		printf "\n"
		split("brochure brochure-10x brochure-100x", names, " ")
		for (j = 1; j <= 3; j++) {
			printf "%-16s", names[j]
			for (i = 1; i <= k; i++) printf " %9s", t[names[j], order[i]]
			printf "\n"
		}
	}' "$tmp/stages"
fi

# verdict TEXT OK: one line per target.
missed=0
verdict() {
	if [ "$2" -eq 1 ]; then
		echo "target met:    $1"
	else
		echo "target missed: $1"
		missed=$((missed + 1))
	fi
}
echo
verdict "brochure <= 35 ms (got $ms_brochure ms)" \
	"$(awk -v t="$ms_brochure" 'BEGIN { print (t <= 35) }')"
verdict "100x <= 750 ms (got $ms_brochure100x ms)" \
	"$(awk -v t="$ms_brochure100x" 'BEGIN { print (t <= 750) }')"
ratio=$(awk -v a="$ms_brochure100x" -v pa="$pages_brochure100x" -v b="$ms_brochure" \
	-v pb="$pages_brochure" 'BEGIN { printf "%.2f", (a / pa) / (b / pb) }')
verdict "100x cost per page <= 1.3 x the brochure's (got $ratio x)" \
	"$(awk -v r="$ratio" 'BEGIN { print (r <= 1.3) }')"
if [ "$mib_brochure100x" != n/a ]; then
	verdict "100x peak RSS <= 150 MiB (got $mib_brochure100x MiB)" \
		"$(awk -v m="$mib_brochure100x" 'BEGIN { print (m <= 150) }')"
fi
[ "${BENCH_STRICT:-0}" = 1 ] && [ $missed -gt 0 ] && exit 1
exit 0
