#!/bin/sh
# t-start.sh PLAQUETTE: what a process pays before its first stage and
# after its last, read from the dynamic loader (glibc's LD_DEBUG, through
# tests/ldscope.py): the libraries most symbols bind to are searched first.
set -u
. tests/lib.sh
bin=${1:?usage: sh tests/t-start.sh PLAQUETTE_BINARY}

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

finish t-start
