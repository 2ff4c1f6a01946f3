#!/bin/sh
# t-install.sh PLAQUETTE: make install into a temporary prefix (and into a
# DESTDIR staging folder), the installed copy building the brochure from
# another folder with its own data, the man page linted, make uninstall
# leaving nothing; the plugins (plaquette-qpdf.so: libqpdf;
# plaquette-vector.so: librsvg, poppler-glib) loaded only by the runs that
# need them (ld.so's own account, LD_DEBUG=files), with a clear message
# when one is missing.  Runs once
# (not again for the sanitizer build).
set -u
. tests/lib.sh
bin=${1:?usage: sh tests/t-install.sh PLAQUETTE_BINARY}
case $bin in *asan*) echo "install: 0 passed, 0 failed"; exit 0 ;; esac
scratch install
unset PLAQUETTE_HOME SOURCE_DATE_EPOCH
MAKE=${MAKE:-make}
# the man page: mdoc, linted by mandoc (or groff when mandoc is missing)
if command -v mandoc >/dev/null; then
	check "plaquette.1: mandoc -Tlint finds nothing" sh -c \
		'out=$(mandoc -Tlint -Wwarning doc/plaquette.1 2>&1); [ -z "$out" ] || { echo "$out"; exit 1; }'
else
	check "plaquette.1: groff -mdoc -ww finds nothing" sh -c \
		'out=$(groff -mdoc -ww -z doc/plaquette.1 2>&1); [ -z "$out" ] || { echo "$out"; exit 1; }'
fi
check "plaquette.1: documents every long option of --help" sh -c '
	for o in $(./plaquette --help | grep -o -- "--[a-z][a-z-]*" | sort -u); do
		grep -q -- "Fl \\\\-$(echo "${o#--}" | sed "s/-/\\\\\\\\-/g")" doc/plaquette.1 ||
			{ echo "missing: $o"; exit 1; }
	done'

p=$tmp/prefix
check "make install PREFIX=$p" $MAKE -s install PREFIX="$p"
for f in bin/plaquette share/plaquette/schema/brochure.rng share/plaquette/schema/style.rng \
	share/plaquette/styles/efus.xml share/plaquette/fonts/NotoSans-Regular.ttf \
	share/plaquette/icc/FOGRA39-plaquette.icc share/man/man1/plaquette.1 \
	lib/plaquette/plaquette-qpdf.so lib/plaquette/plaquette-vector.so; do
	check "installed: $f" test -s "$p/$f"
done
check "the installed binary is executable" test -x "$p/bin/plaquette"
mkdir "$tmp/work"
cp data/brochure.xml "$tmp/work/b.xml"
check "the installed copy builds the brochure from another folder, with its own data" sh -c "
	cd '$tmp/work' && '$p/bin/plaquette' build -q b.xml -o b.pdf"
check "that PDF has the brochure's 16 pages" sh -c "
	pdfinfo '$tmp/work/b.pdf' | grep -Eq '^Pages: +16\$'"
check "the installed copy builds the press edition (its output intent installed too)" sh -c "
	cd '$tmp/work' && '$p/bin/plaquette' build -q --print b.xml -o p.pdf && pdfinfo p.pdf >/dev/null"
check "the installed copy reads nothing of the source tree (its data path is PREFIX's)" sh -c "
	cd '$tmp/work' && strace -f -e trace=openat -o '$tmp/trace' '$p/bin/plaquette' check b.xml 2>/dev/null;
	! grep -F '$PWD/' '$tmp/trace' | grep -v ENOENT | grep -q .
" 
heavy='libqpdf|json-glib|librsvg|libpoppler|plaquette-'
check "the screen edition and --version load none of libqpdf, json-glib, librsvg, poppler, a plugin" sh -c "
	cd '$tmp/work' && for run in '--version' 'build -q b.xml -o s.pdf'; do
		l=\$(LD_DEBUG=files '$p/bin/plaquette' \$run 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u)
		[ -n \"\$l\" ] || exit 1
		! printf '%s\n' \"\$l\" | grep -Eq '$heavy' || { printf '%s\n' \"\$l\" | grep -E '$heavy'; exit 1; }
	done"
printf '%s\n' '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1a5"/></svg>' >"$tmp/work/logo.svg"
sed 's|^  </backcover>|    <image src="logo.svg" alt="Logo" slot="logos"/>\n  </backcover>|' data/brochure.xml >"$tmp/work/svg.xml"
check "an SVG picture loads plaquette-vector.so (librsvg), not libqpdf" sh -c "
	cd '$tmp/work' && l=\$(LD_DEBUG=files '$p/bin/plaquette' build -q svg.xml -o v.pdf 2>&1 >/dev/null) &&
	printf '%s\n' \"\$l\" | grep -q 'file=$p/lib/plaquette/plaquette-vector.so' &&
	printf '%s\n' \"\$l\" | grep -q 'file=librsvg' && ! printf '%s\n' \"\$l\" | grep -q 'file=libqpdf' &&
	pdfinfo v.pdf >/dev/null"
check "the press edition loads the installed plaquette-qpdf.so and libqpdf" sh -c "
	cd '$tmp/work' && l=\$(LD_DEBUG=files '$p/bin/plaquette' build -q --print b.xml -o p2.pdf 2>&1 >/dev/null) &&
	printf '%s\n' \"\$l\" | grep -q 'file=$p/lib/plaquette/plaquette-qpdf.so' && printf '%s\n' \"\$l\" | grep -q 'file=libqpdf'"
mv "$p/lib/plaquette/plaquette-qpdf.so" "$tmp/plugin.so"
check "without plaquette-qpdf.so: --print and preflight stop with exit 3, naming it and what to do; no PDF" sh -c "
	cd '$tmp/work' && '$p/bin/plaquette' build -q --print b.xml -o np.pdf 2>err; rc=\$?
	[ \$rc -eq 3 ] && [ ! -e np.pdf ] && grep -q 'fatal: --print needs plaquette-qpdf.so.*make install' err &&
	'$p/bin/plaquette' preflight p.pdf 2>err; [ \$? -eq 3 ] && grep -q 'fatal: preflight needs plaquette-qpdf.so' err"
check "without plaquette-qpdf.so the screen edition still builds" sh -c "
	cd '$tmp/work' && '$p/bin/plaquette' build -q b.xml -o s2.pdf && pdfinfo s2.pdf >/dev/null"
mv "$tmp/plugin.so" "$p/lib/plaquette/plaquette-qpdf.so"
mv "$p/lib/plaquette/plaquette-vector.so" "$tmp/vector.so"
check "without plaquette-vector.so: an SVG picture stops with exit 3, naming it; no PDF" sh -c "
	cd '$tmp/work' && '$p/bin/plaquette' build -q svg.xml -o nv.pdf 2>err; rc=\$?
	[ \$rc -eq 3 ] && [ ! -e nv.pdf ] && grep -q 'fatal: an SVG picture needs plaquette-vector.so.*make install' err"
mv "$tmp/vector.so" "$p/lib/plaquette/plaquette-vector.so"
# a plugin of this version with the very same table, built from other
# headers (another headers' fingerprint): refused, never called
printf '#include "plugin.h"\nconst struct plugin plaquette_plugin = { .version = PLAQUETTE_VERSION, .abi = plugin_abi() };\n' >"$tmp/fake.c"
cp "$p/lib/plaquette/plaquette-qpdf.so" "$tmp/real.so"
check "a plaquette-qpdf.so built from other headers is refused: exit 3, saying so" sh -c "
	cc -shared -fPIC -DPLAQUETTE_ABI=1 -Isrc/core -Isrc/input -Isrc/output -Isrc/cmd \
		-o '$p/lib/plaquette/plaquette-qpdf.so' '$tmp/fake.c' &&
	cd '$tmp/work' && '$p/bin/plaquette' preflight p.pdf 2>err; rc=\$?
	[ \$rc -eq 3 ] && grep -q 'plaquette-qpdf.so.*built for another version' err"
cp "$tmp/real.so" "$p/lib/plaquette/plaquette-qpdf.so"
check "PLAQUETTE_HOME still overrides the data path" sh -c "
	cd '$tmp/work' && ! PLAQUETTE_HOME='$tmp/none' '$p/bin/plaquette' build -q b.xml -o c.pdf 2>/dev/null &&
	[ ! -e c.pdf ]"
check "man shows the installed page" sh -c "MANPATH='$p/share/man' man -P cat plaquette 2>/dev/null | grep -q PLAQUETTE_HOME ||
	grep -q PLAQUETTE_HOME '$p/share/man/man1/plaquette.1'"
check "make uninstall PREFIX=$p" $MAKE -s uninstall PREFIX="$p"
check "nothing of plaquette is left in the prefix" sh -c "[ -z \"\$(find '$p' -type f)\" ]"

s=$tmp/stage
check "make install DESTDIR=$s PREFIX=/usr" $MAKE -s install DESTDIR="$s" PREFIX=/usr
check "staged: bin, data and man page under DESTDIR" sh -c "
	test -x '$s/usr/bin/plaquette' && test -s '$s/usr/share/plaquette/styles/efus.xml' &&
	test -s '$s/usr/share/man/man1/plaquette.1'"
check "the staged binary looks for its data in /usr/share/plaquette (PREFIX's, not DESTDIR's)" sh -c "
	cd '$tmp' && '$s/usr/bin/plaquette' check '$PWD/data/brochure.xml' 2>&1 |
	grep -q '/usr/share/plaquette/schema/brochure.rng' || test -f /usr/share/plaquette/schema/brochure.rng"
check "make uninstall DESTDIR=$s PREFIX=/usr" $MAKE -s uninstall DESTDIR="$s" PREFIX=/usr
check "nothing is left under DESTDIR" sh -c "[ -z \"\$(find '$s' -type f)\" ]"
# the build itself: a no-op make rebuilds nothing; make check is make test
check "a second make rebuilds nothing (no compile, no PDF, no copy)" sh -c "
	$MAKE >/dev/null 2>&1; out=\$($MAKE 2>&1); ! printf '%s\n' \"\$out\" | grep -Eq 'plaquette build|^cc |^cp |^clang '"
check "make check runs make test's suite" sh -c "$MAKE -n check 2>/dev/null | grep -q 'tests/run.sh --asan'"
finish install
