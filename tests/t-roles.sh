#!/bin/sh
# t-roles.sh PLAQUETTE: the layout comes from the style sheet's roles and a
# section's class, never from ids.  A sister brochure whose sections carry
# other ids but the same classes lays out exactly like the original (the
# dumps compared, ids mapped back); without its classes it does not; a
# style named after a section id is reported as matching nothing.
set -u
. tests/lib.sh
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A dump or a message list with the ids of the sister edition mapped back
# to the original's, and its folder (1/, 2/ or 3/: digits have one width) left out.
normal() {
	sed -e 's/sister-one/villes/g; s/sister-two/projets/g; s/sister-three/manifeste/g' \
	    -e 's/sister-four/services/g; s/sister-five/apropos/g' -e "s|$tmp/[123]/|DIR/|g" "$1"
}

sister() { # sister SOURCE OUT: every top section's id changed, same lines
	sed -e 's/<section id="villes"/<section id="sister-one"/' \
	    -e 's/<section id="projets"/<section id="sister-two"/' \
	    -e 's/<section id="manifeste"/<section id="sister-three"/' \
	    -e 's/<section id="services"/<section id="sister-four"/' \
	    -e 's/<section id="apropos"/<section id="sister-five"/' "$1" >"$2"
}

mkdir "$tmp/1" "$tmp/2" "$tmp/3"
for ed in brochure brochure.en; do
	cp "data/$ed.xml" "$tmp/1/$ed.xml"
	sister "data/$ed.xml" "$tmp/2/$ed.xml"
	check "$ed: the sister edition has other section ids" sh -c \
		"! grep -q '<section id=\"villes\"' '$tmp/2/$ed.xml' && grep -q 'sister-one' '$tmp/2/$ed.xml'"
	for d in 1 2; do
		$bin build "$tmp/$d/$ed.xml" -o "$tmp/$d/$ed.pdf" --dump-layout "$tmp/$d/$ed.dump" \
			2>"$tmp/$d/$ed.err"
		normal "$tmp/$d/$ed.dump" >"$tmp/$d.dump"
		normal "$tmp/$d/$ed.err" >"$tmp/$d.err"
	done
	check "$ed: the sister edition lays out exactly like the original (same dump)" \
		diff -u "$tmp/1.dump" "$tmp/2.dump"
	check "$ed: the sister edition prints the same messages" diff -u "$tmp/1.err" "$tmp/2.err"
	check "$ed: 16 pages" sh -c "pdfinfo '$tmp/2/$ed.pdf' | grep -q '^Pages: *16$'"
	# the same without classes: the layout must change (the test can fail)
	sed 's/ class="[a-z-]*"//' "$tmp/2/$ed.xml" >"$tmp/3/$ed.xml"
	$bin build -q "$tmp/3/$ed.xml" -o "$tmp/3/$ed.pdf" --dump-layout "$tmp/3/$ed.dump" 2>/dev/null
	normal "$tmp/3/$ed.dump" >"$tmp/3.dump"
	check "$ed: without its classes the layout differs (the class chooses it)" sh -c \
		"! cmp -s '$tmp/1.dump' '$tmp/3.dump'"
done

# A style named after a section id is not used: the editor is told, with
# the section's line and the style's.
sed 's|<style name="section-cities" |<style name="section-villes" |' styles/efus.xml >"$tmp/by-id.xml"
$bin build -s "$tmp/by-id.xml" data/brochure.xml -o "$tmp/by-id.pdf" 2>"$tmp/by-id.err"
line=$(grep -n '<section id="villes"' data/brochure.xml | cut -d: -f1)
sline=$(grep -n 'name="section-villes"' "$tmp/by-id.xml" | cut -d: -f1)
check "a style named after a section id: a warning at the section's line naming the style and its line" \
	grep -q "data/brochure.xml:$line: warning: style \"section-villes\" (line $sline of .*by-id.xml) looks chosen by this section's id" "$tmp/by-id.err"
finish roles
