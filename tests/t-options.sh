#!/bin/sh
# t-options.sh PLAQUETTE: the command line, option by option — numbers
# parsed strictly, unknown commands and options, check -s, small checks of
# the input (ids, dates, page sizes).  Each case: exit status, a message
# (naming the file and line where there is one), nothing written, the
# earlier output byte-identical (tests/badlib.sh).
set -u
. tests/lib.sh
take_bin t-options "$@"
unset SOURCE_DATE_EPOCH
case_prefix=options
. tests/badlib.sh
D=data/brochure.xml
ST=styles/efus.xml
g=$tmp/gen
mkdir -p "$g"

# usage_case OPTION VALUE PHRASE: refused before any work (exit 2).
usage_case() {
	begin "options: $1 '$2' is refused"
	run build $D -o "$out/x.pdf" "$1" "$2"
	status 2
	grep -Eq "^plaquette: usage: .*$3" "$tmp/stderr"
	res $? "$name: says '…$3…'"
	sane
	untouched
}

for v in nan NaN -nan inf -inf infinity 1e999 '' ' 3' 3x 3mm 0x10 -1 21 '3 ' 1e-400x; do
	usage_case --bleed "$v" "--bleed takes millimetres from 0 to 20"
done
for v in nan inf 0.9 3.1 1.4x '' 1e309; do
	usage_case --pseudo "$v" "--pseudo takes a factor from 1 to 3"
done
for v in nan inf 9 301 60dpi '' 1e400; do
	usage_case --png-dpi "$v" "--png-dpi takes a resolution from 10 to 300"
done
for v in 4294967297 4294967296 9223372036854775808 -1 0 100001 2.5 1e3 '' 12x ' 8'; do
	usage_case --max-pages "$v" "--max-pages takes a number from 1 to 100000"
done
for v in 0 -3 1000001 2.0 4294967297 nan; do
	usage_case --watch-count "$v" "--watch-count takes a number from 1 to 1000000"
done

# accepted values still work
begin "options: --bleed 0.5e1 (5 mm) is a number"
run build -q --print $D -o "$out/x.pdf" --bleed 0.5e1
status 0
replaced
begin "options: --max-pages 100000 (the bound itself)"
run build -q $D -o "$out/x.pdf" --max-pages 100000
status 0
replaced

# unknown commands and options
cmd_case() { # WORD SUGGESTION
	begin "commands: '$1' is a usage error naming '$2'"
	run "$1" $D -o "$out/x.pdf"
	status 2
	grep -Eq "^plaquette: usage: unknown command \"$1\"; did you mean \"$2\"\\?" "$tmp/stderr"
	res $? "$name: the message"
	sane
	untouched
}
cmd_case chek check
cmd_case chekc check
cmd_case biuld build
cmd_case bulid build
cmd_case dif diff
cmd_case preflite preflight
cmd_case Check check
cmd_case buil build

begin "commands: an input file named like a command's typo is still read"
cp $D "$out/chek"
(cd "$out" && "$bin" chek -o x.pdf -q) >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 0
replaced_named() { head -c 5 "$out/x.pdf" | grep -q '%PDF-'; res $? "$name: a PDF"; }
replaced_named

for opt in --frobnicate --bleeed -Z --dump; do
	begin "options: unknown option $opt is named"
	run build $D -o "$out/x.pdf" $opt
	status 2
	grep -Eq -- "^plaquette: usage: unknown option, or an option without its value: '$opt'" "$tmp/stderr"
	res $? "$name: the message names $opt"
	! grep -q "unrecognized option\|invalid option" "$tmp/stderr"
	res $? "$name: one message, not getopt's too"
	untouched
done
begin "options: -o without its value"
run build $D -o
status 2
grep -q "option without its value: '-o'" "$tmp/stderr"
res $? "$name: named"
untouched

# check -s STYLE reads and checks the style sheet (it never did)
begin "check -s a broken style sheet: exit 1, at its line"
run check $D -s tests/bad/styles/bad-length.xml
status 1
grep -Eq '^plaquette: tests/bad/styles/bad-length\.xml:6: error: .*space-after="huge" is not a length' "$tmp/stderr"
res $? "$name: the style sheet's error"
untouched
begin "check -s a style sheet naming an unknown font: exit 1"
run check $D -s tests/bad/styles/unknown-font.xml
status 1
grep -Eq '^plaquette: tests/bad/styles/unknown-font\.xml:6: error: font "Comic Sans MS"' "$tmp/stderr"
res $? "$name: the font's error at its line"
untouched
begin "check -s a missing style sheet: exit 3"
run check $D -s "$tmp/nope.xml"
status 3
grep -Eq "^plaquette: $(re "$tmp/nope.xml"): fatal: cannot open" "$tmp/stderr"
res $? "$name: says it cannot open it"
untouched
begin "check with the default style sheet: exit 0, nothing written"
run check $D
status 0
untouched

# ids after XML's whitespace rule
idline=$(grep -n '<city id="' $D | sed -n 2p | cut -d: -f1)
firstid=$(grep -o '<city id="[^"]*"' $D | head -1 | sed 's/.*id="//; s/"//')
firstline=$(grep -n "<city id=\"$firstid\"" $D | cut -d: -f1)
for pad in "  $firstid" "$firstid  " "	$firstid"; do
	begin "ids: '$pad' is the same id as '$firstid'"
	sed "${idline}s|<city id=\"[^\"]*\"|<city id=\"$pad\"|" $D >"$g/id$n.xml"
	run build "$g/id$n.xml" -o "$out/x.pdf"
	status 1
	grep -Eq "^plaquette: $(re "$g/id$n.xml"):$idline: error: the id \"$firstid\" is used twice \\(first at line $firstline\\)" "$tmp/stderr"
	res $? "$name: the duplicate is found, at line $idline"
	sane
	untouched
done
begin "ids: a ref with padded spaces finds its project"
ref=$(grep -o '<ref project="[^"]*"' $D | head -1 | sed 's/.*project="//; s/"//')
rl=$(grep -n "<ref project=\"$ref\"" $D | head -1 | cut -d: -f1)
sed "${rl}s|<ref project=\"$ref\"|<ref project=\" $ref \"|" $D >"$g/ref.xml"
run build -q "$g/ref.xml" -o "$out/x.pdf"
status 0
replaced

# dates a PDF can carry
date_case() { # VALUE
	begin "dates: <date>$1</date> is refused at its line"
	dl=$(grep -n '<date>' $D | head -1 | cut -d: -f1)
	sed "${dl}s|<date>[^<]*</date>|<date>$1</date>|" $D >"$g/date$n.xml"
	run build "$g/date$n.xml" -o "$out/x.pdf"
	status 1
	grep -Eq "^plaquette: $(re "$g/date$n.xml"):$dl: error: .*(no date a PDF can carry|date)" "$tmp/stderr"
	res $? "$name: the message at line $dl"
	sane
	untouched
}
for v in 0000 1969 0001-01-01 2024-13 2024-00 2024-02-30 2023-02-29 2024-04-31 2024-01-00; do
	date_case "$v"
done
begin "dates: <date>2024-02-29</date> (a leap day) builds, dated so"
dl=$(grep -n '<date>' $D | head -1 | cut -d: -f1)
sed "${dl}s|<date>[^<]*</date>|<date>2024-02-29</date>|" $D >"$g/leap.xml"
run build -q "$g/leap.xml" -o "$out/x.pdf"
status 0
pdfinfo -isodates "$out/x.pdf" 2>/dev/null | grep -q 'CreationDate: *2024-02-29'
res $? "$name: CreationDate 2024-02-29"

# page sizes
page_case() { # WIDTH HEIGHT STATUS PHRASE
	begin "pages: width=$1 height=$2"
	pl=$(grep -n '<page ' $ST | head -1 | cut -d: -f1)
	sed "${pl}s|width=\"[^\"]*\" height=\"[^\"]*\"|width=\"$1\" height=\"$2\"|" $ST >"$g/page$n.xml"
	run build -q $D -s "$g/page$n.xml" -o "$out/x.pdf"
	status "$3"
	grep -Eq "^plaquette: $(re "$g/page$n.xml"):$pl: error: .*$4" "$tmp/stderr"
	res $? "$name: '$4' at line $pl"
	sane
	untouched
}
page_case 720000pt 297mm 1 "not a length|too large"
page_case 10000in 297mm 1 "too large"
page_case 210mm 5081mm 1 "too large"
page_case 5100mm 5100mm 1 "too large"
page_case 19mm 297mm 1 "too small"
page_case -210mm 297mm 1 "too small|not a length"

end_case
echo "# $n cases"
finish options
