#!/bin/sh
# deps.sh build|test: make sure the Debian packages plaquette needs are there.
# As root, installs what is missing (apt-get); otherwise prints the exact
# command and fails.  Does no apt work when nothing is missing.
set -u
build="gcc g++ make pkg-config libcairo2-dev libpango1.0-dev libxml2-dev libhyphen-dev
hyphen-fr hyphen-en-us hyphen-en-gb hyphen-de hyphen-es hyphen-it hyphen-nl hyphen-pt-pt
hyphen-el hyphen-ru hyphen-pl hyphen-sv hyphen-da hyphen-ca hyphen-cs hyphen-ro libqpdf-dev fonts-noto-core libgs-common icc-profiles-free ghostscript
librsvg2-dev libpoppler-glib-dev libjpeg62-turbo-dev libpng-dev libgdk-pixbuf-2.0-dev
liblcms2-dev argyll libjson-glib-dev libicu-dev
mate-backgrounds"
test="poppler-utils qpdf libcmocka-dev ghostscript time jing trang mandoc strace itstool"
case "${1:-build}" in
build) want="$build" ;;
test) want="$build $test" ;;
list) echo $build $test; exit 0 ;;
*) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
# PLAQUETTE_DEPS_EXTRA adds packages to the check (the tests use it to see
# what happens when one is missing).
missing=""
for p in $want ${PLAQUETTE_DEPS_EXTRA:-}; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "plaquette: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
echo "plaquette: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || exit 1
apt-get install -y -qq --no-install-recommends $missing || exit 1
