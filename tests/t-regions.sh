#!/bin/sh
# t-regions.sh PLAQUETTE: a last page after a page of two regions, measured
# from the PDF.  When a section shares the page before its last one (its
# columns open below another section's), the last page used to be left
# with a few lines (3-9 % of its text area) because only the lower region
# was poured again; the two pages are now poured again from the page
# before's top (src/layout/balance.c, bal_two_top).  The documents are the
# generated ones of these seeds (tests/gen/gendoc.py, the same bytes from
# the same seed), each checked by tests/gen/checkgen.py for page fill and
# for everything else the generated documents must hold.
set -u
. tests/lib.sh
take_bin t-regions "${1:-}"
scratch regions
seeds="1960856 1960977 1960979 1961019 1961022 1961028"
case $bin in *asan*) seeds="1960856 1961022" ;; esac
python3 tests/gen/runbatch.py "$bin" "$tmp" $seeds >"$tmp/batch.log" 2>&1 ||
	not_ok "tests/gen/runbatch.py ran (see its log)"
for s in $seeds; do
	c=$tmp/$s/checks
	if [ ! -s "$c" ]; then
		not_ok "seed $s: built and measured"
		continue
	fi
	if grep -q '^fill ok' "$c"; then
		ok "seed $s: no page between the covers under the sheet's min-fill"
	else
		not_ok "seed $s: $(grep '^fill' "$c")"
	fi
	bad=$(grep ' FAIL' "$c" | grep -v '^fill\|^loose' | cut -c1-160)
	if [ -z "$bad" ]; then
		ok "seed $s: every other property of a generated document holds"
	else
		not_ok "seed $s: $bad"
	fi
done
finish t-regions
