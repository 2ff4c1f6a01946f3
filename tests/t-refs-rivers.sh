#!/bin/sh
# t-refs-rivers.sh PLAQUETTE: the example (examples/rivers) still looks like
# its reference renders (tests/ref/rivers/; make refs records them).
if [ ! -f examples/rivers/photos/Aqua.jpg ]; then
	echo "not ok - the example's photographs are missing: run make photos (Debian package mate-backgrounds)"
	echo "refs-rivers: 0 passed, 1 failed"
	exit 1
fi
case $1 in
*asan*)	# t-images.sh builds the example under the sanitizers already; the
	# renders are the normal binary's, so the suite's time is spared
	echo "# refs-rivers: not run under the sanitizers (t-images builds the example there)"
	echo "refs-rivers: 0 passed, 0 failed"
	exit 0 ;;
esac
exec sh tests/refs.sh check "$1" examples/rivers/rivers.xml tests/ref/rivers
