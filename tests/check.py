#!/usr/bin/env python3
"""Checks on built PDFs for the test suite (standard library only).

  check.py words XML PDF [MIN]     every word of the XML body is in the PDF text, in order
  check.py seed SEED PDF [MIN]     the seed text's words are in the PDF text, in order
  check.py toc XML PDF             Sommaire numbers = pages where the sections start
  check.py cards XML PDF           each city card whole on one page; prints cards per page
  check.py pngdiff A.png B.png MAX fraction of differing pixels is at most MAX

Exit status 0 when the check holds; the reason is printed otherwise.
"""
import difflib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

PUNCT = ".,;:!?()[]«»\"'’‘“”…/–—*<>►➤"


def pdftext(pdf, first=None, last=None, layout=False):
    """The text in drawing order (-raw): plaquette draws in reading order,
    column after column, which pdftotext's own guess does not always follow."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    cmd += [pdf, "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def tokens(text, pdf_side=False):
    """Words for comparison: typographic apostrophes and spaces folded,
    hyphens removed (so that a word hyphenated at a line end joins back),
    punctuation at the edges dropped."""
    text = text.replace("’", "'").replace("\u00ad", "")
    if pdf_side:
        text = re.sub(r"[-\u2010]\s*\n\s*", "", text)
    text = text.replace("\u2010", "").replace("-", "")
    out = []
    for w in text.split():
        w = w.strip(PUNCT)
        if w:
            out.append(w)
    return out


def xml_words(path):
    """Words of the document body in document order: text, years, labels."""
    root = ET.parse(path).getroot()
    parts = []

    def walk(e):
        tag = e.tag
        if tag == "meta":
            return
        if tag in ("field", "address") and e.get("label"):
            parts.append(e.get("label"))
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tag == "ref" and c.get("years"):
                parts.append(c.get("years"))
            if c.tail:
                parts.append(c.tail)
        if tag == "project" and e.get("years"):
            pass  # printed after the title: compared loosely (see below)

    walk(root)
    return tokens(" ".join(parts))


def in_order(want, have):
    sm = difflib.SequenceMatcher(None, want, have, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    missing = []
    for tag, i1, i2, _, _ in sm.get_opcodes():
        if tag in ("delete", "replace"):
            missing.extend(want[i1:i2])
    return matched / max(1, len(want)), missing


def cmd_words(xml, pdf, minimum="1.0"):
    ratio, missing = in_order(xml_words(xml), tokens(pdftext(pdf), True))
    print(f"{ratio * 100:.2f}% of the XML's words are in the PDF in order")
    if missing:
        print("missing or out of order:", " ".join(missing[:40]))
    return ratio >= float(minimum)


def seed_words(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r">{3,}", " ", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*- ", " ", text)
    return tokens(text)


def cmd_seed(seed, pdf, minimum="0.995"):
    ratio, missing = in_order(seed_words(seed), tokens(pdftext(pdf), True))
    print(f"{ratio * 100:.2f}% of the seed's words are in the PDF in order")
    if missing:
        print("missing or out of order:", " ".join(missing[:40]))
    return ratio >= float(minimum)


def npages(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def flat(s):
    return " ".join(tokens(s, True))


def inline_text(e):
    """Text of an element with <br/> as a space."""
    parts = [e.text or ""]
    for c in e:
        parts.append(" " if c.tag == "br" else inline_text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def section_titles(xml):
    root = ET.parse(xml).getroot()
    out = []
    for s in root.iter("section"):
        toc = s.get("toc", "none")
        t = s.find("title")
        if toc != "none" and t is not None:
            out.append(flat(inline_text(t)))
    return out


def cmd_toc(xml, pdf):
    """Reads the Sommaire ("TITLE .... p. N") from the pages that hold it and
    checks each N is the first page (after the Sommaire) where TITLE appears."""
    n = npages(pdf)
    pages = [flat(pdftext(pdf, p)) for p in range(1, n + 1)]
    raw = [pdftext(pdf, p, layout=True) for p in range(1, n + 1)]
    ok = True
    found = 0
    for title in section_titles(xml):
        # the Sommaire page: the first page holding the title followed by a number
        num = None
        toc_page = None
        for p, text in enumerate(raw, 1):
            joined = flat(text)
            pos = joined.find(title)
            if pos < 0:
                continue
            m = re.search(r"p\.?\s*(\d+)", joined[pos + len(title):pos + len(title) + 40])
            if m:
                num, toc_page = int(m.group(1)), p
                break
        if num is None:
            print(f"no Sommaire entry with a page number for: {title}")
            ok = False
            continue
        start = next((p for p in range(toc_page + 1, n + 1) if title in pages[p - 1]), None)
        print(f"p. {num} (starts on {start}): {title}")
        found += 1
        if start != num:
            ok = False
    return ok and found > 0


def cmd_cards(xml, pdf):
    root = ET.parse(xml).getroot()
    n = npages(pdf)
    pages = [flat(pdftext(pdf, p)) for p in range(1, n + 1)]
    per_page = {}
    ok = True
    for c in root.iter("city"):
        name = flat(c.findtext("name"))
        body = " ".join(flat("".join(p.itertext())) for p in c.findall("p"))
        head = " ".join(body.split()[:8])
        tail = " ".join(body.split()[-8:])
        where = [p for p in range(1, n + 1)
                 if name in pages[p - 1] and head in pages[p - 1] and tail in pages[p - 1]]
        if not where:
            print(f"card {c.get('id')} is not whole on any page")
            ok = False
            continue
        per_page[where[0]] = per_page.get(where[0], 0) + 1
    print("cards per page:", " ".join(f"{p}:{k}" for p, k in sorted(per_page.items())))
    return ok


def png_gray(path):
    """Decodes an 8-bit grey or RGB PNG (as pdftoppm writes them)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        ln = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + ln]
        if kind == b"IHDR":
            w, h = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            depth, ctype = body[8], body[9]
            assert depth == 8 and ctype in (0, 2), "8-bit grey or RGB only"
            bpp = 1 if ctype == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + ln
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line[::bpp]))
        prev = line
    return w, h, rows


def cmd_pngdiff(a, b, maximum):
    wa, ha, ra = png_gray(a)
    wb, hb, rb = png_gray(b)
    if (wa, ha) != (wb, hb):
        print(f"sizes differ: {wa}x{ha} and {wb}x{hb}")
        return False
    diff = sum(1 for y in range(ha) for x in range(wa) if abs(ra[y][x] - rb[y][x]) > 48)
    frac = diff / (wa * ha)
    print(f"{frac * 100:.2f}% of the pixels differ")
    return frac <= float(maximum)


def main():
    cmds = {"words": cmd_words, "seed": cmd_seed, "toc": cmd_toc, "cards": cmd_cards,
            "pngdiff": cmd_pngdiff}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        print(__doc__)
        return 2
    return 0 if cmds[sys.argv[1]](*sys.argv[2:]) else 1


if __name__ == "__main__":
    sys.exit(main())
