#!/bin/sh
# t-robust.sh PLAQUETTE: the adversarial corpus of outputs, library
# boundaries, options, signals and bounds (tests/bad.sh has the hostile
# inputs).  Every case checks its exit status, a message naming the file
# (and line where there is one), that nothing is left behind and that the
# earlier output is intact, byte for byte (tests/badlib.sh).
set -u
. tests/lib.sh
take_bin t-robust "$@"
unset SOURCE_DATE_EPOCH
case_prefix=robust
. tests/badlib.sh
D=data/brochure.xml
E=data/brochure.en.xml
ST=styles/efus.xml
sumof() { cksum <"$1"; }

# keeps FILE...: each FILE is byte-identical to its copy taken by `save`.
save() {
	for f in "$@"; do cp -p "$f" "$tmp/saved.$(echo "$f" | tr / _)"; done
}
keeps() {
	for f in "$@"; do
		cmp -s "$f" "$tmp/saved.$(echo "$f" | tr / _)"
		res $? "$name: $f is byte-identical to before"
	done
}
# a work copy of the inputs in the case's folder, so that a failure of the
# guard could never damage the repository's own files
inputs() {
	cp $D "$out/in.xml"
	cp $E "$out/en.xml"
	cp $ST "$out/st.xml"
	save "$out/in.xml" "$out/en.xml" "$out/st.xml"
}
# the files of the case's folder besides x.pdf and the inputs
leftovers() {
	extra=$(ls -A "$out" | grep -vx -e x.pdf -e in.xml -e en.xml -e st.xml ${1:+-e "$1"} |
		tr '\n' ' ')
	[ -z "$extra" ]
	res $? "$name: nothing left behind${extra:+ (found: $extra)}"
	[ "$(sumof "$out/x.pdf")" = "$sum0" ]
	res $? "$name: the earlier output x.pdf is byte-identical"
}
# refused ARGS...: the guard refuses the run (exit 2, both paths named),
# the inputs and the earlier output are intact, nothing is left.
refused() {
	run "$@"
	status 2
	grep -Eq '^plaquette: [^:]+: usage: the output.* (is the same file as the input|are the same file|is a)' \
		"$tmp/stderr"
	res $? "$name: one sentence naming the output and what it is"
	sane
	keeps "$out/in.xml" "$out/en.xml" "$out/st.xml"
	leftovers "${keep_extra:-}"
}

# ---- 1. the output guard: no output replaces an input -----------------------
keep_extra=""
begin "guard: -o names the XML"
inputs
refused build "$out/in.xml" -o "$out/in.xml"
says "$(re "$out/in.xml")" usage "the output $(re "$out/in.xml") is the same file as the input $(re "$out/in.xml")"

begin "guard: -o names the style sheet"
inputs
refused build "$out/in.xml" -s "$out/st.xml" -o "$out/st.xml"

begin "guard: --dump-layout names the XML"
inputs
refused build "$out/in.xml" -o "$out/x2.pdf" --dump-layout "$out/in.xml"

begin "guard: --dump-text names the style sheet"
inputs
refused build "$out/in.xml" -s "$out/st.xml" -o "$out/x2.pdf" --dump-text "$out/st.xml"

begin "guard: -o is a symbolic link to the XML"
inputs
ln -s in.xml "$out/link.pdf"
keep_extra=link.pdf refused build "$out/in.xml" -o "$out/link.pdf"
[ -L "$out/link.pdf" ]
res $? "$name: the link is still a link"

begin "guard: -o is a hard link to the XML"
inputs
ln "$out/in.xml" "$out/hard.pdf"
keep_extra=hard.pdf refused build "$out/in.xml" -o "$out/hard.pdf"

begin "guard: -o spells the XML another way (DIR/../DIR/in.xml)"
inputs
refused build "$out/in.xml" -o "$out/../$(basename "$out")/in.xml"

begin "guard: the XML through a symbolic link, -o the real file"
inputs
ln -s in.xml "$out/alias.xml"
keep_extra=alias.xml refused build "$out/alias.xml" -o "$out/in.xml"

begin "guard: an XML named x.pdf, built without -o"
inputs
cp "$out/in.xml" "$out/y.pdf"
sumy=$(sumof "$out/y.pdf")
(cd "$out" && "$bin" build y.pdf) >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 2
says "y\.pdf" usage "the output y\.pdf is the same file as the input y\.pdf"
[ "$(sumof "$out/y.pdf")" = "$sumy" ]
res $? "$name: y.pdf is still the XML"
keep_extra=y.pdf leftovers y.pdf

begin "guard: diff -o names the old edition"
inputs
refused diff "$out/in.xml" "$out/en.xml" -o "$out/in.xml"

begin "guard: diff -o names the new edition"
inputs
refused diff "$out/in.xml" "$out/en.xml" -o "$out/en.xml"

begin "guard: diff -o names the style sheet"
inputs
refused diff -s "$out/st.xml" "$out/in.xml" "$out/en.xml" -o "$out/st.xml"

begin "guard: build --against names the source edition as -o"
inputs
refused build "$out/en.xml" --against "$out/in.xml" -o "$out/in.xml"

begin "guard: --output-intent profile named as -o"
inputs
cp "$out/st.xml" "$out/p.icc"
keep_extra=p.icc refused build --print "$out/in.xml" --output-intent "$out/p.icc" -o "$out/p.icc"

begin "guard: -o and --dump-layout name the same file"
inputs
refused build "$out/in.xml" -o "$out/x.pdf" --dump-layout "$out/x.pdf"

begin "guard: --dump-layout and --dump-text name the same new file"
inputs
refused build "$out/in.xml" -o "$out/x2.pdf" --dump-layout "$out/d" --dump-text "$out/./d"

begin "guard: standard output appended to the XML (-o - >> XML)"
inputs
"$bin" build "$out/in.xml" -o - >>"$out/in.xml" 2>"$tmp/stderr"
st=$?
status 2
says "standard output" usage "the output standard output is the same file as the input"
keeps "$out/in.xml"
leftovers

begin "guard: -o is a folder"
inputs
mkdir "$out/dir"
keep_extra=dir refused build "$out/in.xml" -o "$out/dir"
[ -z "$(ls -A "$out/dir")" ]
res $? "$name: the folder is still empty"

begin "guard: -o is a socket"
inputs
if command -v python3 >/dev/null &&
	python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$out/sock" 2>/dev/null; then
	keep_extra=sock refused build "$out/in.xml" -o "$out/sock"
	[ -S "$out/sock" ]
	res $? "$name: the socket is still a socket"
else
	ok "$name # SKIP no python3 to make a socket"
fi

if [ $root -eq 1 ] && mknod "$tmp/blk" b 7 250 2>/dev/null; then
	begin "guard: -o is a block device (never written)"
	inputs
	mknod "$out/blk" b 7 250
	keep_extra=blk refused build "$out/in.xml" -o "$out/blk"
	[ -b "$out/blk" ]
	res $? "$name: the block device node is still one"
fi

# ---- 1. regular files: temporary file, rename, mode kept ---------------------
begin "guard: an earlier PDF of mode 600 keeps mode 600"
inputs
chmod 600 "$out/x.pdf"
run build -q "$out/in.xml" -o "$out/x.pdf"
status 0
[ "$(stat -c %a "$out/x.pdf")" = 600 ]
res $? "$name: mode $(stat -c %a "$out/x.pdf")"
head -c 5 "$out/x.pdf" | grep -q '%PDF-'
res $? "$name: a new PDF"

begin "guard: an earlier dump of mode 640 keeps it"
inputs
echo old >"$out/d.txt"
chmod 640 "$out/d.txt"
run build -q "$out/in.xml" -o "$out/x.pdf" --dump-text "$out/d.txt"
status 0
[ "$(stat -c %a "$out/d.txt")" = 640 ] && ! grep -qx old "$out/d.txt"
res $? "$name: replaced, mode $(stat -c %a "$out/d.txt")"

begin "guard: a new PDF gets the umask's mode"
inputs
rm -f "$out/new.pdf"
(umask 027 && "$bin" build -q "$out/in.xml" -o "$out/new.pdf") 2>"$tmp/stderr"
st=$?
status 0
[ "$(stat -c %a "$out/new.pdf")" = 640 ]
res $? "$name: mode $(stat -c %a "$out/new.pdf") with umask 027"

begin "guard: -o a symbolic link to an earlier PDF replaces the target, keeps the link"
inputs
mkdir "$out/real"
printf 'old\n' >"$out/real/t.pdf"
ln -s real/t.pdf "$out/l.pdf"
run build -q "$out/in.xml" -o "$out/l.pdf"
status 0
[ -L "$out/l.pdf" ] && head -c 5 "$out/real/t.pdf" | grep -q '%PDF-'
res $? "$name: link kept, target replaced"
[ -z "$(ls -A "$out/real" | grep -v '^t.pdf$')" ]
res $? "$name: no temporary file beside the target"

begin "guard: -o - is standard output, no file named -"
inputs
(cd "$out" && "$bin" build -q in.xml -o - >"$tmp/stdout.pdf") 2>"$tmp/stderr"
st=$?
status 0
head -c 5 "$tmp/stdout.pdf" | grep -q '%PDF-' && pdfinfo "$tmp/stdout.pdf" >/dev/null 2>&1
res $? "$name: a readable PDF on standard output"
[ ! -e "$out/-" ]
res $? "$name: no file named -"
leftovers

begin "guard: - is standard input (and then standard output)"
inputs
(cd "$out" && "$bin" build -q - <in.xml >"$tmp/stdin.pdf") 2>"$tmp/stderr"
st=$?
status 0
pdfinfo "$tmp/stdin.pdf" >/dev/null 2>&1
res $? "$name: a PDF from standard input"
leftovers

begin "guard: an error in standard input is located there"
printf '<brochure>\n<oops>\n' | "$bin" check - >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 1
says "standard input:[0-9]+(:[0-9]+)?" error "not well-formed"

begin "guard: --dump-layout - writes to standard output"
inputs
run build -q "$out/in.xml" -o "$out/x2.pdf" --dump-layout -
status 0
head -1 "$tmp/stdout" | grep -q '^layout [0-9]* pages'
res $? "$name: the dump on standard output"
rm -f "$out/x2.pdf"
leftovers

begin "guard: -o a FIFO is written in place, never renamed onto"
inputs
mkfifo "$out/fifo"
cat "$out/fifo" >"$tmp/fifo.pdf" &
reader=$!
run build -q "$out/in.xml" -o "$out/fifo"
wait $reader
status 0
[ -p "$out/fifo" ] && head -c 5 "$tmp/fifo.pdf" | grep -q '%PDF-'
res $? "$name: still a FIFO, the PDF came through it"
leftovers fifo

if [ $root -eq 1 ]; then
	begin "guard: -o a character device (our own null node) stays a device"
	inputs
	if mknod "$out/null" c 1 3 2>/dev/null; then
		run build -q "$out/in.xml" -o "$out/null"
		status 0
		[ -c "$out/null" ]
		res $? "$name: still a character device"
		leftovers null
	else
		ok "$name # SKIP mknod failed"
	fi
	begin "guard: diff -o a character device stays a device"
	inputs
	if mknod "$out/null" c 1 3 2>/dev/null; then
		run diff "$out/in.xml" "$out/en.xml" -o "$out/null"
		status 0
		[ -c "$out/null" ]
		res $? "$name: still a character device"
		leftovers null
	else
		ok "$name # SKIP mknod failed"
	fi
	begin "guard: --dump-layout to a full device: exit 3, the PDF not replaced"
	inputs
	if mknod "$out/full" c 1 7 2>/dev/null; then
		run build -q "$out/in.xml" -o "$out/x.pdf" --dump-layout "$out/full"
		status 3
		says "$(re "$out/full")" fatal "No space left on device"
		sane
		leftovers full
	else
		ok "$name # SKIP mknod failed"
	fi
fi

begin "guard: -o /dev/null as any user: /dev/null stays a device"
run build -q $D -o /dev/null
status 0
[ -c /dev/null ] && ! has_temp /dev
res $? "$name: /dev/null still a device, nothing left in /dev"

begin "guard: -o /dev/full: exit 3, said"
run build -q $D -o /dev/full
status 3
says "/dev/full" fatal "No space left on device"
[ -c /dev/full ]
res $? "$name: /dev/full still a device"

# ---- 1. several outputs: all or none ------------------------------------------
begin "all or none: a failing --png leaves the earlier PDF"
inputs
printf 'not a folder\n' >"$out/png"
run build -q "$out/in.xml" -o "$out/x.pdf" --png "$out/png"
status 3
says "$(re "$out/png")" fatal "not a folder"
sane
leftovers png

begin "all or none: --png into a read-only folder leaves the earlier PDF and dump"
inputs
printf 'old dump\n' >"$out/d.txt"
sumd=$(sumof "$out/d.txt")
mkdir "$out/ro"
if [ $root -eq 1 ]; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	$as true 2>/dev/null || as=""
fi
chmod 777 "$out"
chmod 666 "$out/x.pdf" "$out/d.txt"
chmod 555 "$out/ro"
if [ $root -eq 0 ] || [ -n "$as" ]; then
	run build -q "$out/in.xml" -o "$out/x.pdf" --dump-text "$out/d.txt" --png "$out/ro"
	status 3
	says "$(re "$out/ro")/page-01\.png" fatal "Permission denied"
	[ "$(sumof "$out/d.txt")" = "$sumd" ]
	res $? "$name: the earlier dump is byte-identical"
	extra=$(ls -A "$out" | grep -vx -e x.pdf -e in.xml -e en.xml -e st.xml -e d.txt -e ro | tr '\n' ' ')
	[ -z "$extra" ] && [ "$(sumof "$out/x.pdf")" = "$sum0" ]
	res $? "$name: earlier PDF byte-identical, nothing left${extra:+ (found: $extra)}"
else
	ok "$name # SKIP root without setpriv"
fi
chmod 755 "$out" "$out/ro"
as=""

begin "all or none: a dump on a full disk: exit 3, nothing replaced"
if [ $root -eq 1 ] && mount -t tmpfs -o size=64k plaquette-robust "$out" 2>/dev/null; then
	mounted=$out
	printf '%%PDF-1.4 earlier output of case %s\n' "$n" >"$out/x.pdf"
	printf 'old dump\n' >"$out/d.txt"
	sumd=$(sumof "$out/d.txt")
	run build -q $D -o "$out/x.pdf" --dump-layout "$out/d.txt"
	status 3
	says "$(re "$out/")(x\.pdf|d\.txt)" fatal "No space left on device"
	sane
	[ "$(sumof "$out/d.txt")" = "$sumd" ] && [ "$(sumof "$out/x.pdf")" = "$sum0" ]
	res $? "$name: the earlier PDF and dump are byte-identical"
	! has_temp "$out"
	res $? "$name: no temporary file left"
	umount "$out" && mounted=""
else
	ok "$name # SKIP needs root and a tmpfs mount"
fi

begin "all or none: an input error writes no dump either"
inputs
printf 'old dump\n' >"$out/d.txt"
sumd=$(sumof "$out/d.txt")
run build tests/bad/unknown-project.xml -o "$out/x.pdf" --dump-text "$out/d.txt"
status 1
says "$(re tests/bad/unknown-project.xml):[0-9]+" error "refers to project"
[ "$(sumof "$out/d.txt")" = "$sumd" ]
res $? "$name: the earlier dump is byte-identical"
leftovers d.txt

begin "all or none: the output folder is missing for the dump"
inputs
run build -q "$out/in.xml" -o "$out/x.pdf" --dump-layout "$out/no/d.txt"
status 3
says "$(re "$out/no/d.txt")" fatal "No such file or directory"
leftovers

begin "all or none: --png creates no folder when the run fails"
inputs
run build tests/bad/unknown-project.xml -o "$out/x.pdf" --png "$out/newpng"
status 1
[ ! -e "$out/newpng" ]
res $? "$name: no new folder"
leftovers

# ---- 5. signals: temporary files and children ------------------------------
# sig_case NAME SIGNAL 'ARGS': sends SIGNAL once a .plaquette-* file exists
# (ARGS evaluated in the case, where $out is its folder).
sig_case() {
	sname=$1 sig=$2 args=$3
	begin "signal: $sname"
	inputs
	eval "exec \"\$bin\" $args" >"$tmp/stdout" 2>"$tmp/stderr" &
	pid=$!
	if await $pid 3000 has_temp "$out"; then
		kill -"$sig" $pid
		{ wait $pid; } 2>/dev/null
		st=$?
		sleep 0.2
		status "1|2|3|129|130|143"
		leftovers
		keeps "$out/in.xml"
	else
		wait $pid
		ok "$name # SKIP the run was over before it could be interrupted"
	fi
}
sig_case "SIGTERM during a build" TERM 'build -q "$out/in.xml" -o "$out/x.pdf"'
sig_case "SIGINT during a build" INT 'build -q "$out/in.xml" -o "$out/x.pdf"'
sig_case "SIGHUP during a build" HUP 'build -q "$out/in.xml" -o "$out/x.pdf"'
sig_case "SIGTERM during diff" TERM 'diff "$out/in.xml" "$out/en.xml" -o "$out/x.pdf"'
sig_case "SIGTERM during a build with dumps" TERM \
	'build -q "$out/in.xml" -o "$out/x.pdf" --dump-layout "$out/x.pdf.dump"'
sig_case "SIGTERM during the press edition" TERM 'build -q --print "$out/in.xml" -o "$out/x.pdf"'
sig_case "SIGTERM during --png" TERM 'build -q "$out/in.xml" -o "$out/x.pdf" --png "$out/p"'


if command -v gs >/dev/null; then
	begin "signal: SIGTERM during --cmyk ends Ghostscript too"
	inputs
	"$bin" build -q --cmyk "$out/in.xml" -o "$out/x.pdf" >"$tmp/stdout" 2>"$tmp/stderr" &
	pid=$!
	await $pid 4000 pgrep -P $pid gs
	gspid=$(pgrep -P $pid gs 2>/dev/null | head -1)
	if [ -n "$gspid" ]; then
		kill -TERM $pid
		{ wait $pid; } 2>/dev/null
		st=$?
		sleep 0.3
		status "143"
		! kill -0 "$gspid" 2>/dev/null
		res $? "$name: Ghostscript ($gspid) is gone"
		leftovers
	else
		wait $pid
		ok "$name # SKIP Ghostscript was over before it could be seen"
	fi
fi

begin "signal: a crash (SIGSEGV) removes the temporary file"
inputs
"$bin" build -q "$out/in.xml" -o "$out/x.pdf" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
if await $pid 3000 has_temp "$out"; then
	kill -SEGV $pid
	{ wait $pid; } 2>/dev/null
	st=$?
	# Under AddressSanitizer its own SIGSEGV handler reports and aborts
	# (ASAN_OPTIONS=abort_on_error=1): 134.
	# Without abort_on_error (make asan), LeakSanitizer then reports what
	# the killed run still held: 88.
	case $bin in
	*asan*) status "139|86|1|3|134|88" ;;
	*) status "139|86|1|3" ;;
	esac
	leftovers
else
	wait $pid
	ok "$name # SKIP the run was over before it could be interrupted"
fi

# ---- 2. characters no PDF can carry: one rule, refused with their line -------
g=$tmp/gen
mkdir -p "$g"
# char_case NAME SED-EXPRESSION LINE CODE: the brochure edited by sed is
# refused (exit 1) with "FILE:LINE: error: …U+CODE…", nothing written.
char_case() {
	begin "characters: $1"
	sed "$2" $D >"$g/c$n.xml"
	run build "$g/c$n.xml" -o "$out/x.pdf"
	status 1
	says "$(re "$g/c$n.xml"):$3" error "(U\+)?$4"
	sane
	untouched
}
char_case "U+FDD0 in a city name" 's|<name>Augsburg</name>|<name>Augs\xef\xb7\x90burg</name>|' 111 FDD0
char_case "U+FDEF in a paragraph" '51s|<p>|<p>\xef\xb7\xaf|' 51 FDEF
# (U+FFFE and U+FFFF XML refuses itself: "Char 0xFFFE out of allowed range")
char_case "U+FFFE in a title" 's|<name>Augsburg</name>|<name>Augsburg\xef\xbf\xbe</name>|' 111:21 '(U\+FFFE|0xFFFE)'
char_case "U+FFFF in a title" 's|<name>Augsburg</name>|<name>\xef\xbf\xbfAugsburg</name>|' 111:13 '(U\+FFFF|0xFFFF)'

char_case "U+1FFFE in a city name" 's|<name>Augsburg</name>|<name>Augs\xf0\x9f\xbf\xbeburg</name>|' 111 1FFFE
char_case "U+10FFFF in a city name" 's|<name>Augsburg</name>|<name>Augs\xf4\x8f\xbf\xbfburg</name>|' 111 10FFFF
char_case "U+FDD0 as a character reference" 's|<name>Augsburg</name>|<name>Augs\&#xFDD0;burg</name>|' 111 FDD0
char_case "U+0085 (C1) in a city name" 's|<name>Augsburg</name>|<name>Augs\xc2\x85burg</name>|' 111 0085
char_case "U+007F (DEL) in a city name" 's|<name>Augsburg</name>|<name>Augs\x7fburg</name>|' 111 007F
lnk=$(grep -n '<p>.*<link href=' $D | head -1 | cut -d: -f1)
# (the schema's pattern for href refuses them first, at the same line)
char_case "U+FDD0 in a link's href" "${lnk}s|href=\"|href=\"\\xef\\xb7\\x90|" "$lnk(:[0-9]+)?" '(FDD0|href=.* is not allowed)'
char_case "U+009B (C1) in a link's href" "${lnk}s|href=\"|href=\"\\xc2\\x9b|" "$lnk(:[0-9]+)?" '(009B|href=.* is not allowed)'
begin "characters: U+FDD0 in an attribute the schema leaves free (a project's id)"
sed '0,/<project id="/s|<project id="|<project id="p\xef\xb7\x90|' $D >"$g/c$n.xml"
run check "$g/c$n.xml"
status 1
says "$(re "$g/c$n.xml"):[0-9]+(:[0-9]+)?" error "(U\+FDD0|not allowed)"
sane
begin "characters: a noncharacter in the style sheet"
sed 's|name="base"|name="base\xef\xb7\x90x"|' $ST >"$g/st$n.xml"
run build $D -s "$g/st$n.xml" -o "$out/x.pdf"
status 1
says "$(re "$g/st$n.xml"):[0-9]+" error "U\+FDD0"
sane
untouched

# ---- 3. one PDF string and URI writer: links cannot inject ------------------
# link_case NAME HREF WANT: the paragraph link at line $lnk gets HREF; the
# build succeeds and the PDF's only /URI is WANT (checked with qpdf), with
# no /JavaScript, /Launch or /JS anywhere and qpdf finding no damage.
link_case() {
	begin "links: $1"
	h=$(printf '%s' "$2" | sed 's/[&|\\]/\\&/g')
	sed "${lnk}s|<link href=\"[^\"]*\"|<link href=\"$h\"|" $D >"$g/l$n.xml"
	run build -q "$g/l$n.xml" -o "$out/x.pdf"
	status 0
	sane
	qpdf --qdf --object-streams=disable "$out/x.pdf" "$g/l$n.qdf" >"$tmp/qpdf" 2>&1
	res $? "$name: qpdf reads the PDF without damage"
	uris=$(grep -a '/URI (' "$g/l$n.qdf" | sed 's/^ *\/URI (//; s/)$//' | sort -u | grep -v 'efus' )
	[ "$uris" = "$3" ]
	res $? "$name: the link's /URI is ($3) (got: $uris)"
	! grep -aEq '^ */S /(JavaScript|Launch)|^ */JS ' "$g/l$n.qdf"
	res $? "$name: no JavaScript or launch action"
}
link_case "an unbalanced ) cannot close the string and start an action" \
	'https://x.eu/a)/S/JavaScript/JS(app.alert(1))' \
	'https://x.eu/a%29/S/JavaScript/JS%28app.alert%281%29%29'
link_case "a backslash" 'https://x.eu/a\b\' 'https://x.eu/a%5Cb%5C'
link_case "an unbalanced (" 'https://x.eu/(a' 'https://x.eu/%28a'
link_case "a quote, for Cairo's attribute parser" "https://x.eu/it's" 'https://x.eu/it%27s'
link_case "non-ASCII, percent-encoded as UTF-8" 'https://x.eu/café' 'https://x.eu/caf%C3%A9'
link_case "a lone %, encoded; %41 kept" 'https://x.eu/100%/%41' 'https://x.eu/100%25/%41'
link_case "query and fragment kept" 'https://x.eu/p?a=1&amp;b=2#top' 'https://x.eu/p?a=1&b=2#top'
link_case "angle brackets and braces" 'https://x.eu/&lt;a>{b}' 'https://x.eu/%3Ca%3E%7Bb%7D'
link_case "a mailto: link" 'mailto:someone@x.eu' 'mailto:someone@x.eu'
link_case "a long address (3000 characters)" "https://x.eu/$(printf '%3000s' '' | tr ' ' a)" \
	"https://x.eu/$(printf '%3000s' '' | tr ' ' a)"
# refused_link NAME HREF: the link is refused (exit 1) at its line.
refused_link() {
	begin "links: $1 is refused"
	h=$(printf '%s' "$2" | sed 's/[&|\\]/\\&/g')
	sed "${lnk}s|<link href=\"[^\"]*\"|<link href=\"$h\"|" $D >"$g/l$n.xml"
	run build "$g/l$n.xml" -o "$out/x.pdf"
	status 1
	says "$(re "$g/l$n.xml"):$lnk(:[0-9]+)?" error "(link|href|has something it cannot hold|not allowed)"
	sane
	untouched
}
refused_link "javascript:" 'javascript:app.alert(1)'
refused_link "file:" 'file:///etc/passwd'
refused_link "data:" 'data:text/html,x'
refused_link "http:// with no host" 'http:///etc'
refused_link "https:// with no host" 'https://?q'
refused_link "mailto: with no address" 'mailto:nobody'
refused_link "an empty href" ''
refused_link "a space in the address" 'https://x.eu/a b'
refused_link "an upper-case JAVASCRIPT:" 'JAVASCRIPT:alert(1)'
refused_link "a launch-like relative path" '../../bin/sh'

# ---- 4. bounds: style inheritance, fonts ----------------------------------------
# sheet_case NAME STATUS WHERE LEVEL PHRASE SEDEXPR: efus.xml edited by sed,
# built with the brochure within 10 s.
sheet_case() {
	begin "styles: $1"
	sed "$6" $ST >"$g/s$n.xml"
	run build $D -s "$g/s$n.xml" -o "$out/x.pdf"
	status "$2"
	[ -n "$3" ] && says "$(re "$g/s$n.xml")$3" "$4" "$5"
	sane
	if [ "$2" = 0 ]; then replaced; else untouched; fi
}
sheet_case 'font="" (looped for ever)' 1 ":29" error 'font="" names no font family' \
	'29s/font="Noto Sans"/font=""/'
sheet_case 'font="Arabic", a part of "Noto Sans Arabic"' 1 ":29" error 'font "Arabic" is not in the fonts folder' \
	'29s/font="Noto Sans"/font="Arabic"/'
sheet_case 'font="Noto", a prefix' 1 ":29" error 'font "Noto" is not in the fonts folder' \
	'29s/font="Noto Sans"/font="Noto"/'
sheet_case 'font="Sans", a suffix' 1 ":29" error 'font "Sans" is not in the fonts folder' \
	'29s/font="Noto Sans"/font="Sans"/'
sheet_case 'font="Noto Sans, Arial", a list' 1 ":29" error 'is not in the fonts folder' \
	'29s/font="Noto Sans"/font="Noto Sans, Arial"/'
sheet_case 'font="noto sans" (case does not matter)' 0 "" "" "" \
	'29s/font="Noto Sans"/font="noto sans"/'
sheet_case 'font="Noto Sans Symbols2" (a face without bold is still a family)' 0 "" "" "" \
	's/name="cover-brand"/name="cover-brand" font="Noto Sans Symbols2"/'
sheet_case 'a style with font="" inherited by others: one message' 1 ":29" error 'names no font family' \
	'29s/font="Noto Sans"/font=""/'
[ "$(grep -c 'names no font family' "$tmp/stderr")" -eq 1 ]
res $? "$name: said once, at the line that has it"

# chains of N styles, each the parent of the next, built promptly
chain_sheet() { # N [LOOP]: the sheet with a chain of N styles p1…pN, p1 under base
	awk -v n="$1" -v loop="${2:-}" '/<\/stylesheet>/ {
		for (i = 1; i <= n; i++)
			printf "  <style name=\"p%d\" parent=\"%s\" size=\"%dpt\"/>\n", i,
				i == 1 ? (loop ? "p" n : "base") : "p" (i - 1), 8 + i % 3
	} { print }' $ST
}
# (1200 styles took 35 s when inheritance was resolved in cubic time): a
# bound on CPU time, not on the wall clock, so that a loaded machine does
# not fail it — 5 s, 15 s for the sanitizer build
case $bin in *asan*) chain_cpu=15 ;; *) chain_cpu=5 ;; esac
for k in 1200 5000; do
	begin "styles: a parent chain of $k styles builds within $chain_cpu s of CPU"
	chain_sheet $k >"$g/chain$k.xml"
	(ulimit -t $chain_cpu; exec timeout -k 2 $run_limit "$bin" build -q $D -s "$g/chain$k.xml" \
		-o "$out/x.pdf") >"$tmp/stdout" 2>"$tmp/stderr"
	st=$?
	status 0
	replaced
done
begin "styles: a loop through 1200 styles is reported, promptly"
chain_sheet 1200 loop >"$g/loop.xml"
run build $D -s "$g/loop.xml" -o "$out/x.pdf"
status 1
says "$(re "$g/loop.xml"):[0-9]+" error 'style "p[0-9]+" inherits from itself'
[ "$(wc -l <"$tmp/stderr")" -le 10 ]
res $? "$name: at most 10 message lines (got $(wc -l <"$tmp/stderr"))"
sane
untouched
begin "styles: a loop of three styles names each, at its line"
awk '/<\/stylesheet>/ { print "  <style name=\"a\" parent=\"c\"/>"; print "  <style name=\"b\" parent=\"a\"/>"
	print "  <style name=\"c\" parent=\"b\"/>" } { print }' $ST >"$g/loop3.xml"
la=$(grep -n 'name="a" parent="c"' "$g/loop3.xml" | cut -d: -f1)
run build $D -s "$g/loop3.xml" -o "$out/x.pdf"
status 1
for x in a b c; do
	grep -Eq "^plaquette: $(re "$g/loop3.xml"):[0-9]+: error: style \"$x\" inherits from itself" "$tmp/stderr"
	res $? "$name: \"$x\" is named"
done
says "$(re "$g/loop3.xml"):$la" error 'style "a" inherits from itself'
untouched
begin "styles: a parent that is not defined, at the parent= line"
awk '/<\/stylesheet>/ { print "  <style name=\"orphan\""; print "         parent=\"nowhere\"/>" } { print }' \
	$ST >"$g/orphan.xml"
lo=$(grep -n 'parent="nowhere"' "$g/orphan.xml" | cut -d: -f1)
run build $D -s "$g/orphan.xml" -o "$out/x.pdf"
status 1
says "$(re "$g/orphan.xml"):$lo" error 'unknown parent style "nowhere"'
untouched
# a home of our own whose fonts/ folder a case may damage
home() { # make $h, a copy of the data folders with fonts/ copied
	h=$out/home
	mkdir -p "$h/fonts"
	cp -r schema styles "$h/"
	cp fonts/*.ttf "$h/fonts/"
}
font_case() { # NAME STATUS LEVEL PHRASE: build with PLAQUETTE_HOME=$h
	PLAQUETTE_HOME=$h timeout -k 2 10 "$bin" build $D -o "$out/x.pdf" >"$tmp/stdout" 2>"$tmp/stderr"
	st=$?
	status "$2"
	grep -Eq "^plaquette: [^ ]+: $3: .*$4" "$tmp/stderr"
	res $? "$name: says '$3: …$4…'"
	sane
}
begin "fonts: NotoSans-Regular.ttf missing: an error, not the whole brochure in Bold"
home
rm "$h/fonts/NotoSans-Regular.ttf"
font_case x 1 error 'font "Noto Sans" has no regular'
says "$(re "$h/styles/efus.xml"):29" error 'has no regular'
untouched home
begin "fonts: NotoSans-Regular.ttf truncated to 1 KiB"
home
head -c 1024 fonts/NotoSans-Regular.ttf >"$h/fonts/NotoSans-Regular.ttf"
font_case x 1 error 'has no regular'
says "$(re "$h/fonts/NotoSans-Regular.ttf")" warning "font file skipped: fontconfig cannot read it"
untouched home
begin "fonts: NotoSans-Regular.ttf empty"
home
: >"$h/fonts/NotoSans-Regular.ttf"
font_case x 1 error 'has no regular'
untouched home
begin "fonts: a FIFO named x.ttf in fonts/ is skipped, not waited on"
home
mkfifo "$h/fonts/x.ttf"
font_case x 0 warning "font file skipped: it is not a regular file"
replaced_home() {
	head -c 5 "$out/x.pdf" | grep -q '^%PDF-' && [ "$(cksum <"$out/x.pdf")" != "$sum0" ]
	res $? "$name: a new PDF"
}
replaced_home
begin "fonts: a folder named d.ttf in fonts/ is skipped"
home
mkdir "$h/fonts/d.ttf"
font_case x 0 warning "$(re "$h/fonts/d.ttf"): .*not a regular file|not a regular file"
replaced_home
begin "fonts: a dangling symbolic link in fonts/ is skipped"
home
ln -s nowhere.ttf "$h/fonts/gone.ttf"
font_case x 0 warning "not a regular file"
replaced_home
begin "fonts: a text file named z.ttf is skipped"
home
echo "not a font" >"$h/fonts/z.ttf"
font_case x 0 warning "fontconfig cannot read it"
replaced_home
begin "fonts: an empty fonts folder: exit 3, says so"
home
rm "$h"/fonts/*.ttf
font_case x 3 fatal "no usable font"
untouched home
begin "fonts: only FIFOs in fonts/: exit 3, promptly"
home
rm "$h"/fonts/*.ttf
mkfifo "$h/fonts/a.ttf" "$h/fonts/b.otf"
font_case x 3 fatal "no usable font"
untouched home

# ---- 4. bounds: a paragraph of 32 000 links is refused before RelaxNG runs --
# (the schema took 1.6 s of CPU on it; the tree walk takes milliseconds):
# within 1 s of CPU time (ulimit -t), however loaded the machine
begin "bounds: <p> with 32 000 links refused within 1 s of CPU (3 under ASan)"
awk '!done && /<p>Ce recueil/ { printf "<p>"
	for (i = 0; i < 32000; i++) printf "<link href=\"https://e.eu/%d\">l%d</link> ", i, i
	print "</p>"; done = 1 } { print }' $D >"$out/links.xml"
case $bin in *asan*) links_cpu=3 ;; *) links_cpu=1 ;; esac
(ulimit -t $links_cpu; exec "$bin" check "$out/links.xml") >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
status 1
says "$(re "$out/links.xml"):$(grep -n 'e.eu/0"' "$out/links.xml" | cut -d: -f1)" error \
	"<p> holds more than 2000 inline elements"
sane
rm -f "$out/links.xml"

# ---- 4. bounds: preflight against hostile PDFs --------------------------------
# Each refused (exit 1, a sentence naming the file) within 400 MB of address
# space (ulimit -v: a blow-up fails the case; under ASan, whose shadow memory
# ulimit cannot bound, its hard RSS limit) and the 10 s of `run`.
pf_run() { # FILE: preflight FILE, bounded
	case $bin in
	*asan*)
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=900" \
			timeout -k 2 10 "$bin" preflight "$1" >"$tmp/stdout" 2>"$tmp/stderr" ;;
	*)
		(ulimit -v 400000; exec timeout -k 2 10 "$bin" preflight "$1") \
			>"$tmp/stdout" 2>"$tmp/stderr" ;;
	esac
	st=$?
}
pf_case() { # KIND PHRASE: tests/badpdf.py KIND refused with PHRASE
	begin "preflight: hostile PDF ($1)"
	python3 tests/badpdf.py "$1" >"$out/$1.pdf"
	pf_run "$out/$1.pdf"
	status 1
	says "$(re "$out/$1.pdf")" error "$2"
	sane
	rm -f "$out/$1.pdf"
}
pf_case bomb "page 1: the page's content decodes to more than 48 MiB: refused"
pf_case bomb-form "page 1: a form's content \\(object 5\\) decodes to more than 48 MiB: refused"
pf_case kids "the page tree says 200000 pages \\(/Count\\): more than the 10000"
pf_case kids-count1 "a page tree node has 200000 /Kids"
pf_case loop "the page tree loops: object 2 is among its own /Kids"
pf_case deep "more than 64 deep"
begin "preflight: a /Contents of 5000 parts is not read, said"
python3 tests/badpdf.py parts >"$out/parts.pdf"
pf_run "$out/parts.pdf"
status 0
says "$(re "$out/parts.pdf")" warning "5000 parts, more than 4096: not checked"
sane
rm -f "$out/parts.pdf"
begin "preflight: /dev/zero is refused at once"
pf_run /dev/zero
status 1
says /dev/zero error "not a regular file \\(a device\\): preflight reads PDF files only"
sane
begin "preflight: a FIFO is refused, never opened"
mkfifo "$out/p.pdf"
pf_run "$out/p.pdf"
status 1
says "$(re "$out/p.pdf")" error "not a regular file \\(a FIFO\\)"
sane
begin "preflight: a folder is refused"
pf_run "$out"
status 1
says "$(re "$out")" error "not a regular file \\(a folder\\)"
sane
begin "preflight: a 1.1 GiB (sparse) file is refused by its size"
truncate -s 1100M "$out/big.pdf"
pf_run "$out/big.pdf"
status 1
says "$(re "$out/big.pdf")" error "1100 MiB: larger than the 1024 MiB preflight reads"
sane
rm -f "$out/big.pdf"
begin "preflight: the brochure's press edition still passes, bounded"
pf_run out/brochure-print.pdf
status 0
says out/brochure-print.pdf note "0 error\\(s\\), 0 warning"
sane

end_case
echo "# $n cases"
finish robust
