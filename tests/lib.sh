# lib.sh: the helpers every shell test script shares (sourced).
# Each check prints "ok - what" or "not ok - what"; finish prints the
# script's "NAME: N passed, M failed" and sets the exit status.
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# check DESCRIPTION COMMAND...: ok when the command succeeds; its output is
# shown only on failure.
check() {
	what=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$out" | sed 's/^/    /' | head -20
	fi
}

finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
