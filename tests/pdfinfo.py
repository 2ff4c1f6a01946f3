#!/usr/bin/env python3
"""pdfinfo.py WHAT PDF: facts about a PDF's objects, read with qpdf --json
(standard library only), one line each, for the press tests.

  all-marks PDF   pages whose content draws in a Separation /All colour
                  space (registration colour), out of all pages: "N of M"
  annots PDF      the number of annotations on all pages
  intent PDF      the GTS_PDFX output intent: identifier, condition, the
                  profile's Info, and its /N
  cmyk PDF        the distinct DeviceCMYK fill colours ("c m y k" k) of all
                  pages and forms, one a line, most used first
  text-k PDF      text show operators on all pages: "N of M" drawn in 100 %
                  black ink alone (0 0 0 1 k, or 0 g) with fill overprint on
                  (an ExtGState with /op true in force, overprint mode 1)
  slug PDF        per page, the slug line's left edge from the TrimBox's
                  left edge in pt, the lowest of all pages ("min-inset X")
"""
import json
import re
import subprocess
import sys
import base64


def load(pdf):
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf",
                                   "--json-stream-data=inline", "--decode-level=generalized", pdf],
                                  check=True, capture_output=True).stdout)
    return j["pages"], j["qpdf"][1]


def deref(objs, v):
    while isinstance(v, str) and v.endswith(" R"):
        o = objs["obj:" + v]
        v = o.get("value", o.get("stream"))
    return v


def all_marks(pdf):
    pages, objs = load(pdf)
    n = 0
    for p in pages:
        page = objs["obj:" + p["object"]]["value"]
        res = deref(objs, page.get("/Resources")) or {}
        cs = deref(objs, res.get("/ColorSpace")) or {}
        names = []
        for k, v in cs.items():
            a = deref(objs, v)
            if isinstance(a, list) and len(a) >= 2 and a[0] == "/Separation" and a[1] == "/All":
                names.append(k)
        data = b"".join(base64.b64decode(objs["obj:" + c]["stream"].get("data", ""))
                        for c in p["contents"])
        if any(re.search(re.escape(k.encode()) + rb"\s+CS\s+1\s+SCN", data) for k in names):
            n += 1
    print("%d of %d" % (n, len(pages)))


def annots(pdf):
    pages, objs = load(pdf)
    n = 0
    for p in pages:
        a = deref(objs, objs["obj:" + p["object"]]["value"].get("/Annots")) or []
        n += len(a)
    print(n)


def slug(pdf):
    pages, objs = load(pdf)
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout.decode()
    lefts = []
    for i, pg in enumerate(re.findall(r"<page .*?</page>", out, re.S)):
        trim = objs["obj:" + pages[i]["object"]]["value"]["/TrimBox"]
        media = objs["obj:" + pages[i]["object"]]["value"]["/MediaBox"]
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', pg):
            if m.group(3).startswith("data/") and float(m.group(2)) > media[3] - trim[1]:
                lefts.append(float(m.group(1)) - (trim[0] - media[0]))
    print("slugs %d min-inset %.1f" % (len(lefts), min(lefts) if lefts else -1))


def intent(pdf):
    pages, objs = load(pdf)
    root = next(v["value"] for v in objs.values()
                if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog")
    for oi in deref(objs, root.get("/OutputIntents")) or []:
        oi = deref(objs, oi)
        if oi.get("/S") != "/GTS_PDFX":
            continue
        prof = objs["obj:" + oi["/DestOutputProfile"]]["stream"]["dict"]
        for k in ("/OutputConditionIdentifier", "/OutputCondition", "/Info"):
            print(k[1:], str(oi.get(k, ""))[2:])
        print("N", prof.get("/N"))


def cmyk(pdf):
    pages, objs = load(pdf)
    seen = {}
    for v in objs.values():
        st = v.get("stream") if isinstance(v, dict) else None
        if not st or "data" not in st:
            continue
        data = base64.b64decode(st["data"])
        for m in re.finditer(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) k\b", data):
            key = " ".join("%.2f" % float(x) for x in m.groups())
            seen[key] = seen.get(key, 0) + 1
    for k, n in sorted(seen.items(), key=lambda kv: -kv[1]):
        print(k)


def text_k(pdf):
    pages, objs = load(pdf)
    tok = re.compile(rb"/[^\s/\[\]()<>]+|\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>|\[|\]|[^\s/\[\]()<>]+")
    good = total = 0
    for p in pages:
        page = objs["obj:" + p["object"]]["value"]
        res = deref(objs, page.get("/Resources")) or {}
        egs = deref(objs, res.get("/ExtGState")) or {}
        data = b"".join(base64.b64decode(objs["obj:" + c]["stream"].get("data", ""))
                        for c in p["contents"])
        ops, fill, op, opm, stack = [], None, False, 0, []
        for t in tok.findall(data):
            if re.fullmatch(rb"[-+]?(\d+\.?\d*|\.\d+)", t) or t[:1] in b"/(<[]":
                ops.append(t)
                continue
            if t == b"q":
                stack.append((fill, op, opm))
            elif t == b"Q" and stack:
                fill, op, opm = stack.pop()
            elif t == b"gs" and ops:
                d = deref(objs, egs.get(ops[-1].decode("latin-1"))) or {}
                op = d.get("/op", d.get("/OP", op))
                opm = d.get("/OPM", opm)
            elif t in (b"k", b"g"):
                fill = tuple(float(x) for x in ops[-4 if t == b"k" else -1:])
            elif t in (b"rg", b"cs", b"sc", b"scn"):
                fill = None
            elif t in (b"Tj", b"TJ", b"'", b'"'):
                total += 1
                good += fill in ((0.0, 0.0, 0.0, 1.0), (0.0,)) and op is True and opm == 1
            ops = []
    print("%d of %d" % (good, total))


{"all-marks": all_marks, "text-k": text_k, "annots": annots, "slug": slug, "intent": intent, "cmyk": cmyk}[sys.argv[1]](sys.argv[2])
