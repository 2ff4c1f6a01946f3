#!/bin/sh
# t-outputs.sh PLAQUETTE: more output-path kinds and library boundaries
# for the output guard (tests/t-robust.sh has the main ones): long names,
# missing folders, standard output into a closed pipe, a missing
# temporary folder, Ghostscript missing, FIFOs as inputs and outputs.
# Each case: exit status, message, nothing left behind, the earlier output
# byte-identical (tests/badlib.sh).
set -u
. tests/lib.sh
take_bin t-outputs "$@"
unset SOURCE_DATE_EPOCH
case_prefix=outputs
. tests/badlib.sh
D=data/brochure.xml
E=data/brochure.en.xml

begin "outputs: a file name of 300 characters"
long=$(printf '%300s' '' | tr ' ' a)
run build -q $D -o "$out/$long.pdf"
status 3
says "$(re "$out/$long.pdf")" fatal "cannot write .*(File name too long|name too long)"
sane
untouched

begin "outputs: a folder in the path is a file (x.pdf/y.pdf)"
run build -q $D -o "$out/x.pdf/y.pdf"
status 3
says "$(re "$out/x.pdf/y.pdf")" fatal "cannot write .*Not a directory"
sane
untouched

begin "outputs: -o ./ (the folder itself)"
run build -q $D -o "$out/"
status 2
says "$(re "$out/")" usage "is a folder"
untouched

begin "outputs: -o - with a missing temporary folder (TMPDIR)"
TMPDIR=$tmp/none "$bin" build -q $D -o - >"$out/stdout.bin" 2>"$tmp/stderr"
st=$?
status 3
says "-" fatal "cannot write .*No such file or directory"
[ ! -s "$out/stdout.bin" ]
res $? "$name: nothing on standard output"
rm -f "$out/stdout.bin"
untouched

begin "outputs: -o - into a pipe closed early: no temporary file left"
mkdir "$tmp/t$n"
TMPDIR=$tmp/t$n "$bin" build -q $D -o - 2>"$tmp/stderr" | head -c 10 >/dev/null
[ -z "$(ls -A "$tmp/t$n")" ]
res $? "$name: the temporary folder is empty"
untouched

begin "outputs: the PDF to standard output, a dump to a file: both or neither"
printf 'old dump\n' >"$out/d.txt"
sumd=$(cksum <"$out/d.txt")
run build -q $D -o - --dump-text "$out/d.txt"
status 0
head -c 5 "$tmp/stdout" | grep -q '%PDF-' && [ "$(cksum <"$out/d.txt")" != "$sumd" ]
res $? "$name: the PDF on standard output and the new dump"
untouched d.txt

begin "outputs: --dump-text into a FIFO"
mkfifo "$out/fifo"
cat "$out/fifo" >"$tmp/fifo.txt" &
reader=$!
run build -q $D -o "$out/x2.pdf" --dump-text "$out/fifo"
wait $reader
status 0
[ -p "$out/fifo" ] && [ -s "$tmp/fifo.txt" ]
res $? "$name: still a FIFO, the text came through it"
rm -f "$out/x2.pdf"
untouched fifo

begin "outputs: the XML read through a FIFO"
mkfifo "$out/in.fifo"
cat $D >"$out/in.fifo" &
run build -q "$out/in.fifo" -o "$out/x.pdf"
wait
status 0
replaced_fifo() {
	head -c 5 "$out/x.pdf" | grep -q '%PDF-' && [ "$(cksum <"$out/x.pdf")" != "$sum0" ]
	res $? "$name: a new PDF"
}
replaced_fifo

begin "outputs: the XML is /dev/null: an error, nothing written"
run build /dev/null -o "$out/x.pdf"
status 1
says "/dev/null(:1:1)?" error "(empty|Document is empty|not well-formed)"
sane
untouched

begin "outputs: --png's page name is also the dump: refused, nothing written"
run build -q $D -o "$out/x2.pdf" --png "$out/p" --dump-text "$out/p/page-01.png"
status "2|3"
says "$(re "$out/p/page-01.png")" "(usage|fatal)" "(are the same file|No such file)"
[ ! -e "$out/x2.pdf" ] && [ ! -e "$out/p" ]
res $? "$name: no PDF, no preview folder"
untouched

begin "outputs: --cmyk without Ghostscript in PATH: exit 3, nothing written"
mkdir "$tmp/bin$n"
for c in sh cat; do ln -s "$(command -v $c)" "$tmp/bin$n/$c"; done
PATH=$tmp/bin$n "$bin" build -q --cmyk $D -o "$out/x.pdf" >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 3
grep -q "needs Ghostscript" "$tmp/stderr"
res $? "$name: says Ghostscript is missing"
untouched

begin "outputs: --output-intent names a missing profile"
run build -q --print $D --output-intent "$tmp/none.icc" -o "$out/x.pdf"
status "1|2|3"
grep -q "none.icc" "$tmp/stderr"
res $? "$name: the message names the profile"
sane
untouched

begin "outputs: --output-intent names a text file, not a profile"
printf 'not a profile\n' >"$tmp/text.icc"
run build -q --print $D --output-intent "$tmp/text.icc" -o "$out/x.pdf"
status "1|2|3"
grep -q "text.icc" "$tmp/stderr"
res $? "$name: the message names the profile"
sane
untouched

begin "outputs: diff into a folder that is missing"
run diff $D $E -o "$out/no/proof.pdf"
status 3
says "$(re "$out/no/proof.pdf")" fatal "No such file or directory"
untouched

begin "outputs: diff --png into a file: exit 3, the earlier proof kept"
printf 'file\n' >"$out/png"
run diff $D $E -o "$out/x.pdf" --png "$out/png"
status 3
says "$(re "$out/png")" fatal "not a folder"
untouched png

begin "outputs: diff without -o names NEW-proof.pdf in the current folder"
cp $D "$out/old.xml"
cp $E "$out/new.xml"
(cd "$out" && "$bin" diff old.xml new.xml) >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 0
pdfinfo "$out/new-proof.pdf" >/dev/null 2>&1
res $? "$name: new-proof.pdf is a PDF"
rm -f "$out/old.xml" "$out/new.xml" "$out/new-proof.pdf"
untouched

begin "outputs: the style sheet through a symbolic link, -o the link"
cp styles/efus.xml "$out/st.xml"
ln -s st.xml "$out/st-link.pdf"
run build $D -s "$out/st.xml" -o "$out/st-link.pdf"
status 2
says "$(re "$out/st-link.pdf")" usage "is the same file as the input"
cmp -s styles/efus.xml "$out/st.xml" && [ -L "$out/st-link.pdf" ]
res $? "$name: the style sheet intact, the link a link"
rm -f "$out/st.xml" "$out/st-link.pdf"
untouched

begin "outputs: -o a picture the document shows: refused, the picture intact"
mkdir "$out/pic"
cp tests/sister/gminy.pl.xml tests/sister/img-1.png "$out/pic/"
run build -q "$out/pic/gminy.pl.xml" -o "$out/pic/img-1.png"
status 2
says "$(re "$out/pic/img-1.png")" usage "is the same file as the input .*img-1.png"
[ "$(grep -c 'is the same file' "$tmp/stderr")" -eq 1 ] && cmp -s tests/sister/img-1.png "$out/pic/img-1.png"
res $? "$name: told once, img-1.png unchanged"
run build -q --keep-going "$out/pic/gminy.pl.xml" -o "$out/pic/img-1.png"
status 2
cmp -s tests/sister/img-1.png "$out/pic/img-1.png"
res $? "$name: with --keep-going too"
ln -s img-1.png "$out/pic/shown.pdf"
run diff "$out/pic/gminy.pl.xml" "$out/pic/gminy.pl.xml" -o "$out/pic/shown.pdf"
status 2
cmp -s tests/sister/img-1.png "$out/pic/img-1.png" && [ -L "$out/pic/shown.pdf" ]
res $? "$name: diff's proof onto a link to it"
rm -rf "$out/pic"
untouched

begin "outputs: -o a font or a schema of the data folder: refused, both intact"
mkdir "$out/home"
cp -R schema styles fonts "$out/home/"
home0=$PLAQUETTE_HOME
PLAQUETTE_HOME=$out/home
run build -q $D -o "$out/home/fonts/NotoSans-Regular.ttf"
status 2
says "$(re "$out/home/fonts/NotoSans-Regular.ttf")" usage "is the same file as the input .*NotoSans-Regular.ttf"
run build -q $D -o "$out/home/schema/brochure.rng"
status 2
run diff $D $D -o "$out/home/schema/style.rng"
status 2
PLAQUETTE_HOME=$home0
cmp -s fonts/NotoSans-Regular.ttf "$out/home/fonts/NotoSans-Regular.ttf" &&
	cmp -s schema/brochure.rng "$out/home/schema/brochure.rng" && cmp -s schema/style.rng "$out/home/schema/style.rng"
res $? "$name: the font and the schemas unchanged"
rm -rf "$out/home"
untouched

begin "outputs: an earlier PDF that is read-only (mode 444) is replaced, mode kept"
chmod 444 "$out/x.pdf"
run build -q $D -o "$out/x.pdf"
status 0
[ "$(stat -c %a "$out/x.pdf")" = 444 ]
res $? "$name: mode $(stat -c %a "$out/x.pdf")"

# --png DIR after a longer earlier run: its extra pages are stale previews
S=tests/layout/card-after-project.xml
pngs() { (cd "$1" && ls | tr '\n' ' '); }
begin "outputs: --png after a longer run removes the earlier run's extra pages"
run build -q $D -o "$out/a.pdf" --png "$out/p"
n1=$(pdfinfo "$out/a.pdf" | awk '/^Pages:/ { print $2 }')
printf 'mine\n' >"$out/p/notes.txt"
printf 'mine\n' >"$out/p/page-x.png"
printf 'mine\n' >"$out/p/page-1.png"
ln -s ../a.pdf "$out/p/page-99.png"
run build -q $S -o "$out/b.pdf" --png "$out/p"
status 0
n2=$(pdfinfo "$out/b.pdf" | awk '/^Pages:/ { print $2 }')
run build -q $S -o "$out/c.pdf" --png "$out/fresh"
fresh=$(pngs "$out/fresh")
want=$(printf '%s\n' $fresh notes.txt page-1.png page-99.png page-x.png | sort | tr '\n' ' ')
have=$(pngs "$out/p" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
[ "$n1" -gt "$n2" ] && [ "$have" = "$want" ] && [ -e "$out/p/page-$(printf %02d "$n2").png" ] &&
	[ ! -e "$out/p/page-$(printf %02d $((n2 + 1))).png" ]
res $? "$name: $n1 then $n2 pages; the folder holds $have(want $want)"
rm -rf "$out/fresh" "$out/c.pdf"
begin "outputs: --png of a failing run keeps the earlier run's pages"
run build -q $D -o "$out/a.pdf" --png "$out/p"
before=$(pngs "$out/p")
run build -q tests/bad/unknown-project.xml -o "$out/b.pdf" --png "$out/p"
status 1
[ "$(pngs "$out/p")" = "$before" ]
res $? "$name: the folder still holds $(pngs "$out/p")"

end_case
echo "# $n cases"
finish outputs
