# badlib.sh: the case helpers of tests/bad.sh and tests/t-robust.sh
# (sourced after tests/lib.sh, with $bin set to an absolute path): a
# temporary folder $tmp removed at exit, sanitizer options with their own
# exit codes, and begin/run/status/says/sane/untouched/replaced/refuse/accept.
# Set $case_prefix before sourcing to name the temporary folder.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/plaquette-${case_prefix:-bad}.XXXXXX") || exit 3
chmod 755 "$tmp"
mounted=""
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sanitizers: their own exit codes, so that they never pass for "exit 1".
printf 'leak:libfontconfig.so\nleak:libhyphen.so\n' >"$tmp/lsan.supp"
chmod 644 "$tmp/lsan.supp"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:exitcode=87"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$tmp/lsan.supp:print_suppressions=0:exitcode=88"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

root=0
sanitized=0
grep -q -e __asan_init -e __ubsan_handle "$bin" && sanitized=1
[ "$(id -u)" -eq 0 ] && root=1
have_strace=0
strace -f -o /dev/null true >/dev/null 2>&1 && have_strace=1
known_fixed=0
todos=0
case_todos=0
known=""
name=""

# ---- one check -------------------------------------------------------------

# res STATUS DESCRIPTION: records one check of the current case; $known
# (the case's known defect, or empty) turns a failure into a todo line.
res() {
	if [ "$1" -eq 0 ]; then
		ok "$2"
	elif [ -n "$known" ]; then
		todos=$((todos + 1))
		case_todos=$((case_todos + 1))
		echo "todo - $2 # $known"
	else
		not_ok "$2"
		sed 's/^/    /' "$tmp/stderr" | head -8
	fi
}

# re TEXT: TEXT as an extended regular expression matching itself.
re() {
	printf '%s' "$1" | sed 's/[].[^$*+?(){}|\\]/\\&/g'
}

# ---- one case --------------------------------------------------------------

# begin NAME [KNOWN]: a new case with its own output folder $out holding an
# earlier output $out/x.pdf; $as (a command prefix) is reset.
n=0
begin() {
	end_case
	n=$((n + 1))
	name=$1
	known=${2:-}
	as=""
	out=$tmp/out$n
	mkdir "$out"
	chmod 755 "$out"
	printf '%%PDF-1.4 earlier output of case %s\n' "$n" >"$out/x.pdf"
	sum0=$(cksum <"$out/x.pdf")
}

# end_case: a case marked with a known defect whose checks all pass.
end_case() {
	if [ -n "$known" ] && [ "$case_todos" -eq 0 ]; then
		echo "# $name: passes now, drop its known-defect mark ($known)"
		known_fixed=$((known_fixed + 1))
	fi
	case_todos=0
}

# The bound on one run, a hang caught: 10 s, 30 s for the sanitizer build
# (2-3 times slower; a 200 000-character word or 2000 links took 10 s under
# ASan at load 15).
case ${bin:-} in *asan*) run_limit=30 ;; *) run_limit=10 ;; esac

# run ARGS...: runs the binary (under $as) with that bound; sets $st.
# With $run_cpu set (seconds), a case heavy by design is bounded by CPU time
# instead (prlimit), the wall bound six times that: what the program costs,
# not how loaded the machine is.
run() {
	if [ -n "${run_cpu:-}" ]; then
		last_limit=$((run_cpu * 6))
		$as prlimit --cpu="$run_cpu" timeout -k 2 $last_limit "$bin" "$@" \
			>"$tmp/stdout" 2>"$tmp/stderr"
	else
		last_limit=$run_limit
		$as timeout -k 2 $run_limit "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	fi
	st=$?
}

# status WANT: the exit status is WANT (a case pattern such as 1 or 0|1).
status() {
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ] || [ "$st" -eq 152 ]; then
		res 1 "$name: finishes within ${last_limit:-$run_limit} s (timed out)"
		return
	fi
	eval "case \$st in $1) r=0 ;; *) r=1 ;; esac"
	res "$r" "$name: exit status $1 (got $st)"
}

# says WHERE LEVEL PHRASE: a message "plaquette: WHERE: LEVEL: …PHRASE…";
# WHERE and PHRASE are extended regular expressions.
says() {
	grep -Eq -- "^plaquette: $1: $2: .*$3" "$tmp/stderr"
	res $? "$name: message '$(printf '%s' "$1" | sed 's/\\//g'): $2: …$3…'"
}

# sane: no sanitizer report, no GLib/Pango assertion, no crash signal.
sane() {
	! grep -Eq 'Sanitizer|runtime error:|-CRITICAL \*\*|-WARNING \*\*|Segmentation' "$tmp/stderr" &&
		[ "$st" -lt 128 ] && [ "$st" -ne 86 ] && [ "$st" -ne 87 ] && [ "$st" -ne 88 ]
	res $? "$name: no crash, sanitizer report or library assertion"
}

# untouched [EXTRA]: the output folder holds only x.pdf (and EXTRA), which
# is the earlier output, unchanged.
untouched() {
	extra=$(ls -A "$out" | grep -vx -e x.pdf -e "${1:-x.pdf}" | tr '\n' ' ')
	[ -z "$extra" ]
	res $? "$name: no file left in the output folder${extra:+ (found: $extra)}"
	[ "$(cksum <"$out/x.pdf")" = "$sum0" ]
	res $? "$name: the earlier output is untouched"
}

# replaced: the run wrote a new PDF over x.pdf and nothing else.
replaced() {
	extra=$(ls -A "$out" | grep -vx x.pdf | tr '\n' ' ')
	[ -z "$extra" ]
	res $? "$name: no stray file in the output folder${extra:+ (found: $extra)}"
	head -c 5 "$out/x.pdf" | grep -q '^%PDF-' && [ "$(cksum <"$out/x.pdf")" != "$sum0" ]
	res $? "$name: a new PDF replaced the earlier output"
}

# refuse FILE STATUS WHERE LEVEL PHRASE [KNOWN] [-- EXTRA BUILD ARGS]: FILE
# is refused by build (STATUS, message, nothing written) and by check.
refuse() {
	f=$1 want=$2 where=$3 level=$4 phrase=$5
	shift 5
	begin "$(basename "$f")" "${1:-}"
	[ $# -gt 0 ] && shift
	[ $# -gt 0 ] && [ "$1" = "--" ] && shift
	run build "$f" -o "$out/x.pdf" "$@"
	status "$want"
	says "$where" "$level" "$phrase"
	sane
	untouched
	if [ $# -eq 0 ]; then
		name="$name (check)"
		run check "$f"
		status "$want"
		says "$where" "$level" "$phrase"
	fi
}

# accept FILE WHERE LEVEL PHRASE [KNOWN]: FILE builds (exit 0) with the
# message, to a new PDF.
accept() {
	begin "$(basename "$1")" "${5:-}"
	run build "$1" -o "$out/x.pdf"
	status 0
	[ -n "$4" ] && says "$2" "$3" "$4"
	sane
	replaced
}

# has_temp DIR: whether a temporary output (.plaquette-*) stands in DIR.
has_temp() { ls -A "$1" | grep -q '^\.plaquette-'; }

# await PID TRIES COMMAND...: COMMAND run every 5 ms, TRIES times at most
# and while PID runs, until it succeeds (its output dropped); the status
# of its last run, once more after the wait.
await() {
	await_pid=$1 await_n=$2
	shift 2
	await_i=0
	while [ $await_i -lt "$await_n" ] && kill -0 "$await_pid" 2>/dev/null &&
		! "$@" >/dev/null 2>&1; do
		sleep 0.005
		await_i=$((await_i + 1))
	done
	"$@" >/dev/null 2>&1
}
