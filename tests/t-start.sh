#!/bin/sh
# t-start.sh PLAQUETTE: what a process pays before its first stage and
# after its last, read from outside: the dynamic loader's search (glibc's
# LD_DEBUG, through tests/ldscope.py) starts with the libraries most symbols
# bind to; once the PDF is in place the process gives no memory back one
# piece at a time (strace), it ends.
set -u
. tests/lib.sh
bin=${1:?usage: sh tests/t-start.sh PLAQUETTE_BINARY}
scratch start
unset SOURCE_DATE_EPOCH PLAQUETTE_THREADS

# The loader looks each symbol up library by library in the executable's
# search order; the three that most bind to (libstdc++, libc, GLib: 4 500
# of the 7 600 bindings of a start) were 10th to 38th, 21 places a lookup
# on average; the Makefile's START_LIBS puts them first.  The sanitizer
# build links its own way (and its runtime first).
case $bin in
*asan*) ;;
*)
	check "start: the 3 libraries most symbols bind to are searched among the first 6" \
		python3 tests/ldscope.py --top 3 "$bin" --version
	;;
esac

# Exit: after the rename that puts the PDF in place, no munmap, brk or
# madvise until exit_group (freeing the build gave 6 of them back, one by
# one); the sanitizer build frees everything (PLAQUETTE_FREE_AT_EXIT) so
# that LeakSanitizer checks every part is freed.
case $bin in
*asan*)
	one_section_doc "$tmp/one.xml" "Essai" "    <p>Un paragraphe.</p>"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$bin" build -q "$tmp/one.xml" \
		-o "$tmp/one.pdf" >"$tmp/lsan" 2>&1
	rc=$?
	check "exit, sanitizer build: every part freed, LeakSanitizer finds no leak (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && ! grep -q LeakSanitizer '$tmp/lsan'"
	;;
*)
	if command -v strace >/dev/null 2>&1; then
		strace -f -o "$tmp/st" -e trace=rename,munmap,brk,madvise,exit_group "$bin" build -q \
			data/brochure.xml -o "$tmp/b.pdf"
		n=$(awk '/rename\(/ { r = 1; next } r && /munmap|brk|madvise/ { n++ } END { print n + 0 }' \
			"$tmp/st")
		check "exit: the PDF renamed into place ($(grep -c 'rename(' "$tmp/st") rename), then no memory given back piece by piece ($n calls)" \
			sh -c "grep -q 'rename(' '$tmp/st' && [ '$n' -eq 0 ]"
	else
		not_ok "strace is missing (tools/deps.sh installs it)"
	fi
	;;
esac

finish t-start
