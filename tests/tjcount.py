#!/usr/bin/env python3
"""tjcount.py PDF [--pages] [--scales]: how a PDF positions its glyphs,
read with qpdf --json (standard library only).

Counts, over the content streams of every page and of the form XObjects
they use, the text show operators and the numbers inside TJ arrays (each
one a position adjustment written between two glyph strings), and the
glyphs shown.  Prints one line:

  tj-numbers N tj-arrays A shows S glyphs G

--pages adds one line a page: "page P tj-numbers N glyphs G".
--scales adds one line for each distinct text matrix scale (Tm's a and
d: the font size and how much wider its glyphs are drawn), most used
first: "scale SIZE XSCALE USES" (XSCALE = a / |d|, 6 decimals).
"""
import base64
import json
import re
import subprocess
import sys

TOK = re.compile(rb"%[^\r\n]*|/[^\s/\[\]()<>{}%]*|\(|<[0-9a-fA-F\s]*>|\[|\]|<<|>>|"
                 rb"[^\s/\[\]()<>{}%]+")
NUM = re.compile(rb"[-+]?(\d+\.?\d*|\.\d+)")


def literal(data, i):
    """The end (index after ')') and the byte count of the literal string
    starting at data[i] == '('."""
    depth, n, i = 1, 0, i + 1
    while i < len(data) and depth:
        c = data[i:i + 1]
        if c == b"\\":
            i += 1
            if data[i:i + 1].isdigit():
                j = i
                while j < i + 3 and data[j:j + 1].isdigit():
                    j += 1
                i = j - 1
        elif c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if not depth:
                break
        n += 1
        i += 1
    return i + 1, n


def glyphs_of(tok, two_byte):
    """Glyphs in one string token: hex digits / 2 or / 4, literal bytes."""
    if tok[:1] == b"<":
        digits = len(re.sub(rb"\s", b"", tok[1:-1]))
        return digits // (4 if two_byte else 2)
    return tok_len(tok) // (2 if two_byte else 1)


def tok_len(tok):
    return literal(tok, 0)[1]


def scan(data, counts, fonts):
    """Adds data's text operators to counts; fonts maps resource names to
    True for two-byte (composite) fonts."""
    i, ops, arr, two = 0, [], None, False
    scales = counts.setdefault("scales", {})
    while True:
        m = TOK.search(data, i)
        if not m:
            break
        t = m.group(0)
        if t == b"(":
            end, _ = literal(data, m.start())
            t = data[m.start():end]
            i = end
        else:
            i = m.end()
        if t[:1] == b"%":
            continue
        if t == b"[":
            arr = []
            continue
        if t == b"]" and arr is not None:
            ops.append(arr)
            arr = None
            continue
        if arr is not None:
            arr.append(t)
            continue
        if NUM.fullmatch(t) or t[:1] in b"/(<":
            ops.append(t)
            continue
        if t == b"Tm" and len(ops) >= 6 and all(isinstance(x, bytes) for x in ops[-6:]):
            a, d = float(ops[-6]), float(ops[-3])
            if d:
                key = ("%g" % abs(d), "%.6f" % (a / abs(d)))
                scales[key] = scales.get(key, 0) + 1
        if t == b"Tf" and len(ops) >= 2:
            two = fonts.get(ops[-2].decode("latin-1"), False)
        elif t == b"TJ" and ops and isinstance(ops[-1], list):
            counts["shows"] += 1
            counts["arrays"] += 1
            for x in ops[-1]:
                if NUM.fullmatch(x):
                    counts["numbers"] += 1
                else:
                    counts["glyphs"] += glyphs_of(x, two)
        elif t in (b"Tj", b"'", b'"') and ops:
            counts["shows"] += 1
            counts["glyphs"] += glyphs_of(ops[-1], two)
        ops = []


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_page = "--pages" in sys.argv[1:]
    want_scales = "--scales" in sys.argv[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf",
                                   "--json-stream-data=inline", "--decode-level=generalized",
                                   args[0]], check=True, capture_output=True).stdout)
    pages, objs = j["pages"], j["qpdf"][1]

    def deref(v):
        while isinstance(v, str) and v.endswith(" R"):
            o = objs["obj:" + v]
            v = o.get("value", o.get("stream", {}).get("dict"))
        return v

    def stream(ref):
        return base64.b64decode(objs["obj:" + ref]["stream"].get("data", ""))

    def fonts_of(res):
        out = {}
        for k, v in (deref((res or {}).get("/Font")) or {}).items():
            out[k] = (deref(v) or {}).get("/Subtype") == "/Type0"
        return out

    total = {"numbers": 0, "arrays": 0, "shows": 0, "glyphs": 0}
    scales = {}
    for n, p in enumerate(pages, 1):
        counts = {"numbers": 0, "arrays": 0, "shows": 0, "glyphs": 0, "scales": scales}
        res = deref(objs["obj:" + p["object"]]["value"].get("/Resources"))
        scan(b"\n".join(stream(c) for c in p["contents"]), counts, fonts_of(res))
        seen, todo = set(), [res]
        while todo:  # form XObjects, nested
            r = todo.pop() or {}
            for v in (deref(r.get("/XObject")) or {}).values():
                if v in seen or not isinstance(v, str):
                    continue
                seen.add(v)
                d = objs["obj:" + v]["stream"]["dict"]
                if d.get("/Subtype") != "/Form":
                    continue
                fres = deref(d.get("/Resources")) or {}
                scan(stream(v), counts, fonts_of(fres))
                todo.append(fres)
        for k in total:
            total[k] += counts[k]
        if per_page:
            print("page %d tj-numbers %d glyphs %d" % (n, counts["numbers"], counts["glyphs"]))
    print("tj-numbers %d tj-arrays %d shows %d glyphs %d" %
          (total["numbers"], total["arrays"], total["shows"], total["glyphs"]))
    if want_scales:
        for (size, xs), uses in sorted(scales.items(), key=lambda kv: -kv[1]):
            print("scale %s %s %d" % (size, xs, uses))


if __name__ == "__main__":
    main()
