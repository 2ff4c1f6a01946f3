#!/bin/sh
# t-schema.sh PLAQUETTE: editors validate as they type.  Every data file
# names its schema in an <?xml-model?> line that resolves to the schema
# plaquette uses; Jing (the RelaxNG validator inside oXygen) and Trang
# accept the schemas, and Jing accepts the data files and rejects a bad one.
set -u
. tests/lib.sh
bin=$1
scratch schema

# model_href FILE: the href of the file's <?xml-model?> processing instruction
model_href() {
	python3 - "$1" <<'PY'
import sys, xml.dom.minidom
d = xml.dom.minidom.parse(sys.argv[1])
for n in d.childNodes:
    if n.nodeType == n.PROCESSING_INSTRUCTION_NODE and n.target == "xml-model":
        import re
        m = re.search(r'href="([^"]*)"', n.data)
        if m and 'schematypens="http://relaxng.org/ns/structure/1.0"' in n.data:
            print(m.group(1))
PY
}

check "jing is installed (tools/deps.sh test)" command -v jing
check "trang is installed (tools/deps.sh test)" command -v trang

for f in data/*.xml tests/golden/*.xml styles/*.xml; do
	href=$(model_href "$f")
	case "$f" in styles/*) want=schema/style.rng ;; *) want=schema/brochure.rng ;; esac
	check "$f: an xml-model line names the RelaxNG schema" test -n "$href"
	check "$f: its xml-model href resolves to $want" test "$(realpath -m "$(dirname "$f")/$href")" = "$(realpath "$want")"
done

for s in schema/*.rng; do
	check "jing accepts $s" sh -c "jing '$s' 2>&1 >/dev/null | grep -v '^\[warning\]' | { ! grep .; } && jing '$s' >/dev/null 2>&1"
	name=$(basename "$s" .rng)
	check "trang converts $s to the compact syntax and to XSD" sh -c "trang '$s' '$tmp/$name.rnc' && trang '$s' '$tmp/$name.xsd' && test -s '$tmp/$name.rnc'"
	case "$name" in style) inst=styles/efus.xml ;; *) inst=data/brochure.xml ;; esac
	check "xmllint (libxml2) loads $s and validates $inst with it" xmllint --noout --relaxng "$s" "$inst"
done

for f in data/*.xml tests/golden/*.xml; do
	check "jing accepts $f" jing schema/brochure.rng "$f"
	check "plaquette accepts $f" $bin check "$f"
done
for f in styles/*.xml; do
	check "jing accepts $f" jing schema/style.rng "$f"
done

# the test can fail: a misspelled element is refused by jing
sed 's|<member-since>2016</member-since>|<membre-since>2016</membre-since>|' data/brochure.xml >"$tmp/bad.xml"
check "the bad copy differs" sh -c "! cmp -s data/brochure.xml '$tmp/bad.xml'"
check "jing rejects a misspelled element" sh -c "! jing schema/brochure.rng '$tmp/bad.xml' >/dev/null 2>&1"
finish schema
