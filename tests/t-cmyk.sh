#!/bin/sh
# t-cmyk.sh PLAQUETTE: the CMYK press edition (build --cmyk) is a PDF/X-3
# made by Ghostscript: boxes, embedded fonts, no links, grey and black on
# black ink alone, reproducible to the byte, and it passes preflight; a
# missing Ghostscript, or one that gives up PDF/X, is a clear error.
set -u
. tests/lib.sh
bin=$1
scratch cmyk
pdf=$tmp/cmyk.pdf

# Colours in the content streams of pages and forms (qpdf's JSON): prints
# "text-k N" (text runs shown in black ink alone, at least 88 %: DeviceGray
# or K-only CMYK; the sheet gives the body colour 100 % K), "text N" (all text runs) and "cmy-grey N" (CMYK colours
# with cyan, magenta and yellow all present and balanced: a grey or a
# black made of four inks, as Ghostscript makes from an RGB grey).
colours() {
	python3 - "$1" <<'PY'
import base64, json, re, subprocess, sys

def tokens(b):
    """Content stream tokens; strings (nested parentheses, escapes) whole."""
    i, n = 0, len(b)
    while i < n:
        c = b[i:i + 1]
        if c in b" \t\r\n\f\0":
            i += 1
        elif c == b"%":
            while i < n and b[i:i + 1] not in b"\r\n":
                i += 1
        elif c == b"(":
            j, depth = i + 1, 1
            while j < n and depth:
                depth += {b"(": 1, b")": -1}.get(b[j:j + 1], 0)
                j += 2 if b[j:j + 1] == b"\\" else 1
            yield b[i:j]
            i = j
        elif c in b"[]{}" or b[i:i + 2] in (b"<<", b">>"):
            k = 2 if b[i:i + 2] in (b"<<", b">>") else 1
            yield b[i:i + k]
            i += k
        elif c == b"<":
            j = b.find(b">", i)
            j = n if j < 0 else j + 1
            yield b[i:j]
            i = j
        else:
            j = i + 1
            while j < n and b[j:j + 1] not in b" \t\r\n\f\0()<>[]{}/%":
                j += 1
            yield b[i:j]
            i = j

NUM = re.compile(rb"[-+]?(\d+\.?\d*|\.\d+)")
j = json.loads(subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                               "--decode-level=generalized", sys.argv[1]],
                              check=True, capture_output=True).stdout)
objs = j["qpdf"][1]
datas = []
for v in objs.values():
    s = v.get("stream") if isinstance(v, dict) else None
    if s and (s["dict"].get("/Subtype") == "/Form" or s["dict"].get("/PatternType") == 1):
        datas.append(s.get("data", ""))
    d = v.get("value") if isinstance(v, dict) else None
    if isinstance(d, dict) and d.get("/Type") == "/Page":
        c = d.get("/Contents")
        for ref in c if isinstance(c, list) else [c]:
            datas.append(objs["obj:" + ref]["stream"].get("data", ""))
text = text_k = cmy_grey = 0
for data in datas:
    nums, fill, stack = [], None, []
    for t in tokens(base64.b64decode(data)):
        if NUM.fullmatch(t):
            nums.append(float(t))
            continue
        if t[:1] in (b"/", b"(", b"<", b">", b"[", b"]"):
            continue  # other operands and their delimiters
        if t == b"q":
            stack.append(fill)
        elif t == b"Q" and stack:
            fill = stack.pop()
        elif t in (b"g", b"k", b"rg"):
            fill = (t, tuple(nums))
        if t in (b"k", b"K") and len(nums) == 4:
            c, m, y = nums[:3]
            cmy_grey += min(c, m, y) > 0.05 and max(c, m, y) - min(c, m, y) < 0.1
        if t in (b"Tj", b"TJ", b"'", b'"'):
            text += 1
            if fill and ((fill[0] == b"g" and fill[1][0] <= 0.12) or
                         (fill[0] == b"k" and fill[1][:3] == (0, 0, 0) and
                          fill[1][3] >= 0.88)):
                text_k += 1
        nums = []
print(f"text-k {text_k}\ntext {text}\ncmy-grey {cmy_grey}")
PY
}

# The number after WORD in colours' output.
count() { printf '%s\n' "$1" | awk -v w="$2" '$1 == w { print $2 }'; }

# Files plaquette left in the test folder under a temporary name.
leftovers() { ls -A "$tmp" | grep -c '^\.plaquette'; }

qdf() { qpdf --qdf --object-streams=disable "$1" -; }

$bin build --cmyk data/brochure.xml -o "$pdf" 2>"$tmp/err"
rc=$?
# (the sheet's multiple="4" may add blank pages before the back cover and
# say so: the one message allowed, none from the colour conversion)
check "--cmyk builds (exit 0), without a message (but the pages added for the booklet)" sh -c "[ $rc -eq 0 ] && [ -s '$pdf' ] && ! grep -v 'blank page(s) added so the page count' '$tmp/err' | grep -q ."
[ $rc -eq 0 ] || sed 's/^/    /' "$tmp/err"
check "PDF/X-3:2002, 16 pages" sh -c "pdfinfo '$pdf' | grep -q 'PDF subtype: *PDF/X-3:2002' && pdfinfo '$pdf' | grep -q 'Pages: *16'"
qdf "$pdf" >"$tmp/qdf" 2>/dev/null
check "GTS_PDFXVersion and Trapped in Info, a GTS_PDFX output intent with its profile" sh -c "grep -aq '/GTS_PDFXVersion (PDF/X-3:2002)' '$tmp/qdf' && grep -aq '/Trapped /False' '$tmp/qdf' && grep -aq '/S /GTS_PDFX' '$tmp/qdf' && grep -aq '/DestOutputProfile [0-9]* 0 R' '$tmp/qdf'"
check "TrimBox 210 x 297 mm, BleedBox 3 mm outside, MediaBox around, all pages" python3 tests/check.py boxes "$pdf" 3
check "qpdf --check is clean" sh -c "qpdf --check '$pdf' >'$tmp/check' 2>&1 && ! grep -qi warning '$tmp/check'"
check "every font embedded" sh -c "pdffonts '$pdf' >'$tmp/fonts' && [ \$(awk 'NR > 2' '$tmp/fonts' | wc -l) -gt 0 ] && awk 'NR > 2 && \$(NF - 4) != \"yes\" { bad = 1 } END { exit bad }' '$tmp/fonts'"
check "no link annotation (Ghostscript drops PDF/X for one)" sh -c "! grep -aq '/Subtype /Link\|/Annots' '$tmp/qdf'"
$bin build data/brochure.xml -o "$tmp/screen.pdf" 2>/dev/null
check "dates are the document's (as in the screen edition), not Ghostscript's clock" sh -c "pdfinfo '$pdf' | grep -q CreationDate && [ \"\$(pdfinfo '$pdf' | grep Date)\" = \"\$(pdfinfo '$tmp/screen.pdf' | grep Date)\" ]"
check "no XMP (Ghostscript's has a random UUID; PDF/X-3 needs none)" sh -c "pdfinfo '$pdf' | grep -q 'Metadata Stream: *no'"
c=$(colours "$pdf" 2>/dev/null)
tk=$(count "$c" text-k)
tt=$(count "$c" text)
cg=$(count "$c" cmy-grey)
check "body text on black ink alone (DeviceGray or 0 0 0 K): ${tk:-?} of ${tt:-?} text runs" \
	sh -c "[ '${tk:-0}' -gt 0 ] && [ $((${tk:-0} * 2)) -gt '${tt:-0}' ]"
check "no grey or black made of four inks (balanced C, M, Y): ${cg:-?} found" test "${cg:-1}" -eq 0
sleep 1 # Ghostscript's own dates would differ now
$bin build --cmyk data/brochure.xml -o "$tmp/again.pdf" 2>/dev/null
check "two --cmyk builds are byte-identical" cmp "$pdf" "$tmp/again.pdf"
check "the CMYK edition passes preflight" $bin preflight "$pdf"
check "no temporary file left beside the output" test "$(leftovers)" -eq 0

# Without Ghostscript: an error naming the package, exit 3, no file.
PATH=/nonexistent $bin build --cmyk data/brochure.xml -o "$tmp/nogs.pdf" 2>"$tmp/nogs.err"
rc=$?
check "without gs: exit 3, no PDF, the message names the package" sh -c "[ $rc -eq 3 ] && [ ! -e '$tmp/nogs.pdf' ] && grep -q 'needs Ghostscript.*install the Debian package ghostscript' '$tmp/nogs.err'"

# A Ghostscript that gives up PDF/X (as it does for a file with links)
# says so only in its messages: that is an error, and no file is written.
mkdir "$tmp/fakegs"
cat >"$tmp/fakegs/gs" <<'SH'
#!/bin/sh
for a; do case $a in -sOutputFile=*) out=${a#-sOutputFile=} ;; esac; last=$a; done
cp "$last" "$out"
echo "GPL Ghostscript 10.00.0: Annotation (not TrapNet or PrinterMark) on page,"
echo " not permitted in PDF/X, reverting to normal PDF output"
SH
chmod +x "$tmp/fakegs/gs"
PATH=$tmp/fakegs:$PATH $bin build --cmyk data/brochure.xml -o "$tmp/fake.pdf" 2>"$tmp/fake.err"
rc=$?
check "Ghostscript reverting to plain PDF: exit 3, no PDF, said so" sh -c "[ $rc -eq 3 ] && [ ! -e '$tmp/fake.pdf' ] && grep -q 'could not keep to PDF/X' '$tmp/fake.err'"
check "and no temporary file left" test "$(leftovers)" -eq 0
finish cmyk
