#!/bin/sh
# t-refs-rivers.sh PLAQUETTE: the example (examples/rivers) still looks like
# its reference renders (tests/ref/rivers/; make refs records them).
if [ ! -f examples/rivers/photos/Aqua.jpg ]; then
	echo "not ok - the example's photographs are missing: run make photos (Debian package mate-backgrounds)"
	echo "refs-rivers: 0 passed, 1 failed"
	exit 1
fi
exec sh tests/refs.sh check "$1" examples/rivers/rivers.xml tests/ref/rivers
