#!/bin/sh
# t-golden.sh PLAQUETTE: the display list of each small case in
# tests/golden/ (pages, positions in points, source lines, text) is the
# one recorded in its .dump file.  After an intended layout change,
# `make golden` records the new dumps and shows what changed.
set -u
. tests/lib.sh
bin=$1
scratch golden
for x in tests/golden/*.xml; do
	name=$(basename "$x" .xml)
	$bin build -q "$x" -o "$tmp/$name.pdf" --dump-layout "$tmp/$name.dump" 2>/dev/null
	if diff -u "tests/golden/$name.dump" "$tmp/$name.dump" >"$tmp/$name.diff"; then
		ok "golden $name: the layout is the recorded one"
	else
		not_ok "golden $name: the layout changed (make golden records it)"
		head -30 "$tmp/$name.diff" | sed 's/^/    /'
	fi
done
finish golden
