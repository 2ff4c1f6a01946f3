#!/bin/sh
# run.sh [--asan ASAN_BINARY] PLAQUETTE [UNIT_TEST_BINARIES...]
# The whole suite: unit tests (cmocka), end-to-end checks, bad input; with
# --asan, the end-to-end and bad-input checks again under ASan+UBSan.
# The last line is the summary "N passed, M failed".
set -u
asan=""
if [ "${1:-}" = "--asan" ]; then
	asan=$2
	shift 2
fi
bin=$1
shift
log=$(mktemp)
times=$(mktemp)
start=$(date +%s)

# one hyphenation dictionary cache for the whole suite, in the build
# folder, unless one is given: a CI whose home is fresh or cannot be
# written would load libhyphen's German dictionary again in every German
# build (3.5 s of CPU each; a cached one is ready in under 20 ms)
mkdir -p build
export PLAQUETTE_CACHE_DIR="${PLAQUETTE_CACHE_DIR:-$(pwd)/build/test-cache}"

cpuf=$(mktemp)
trap 'rm -f "$log" "$times" "$cpuf"' EXIT

# cpu_now: the CPU seconds (user + system) of every process this shell
# has waited for so far, into $cpu (the shell's own `times`, written to a
# file: in a subshell it would count nothing)
cpu_now() {
	times >"$cpuf"
	cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] } printf "%.0f\n", t }' "$cpuf")
}

# each script's wall and CPU time are printed after it ("== 12 s, CPU 20 s:
# sh tests/…"), and the slowest at the end: the suite must stay under 10
# minutes on 2 cores; the CPU figure hardly depends on the machine's load
run() {
	echo "== $*"
	t0=$(date +%s)
	cpu_now
	c0=$cpu
	"$@" 2>&1 | tee -a "$log"
	cpu_now
	echo "== $(($(date +%s) - t0)) s, CPU $((cpu - c0)) s: $*" | tee -a "$times"
}

for u in "$@"; do
	run "$u"
done
run sh tests/e2e.sh "$bin"
[ -f tests/bad.sh ] && run sh tests/bad.sh "$bin"
for t in tests/t-*.sh; do
	[ -f "$t" ] && run sh "$t" "$bin"
done
if [ -n "$asan" ]; then
	export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	run sh tests/e2e.sh "$asan"
	[ -f tests/bad.sh ] && run sh tests/bad.sh "$asan"
	for t in tests/t-*.sh; do
		[ -f "$t" ] && run sh "$t" "$asan"
	done
fi

pass=$(grep -c '^ok - ' "$log")
fail=$(grep -c '^not ok - ' "$log")
upass=$(grep -c '^\[       OK \]' "$log")
ufail=$(grep '^\[  FAILED  \] [a-z_]' "$log" | sort -u | wc -l)
pass=$((pass + upass))
fail=$((fail + ufail))
# a script or test binary that died without saying so counts as a failure
died=$(grep -c '^\(e2e\|bad\|[a-z-]*\): [0-9]* passed, [0-9]* failed$' "$log")
cpu_now
echo "== the slowest scripts (wall time, of $(($(date +%s) - start)) s in all; CPU $cpu s):"
sort -t' ' -k2 -n -r "$times" | head -6 | sed 's/^== /   /'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
