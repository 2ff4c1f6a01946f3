#!/bin/sh
# t-xliff.sh PLAQUETTE: the translator's round trip.  xliff export writes
# XLIFF 2.1 (and 1.2) with inline codes, notes and the room the layout
# gives; itstool with schema/its-rules.xml extracts the same texts; the
# identity round trip gives a byte-identical PDF; an edited target reaches
# the PDF; untranslated units, changed sources and foreign codes are told.
set -u
. tests/lib.sh
bin=$1
scratch xliff
src=data/brochure.xml

# xq FILE PYTHON-EXPR: evaluates the expression with r = the XLIFF root
# (ElementTree), x = the XLIFF 2 namespace prefix, s = the SLR one
xq() {
	python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
x = "{urn:oasis:names:tc:xliff:document:2.0}"
s = "{urn:oasis:names:tc:xliff:sizerestriction:2.0}"
v = "{urn:oasis:names:tc:xliff:document:1.2}"
def unit(i):
    return [u for u in r.iter(x + "unit") if u.get("id") == i][0]
print(eval(sys.argv[2]))
PY
}

# --- export, XLIFF 2.1 ---------------------------------------------------------
$bin xliff export --target-lang en "$src" -o "$tmp/b.xlf" 2>"$tmp/err"
check "export: exit 0" test $? -eq 0
check "export: says how many units" grep -q "note: [0-9]* unit(s) written to .*b.xlf (XLIFF 2.1, fr to en)" "$tmp/err"
check "export: well-formed XML" xmllint --noout "$tmp/b.xlf"
check "export: XLIFF 2.1 in the core namespace, fr to en" test "$(xq "$tmp/b.xlf" 'r.tag + " " + r.get("version") + " " + r.get("srcLang") + " " + r.get("trgLang")')" = "{urn:oasis:names:tc:xliff:document:2.0}xliff 2.1 fr en"
units=$(xq "$tmp/b.xlf" 'len(list(r.iter(x + "unit")))')
check "export: more than 100 units ($units)" test "$units" -gt 100
sized=$(xq "$tmp/b.xlf" 'len([u for u in r.iter(x + "unit") if u.get(s + "sizeRestriction")])')
check "export: more than 100 units with a size restriction ($sized)" test "$sized" -gt 100
check "export: the size profile counts code points" test "$(xq "$tmp/b.xlf" 'r.find(x + "file").find(s + "profiles").get("generalProfile")')" = "xliff:codepoints"
check "export: unit ids are unique" test "$(xq "$tmp/b.xlf" 'len(set(u.get("id") for u in r.iter(x + "unit")))')" -eq "$units"
check "export: ids come from the document's ids (riga.p, projets.title)" test "$(xq "$tmp/b.xlf" 'bool(unit("riga.p") is not None and unit("projets.title") is not None)')" = True
# every printed text is a unit, unless the ITS rules keep it: compare with the PDF's words
note=$(xq "$tmp/b.xlf" '[n.text for n in unit("riga.p").iter(x + "note") if n.get("category") == "translator"][0]')
check "export: the translator comment above the card is the unit's note" test "$note" = "City card: Riga. \"Safe House\" is the shelter's name: keep it."
check "export: em as pc codes with their markup in originalData" test "$(xq "$tmp/b.xlf" '[(p.get("dispStart"), p.get("dispEnd")) for p in unit("edito.p-3").iter(x + "pc")][0]')" = "('<em>', '</em>')"
xq "$tmp/b.xlf" '"\n".join(d.text for u in r.iter(x + "unit") for d in u.iter(x + "data"))' >"$tmp/codes"
xq "$tmp/b.xlf" '"\n".join("".join(z.itertext()) for z in r.iter(x + "source"))' >"$tmp/texts"
check "export: a link's address is in its code's original data" grep -q 'link href="https://issuu.com/efus"' "$tmp/codes"
check "export: ... and in no translatable text" sh -c "! grep -q 'href=' '$tmp/texts'"
check "export: br is a ph code" test "$(xq "$tmp/b.xlf" '[p.get("disp") for p in unit("cover.title").iter(x + "ph")]')" = "['<br/>', '<br/>']"
check "export: the brand block, years, ids and the back cover are left out" test "$(xq "$tmp/b.xlf" 'sum(1 for z in r.iter(x + "source") if "".join(z.itertext()) in ("European", "Urban", "Security", "2016", "riga", "Contact@efus.eu"))')" -eq 0
check "export: a translatable attribute is a unit (field/@label)" test "$(xq "$tmp/b.xlf" 'len([u for u in r.iter(x + "unit") if u.get("id").endswith(".attr-label")])')" -gt 5
# the room: the riga paragraph has its lines now and more below it
lines_now=$(xq "$tmp/b.xlf" '[m.text for m in unit("riga.p").iter("{urn:oasis:names:tc:xliff:metadata:2.0}meta") if m.get("type") == "lines-now"][0]')
max_lines=$(xq "$tmp/b.xlf" '[m.text for m in unit("riga.p").iter("{urn:oasis:names:tc:xliff:metadata:2.0}meta") if m.get("type") == "max-lines"][0]')
room=$(xq "$tmp/b.xlf" 'unit("riga.p").get(s + "sizeRestriction")')
len=$(xq "$tmp/b.xlf" 'len("".join(unit("riga.p").find(x + "segment").find(x + "source").itertext()))')
check "export: riga.p has room for at least its own text ($room >= $len)" test "$room" -ge "$len"
check "export: riga.p may take at least the lines it takes ($max_lines >= $lines_now)" test "$max_lines" -ge "$lines_now"
$bin build -q "$src" -o "$tmp/a.pdf" --dump-layout "$tmp/a.dump"
pline=$(grep -n '<p>Elle vise' "$src" | cut -d: -f1)
check "export: riga.p's lines now are its lines in the layout dump ($lines_now)" test "$(grep -c "^ *text .* line=$pline " "$tmp/a.dump")" -eq "$lines_now"

# --- itstool with the ITS rules extracts what export does ------------------------
if command -v itstool >/dev/null; then
	itstool -i schema/its-rules.xml -o "$tmp/b.pot" "$src"
	python3 tests/xliff-strings.py "$tmp/b.xlf" >"$tmp/s-xliff"
	python3 tests/xliff-strings.py "$tmp/b.pot" >"$tmp/s-its"
	check "its-rules: itstool extracts the same $(wc -l <"$tmp/s-its") distinct texts as xliff export" diff "$tmp/s-its" "$tmp/s-xliff"
else
	not_ok "its-rules: itstool is not installed (tools/deps.sh test)"
fi

# --- XLIFF 1.2 -------------------------------------------------------------------
$bin xliff export -q --xliff 1.2 --target-lang en "$src" -o "$tmp/b12.xlf"
check "export 1.2: exit 0, version 1.2" test "$(xq "$tmp/b12.xlf" 'r.get("version")')" = 1.2
check "export 1.2: as many trans-units as 2.1 units" test "$(xq "$tmp/b12.xlf" 'len(list(r.iter(v + "trans-unit")))')" -eq "$units"
check "export 1.2: maxwidth in characters" test "$(xq "$tmp/b12.xlf" 'len([u for u in r.iter(v + "trans-unit") if u.get("maxwidth") and u.get("size-unit") == "char"])')" -eq "$sized"

# --- identity round trip: byte-identical PDF -------------------------------------
$bin xliff export -q --target-lang fr --copy-source "$src" -o "$tmp/id.xlf"
$bin xliff import "$tmp/id.xlf" -o "$tmp/brochure.fr.xml" 2>"$tmp/err"
check "identity: import exits 0" test $? -eq 0
check "identity: every unit merged, none untranslated or changed" grep -q "note: $units unit(s) of .*merged into .*(xml:lang=\"fr\"); 0 untranslated, 0 changed" "$tmp/err"
check "identity: the fit check compares page counts" grep -q 'edition needs [0-9]* page(s) where the .* one needs' "$tmp/err"
$bin build -q "$tmp/brochure.fr.xml" -o "$tmp/b.pdf"
check "identity: the PDF is byte-identical to the source's" cmp "$tmp/a.pdf" "$tmp/b.pdf"
$bin xliff export -q --xliff 1.2 --target-lang fr --copy-source "$src" -o "$tmp/id12.xlf"
$bin xliff import -q "$tmp/id12.xlf" -o "$tmp/brochure.fr12.xml" 2>/dev/null
$bin build -q "$tmp/brochure.fr12.xml" -o "$tmp/b12.pdf"
check "identity (XLIFF 1.2): the PDF is byte-identical too" cmp "$tmp/a.pdf" "$tmp/b12.pdf"

# --- an edited target reaches the PDF --------------------------------------------
$bin xliff export -q --target-lang en --copy-source "$src" -o "$tmp/en.xlf"
python3 - "$tmp/en.xlf" <<'PY'
import sys, xml.etree.ElementTree as ET
x = "{urn:oasis:names:tc:xliff:document:2.0}"
ET.register_namespace("", x[1:-1])
ET.register_namespace("slr", "urn:oasis:names:tc:xliff:sizerestriction:2.0")
ET.register_namespace("mda", "urn:oasis:names:tc:xliff:metadata:2.0")
t = ET.parse(sys.argv[1])
for u in t.getroot().iter(x + "unit"):
    if u.get("id") == "riga.p":
        tg = u.find(x + "segment").find(x + "target")
        tg.text = "Riga aims at the primary prevention of radicalisation, said the translator Quixotically."
        for k in list(tg):
            tg.remove(k)
    if u.get("id") == "edito.p-3":
        tg = u.find(x + "segment").find(x + "target")
        pc = tg.find(x + "pc")
        pc.text = "Zanzibar handbook"
t.write(sys.argv[1], encoding="UTF-8", xml_declaration=True)
PY
$bin xliff import -q "$tmp/en.xlf" -o "$tmp/brochure.en.xml" 2>"$tmp/err"
check "edited: import exits 0" test $? -eq 0
check "edited: xml:lang is the target's" grep -q '<brochure xml:lang="en"' "$tmp/brochure.en.xml"
check "edited: the markup of the source is kept around the new words" grep -q '<em>Zanzibar handbook</em>' "$tmp/brochure.en.xml"
$bin build -q "$tmp/brochure.en.xml" -o "$tmp/en.pdf"
check "edited: the new text is in the PDF" sh -c "pdftotext '$tmp/en.pdf' - | tr -s ' \n' '  ' | grep -q 'said the translator Quixotically'"
check "edited: the old text is not" sh -c "! pdftotext '$tmp/en.pdf' - | grep -q 'Elle vise la prévention'"

# a target longer than its room is told, with the room
python3 - "$tmp/en.xlf" "$tmp/long.xlf" <<'PY'
import sys, re
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("<target>", s.index('<unit id="riga.initiative"'))
j = s.index("</target>", i)
open(sys.argv[2], "w", encoding="utf-8").write(s[:i] + "<target>" + "Municipal strategy " * 40 + s[j:])
PY
$bin xliff import "$tmp/long.xlf" -o "$tmp/long.xml" 2>"$tmp/err"
room=$(xq "$tmp/long.xlf" 'unit("riga.initiative").get(s + "sizeRestriction")')
check "too long: the unit is named with its length and its room ($room)" grep -q "warning: unit \"riga.initiative\": 759 characters where the layout has room for $room" "$tmp/err"

# --- untranslated, changed, foreign codes ----------------------------------------
$bin xliff export -q --target-lang en "$src" -o "$tmp/empty.xlf"
$bin xliff import "$tmp/empty.xlf" -o "$tmp/untr.xml" 2>"$tmp/err"
check "untranslated: each unit without a target is reported" test "$(grep -c 'has no translation: the source text stays' "$tmp/err")" -eq "$units"
check "untranslated: by id, with its text" grep -q 'warning: unit "riga.p" has no translation: the source text stays ("Elle vise' "$tmp/err"
sed 's|<p>Elle vise la prévention primaire|<p>Elle vise surtout la prévention primaire|' "$src" >"$tmp/changed.xml"
$bin xliff import --source "$tmp/changed.xml" "$tmp/en.xlf" -o "$tmp/rev.xml" 2>"$tmp/err"
check "changed source: the unit needs review, named by id" grep -q 'warning: unit "riga.p" needs review: its source changed since the export' "$tmp/err"
check "changed source: only that one" test "$(grep -c 'needs review' "$tmp/err")" -eq 1
python3 - "$tmp/en.xlf" "$tmp/code.xlf" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("<target>", s.index('<unit id="edito.p-3"'))
j = s.index('<pc id="1"', i)
open(sys.argv[2], "w", encoding="utf-8").write(s[:j] + '<pc id="9"' + s[j + len('<pc id="1"'):])
PY
check "foreign code: the XLIFF was changed" sh -c "! cmp -s '$tmp/en.xlf' '$tmp/code.xlf'"
$bin xliff import "$tmp/code.xlf" -o "$tmp/code.xml" 2>"$tmp/err"
check "foreign code: an error (exit 1)" test $? -eq 1
check "foreign code: named, with what to do" grep -q 'the target has the inline code <pc id="9">, which its source does not have: keep the codes of the source' "$tmp/err"
check "foreign code: nothing written" test ! -e "$tmp/code.xml"

# --- outputs never replace inputs ------------------------------------------------
cp "$src" "$tmp/src.xml"
$bin xliff export -q "$tmp/src.xml" -o "$tmp/src.xml" 2>"$tmp/err"
check "guard: export onto its source is refused (exit 2)" test $? -eq 2
check "guard: the source is untouched" cmp "$src" "$tmp/src.xml"
$bin xliff import -q --source "$tmp/src.xml" "$tmp/id.xlf" -o "$tmp/src.xml" 2>"$tmp/err"
check "guard: import onto its source is refused (exit 2)" test $? -eq 2
check "guard: usage without -o (exit 2)" sh -c "$bin xliff export '$src' 2>/dev/null; test \$? -eq 2"
finish xliff
