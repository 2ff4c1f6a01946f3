#!/usr/bin/env python3
"""pdfupdate.py PDF: what a reader finds in a PDF's document-level objects
and page boxes, read with qpdf --json (standard library only), one fact a
line, for tests/t-outputs.sh:

  sections N        cross-reference sections (raw bytes: 'startxref' count)
  prev yes|no       the last trailer has /Prev (an incremental update)
  id HEX HEX        the trailer's /ID, both strings
  lang L            the catalog's /Lang
  info KEY VALUE    Info's /Title /Producer /CreationDate /ModDate
  pages N           the page count
  trim DX DY DW DH  the TrimBox against the MediaBox, in pt (rounded to
                    0.01): left and bottom insets, right and top insets;
                    one line per distinct value, 'trim none' if a page has
                    no TrimBox
  bleed ...         the same for the BleedBox
  figures N ALT     Figures of the structure tree, how many carry /Alt
"""
import json
import re
import subprocess
import sys


def deref(objs, v):
    while isinstance(v, str) and v.endswith(" R"):
        o = objs["obj:" + v]
        v = o.get("value", o.get("stream", {}).get("dict"))
    return v


def text(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return v[2:]
    return v


def insets(box, media):
    if box is None:
        return "none"
    b = [float(x) for x in box]
    m = [float(x) for x in media]
    d = [round(x, 2) + 0.0 for x in (b[0] - m[0], b[1] - m[1], m[2] - b[2], m[3] - b[3])]
    return "%.2f %.2f %.2f %.2f" % tuple(d)


def figures(objs, node, depth=0):
    """(Figures, with /Alt) under node, depth first through /K."""
    node = deref(objs, node)
    if depth > 64:
        return 0, 0
    if isinstance(node, list):
        n = a = 0
        for k in node:
            x, y = figures(objs, k, depth + 1)
            n, a = n + x, a + y
        return n, a
    if not isinstance(node, dict):
        return 0, 0
    n = a = 0
    if node.get("/S") == "/Figure":
        n, a = 1, int("/Alt" in node)
    if "/K" in node:
        x, y = figures(objs, node["/K"], depth + 1)
        n, a = n + x, a + y
    return n, a


def main():
    pdf = sys.argv[1]
    raw = open(pdf, "rb").read()
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf],
                                  check=True, capture_output=True).stdout)
    objs = j["qpdf"][1]
    trailer = objs["trailer"]["value"]
    print("sections", len(re.findall(rb"startxref", raw)))
    tail = raw[raw.rfind(b"trailer"):]
    print("prev", "yes" if b"/Prev" in tail else "no")
    ids = trailer.get("/ID") or []
    print("id", " ".join(text(x) for x in ids))
    root = deref(objs, trailer["/Root"])
    print("lang", text(root.get("/Lang", "none")))
    info = deref(objs, trailer.get("/Info")) or {}
    for k in ("/Title", "/Producer", "/CreationDate", "/ModDate"):
        print("info", k[1:], text(info.get(k, "none")))
    print("pages", len(j["pages"]))
    for key, name in (("/TrimBox", "trim"), ("/BleedBox", "bleed")):
        seen = []
        for p in j["pages"]:
            o = deref(objs, p["object"])
            v = insets(deref(objs, o.get(key)), deref(objs, o["/MediaBox"]))
            if v not in seen:
                seen.append(v)
        for v in seen:
            print(name, v)
    n, a = figures(objs, root.get("/StructTreeRoot"))
    print("figures", n, a)


if __name__ == "__main__":
    main()
