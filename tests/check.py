#!/usr/bin/env python3
"""Checks on built PDFs for the test suite (standard library only).

  check.py words XML PDF [MIN]     every word of the XML body is in the PDF text, in order
  check.py seed SEED PDF [MIN]     the seed text's words are in the PDF text, in order
  check.py toc XML PDF             Sommaire numbers = pages where the sections start
  check.py cards XML PDF           each city card whole on one page; prints cards per page
  check.py pngdiff A.png B.png MAX fraction of differing pixels is at most MAX
  check.py structure XML PDF       tags, outline = Sommaire, internal links resolve (qpdf --json)

Exit status 0 when the check holds; the reason is printed otherwise.
"""
import difflib
import functools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

PUNCT = ".,;:!?()[]«»\"'’‘“”„‚‹›…/–—*<>►➤"
# page_tokens: a word hyphenated where a card's continuation heading follows
# ends with this mark (a private-use character no document carries)
HYPHEN_CUT = "\ue001"


def page_texts(pdf, layout=False):
    """The text of every page (one pdftotext call), page 1 first."""
    text = pdftext(pdf, layout=layout)
    return (text[:-1] if text.endswith("\f") else text).split("\f")


@functools.lru_cache(maxsize=8)
def pdftext(pdf, first=None, last=None, layout=False):
    """The text in drawing order (-raw): plaquette draws in reading order,
    column after column, which pdftotext's own guess does not always follow."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    cmd += [pdf, "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def pdf_joined(text):
    """PDF text with the words hyphenated at a line end joined back: a
    page's folio, drawn last, stands between a word broken at the foot of
    the page and its end on the next: it is dropped there."""
    text = text.replace("’", "'").replace("\u00ad", "")
    text = re.sub(r"\n\d+\n\f", "\n\f", text)
    # a word hyphenated at a page's foot whose end follows a card's
    # continuation heading ("► Name – continued") on the next page: the
    # heading first, then the word joined
    text = re.sub(r"(\S+)[-\u2010]\s*\n(\s*►[^\n]*\n)\s*(\S+)", r"\2\1\3", text)
    # plaquette's hyphen at a line end is U+2010; pdftotext may set the next
    # line after a space (the two columns' lines on one baseline)
    return re.sub(r"(?:[-\u2010]\s*\n|\u2010[ \t]+)\s*", "", text)


def page_tokens(pdf):
    """The words of every page (tokens), each page's folio (its number on
    the last line) dropped, a word hyphenated over two pages counted on the
    first."""
    mark = "\ue000"
    pages = []
    for i, t in enumerate(page_texts(pdf), 1):
        pages.append(re.sub(r"\n\s*%d\s*\n?\s*$" % i, "\n", t))
    text = mark.join(pages).replace("’", "'").replace("\u00ad", "")
    # (not over a card's continuation heading, "► Name": the word's first
    # half keeps a HYPHEN_CUT mark there, for checkgen to join it with the
    # first word after the heading)
    text = re.sub(r"(?:[-\u2010]\s*\n|\u2010[ \t]+)\s*(%s)?\s*(?=►)" % mark,
                  lambda m: HYPHEN_CUT + "\n" + (mark if m.group(1) else ""), text)
    text = re.sub(r"(?:[-\u2010]\s*\n|\u2010[ \t]+)\s*(%s)?\s*(\S*)" % mark,
                  lambda m: m.group(2) + (" " + mark if m.group(1) else ""), text)
    return [tokens(t) for t in text.split(mark)]


def tokens(text, pdf_side=False):
    """Words for comparison: typographic apostrophes and spaces folded,
    hyphens removed (so that a word hyphenated at a line end joins back),
    punctuation at the edges dropped."""
    text = text.replace("’", "'").replace("\u00ad", "").replace("\u2060", "")
    # a year range, typed "2017 - 2019" or "2017-2019", is printed "2017–2019"
    text = re.sub(r"(\d{4}) ?[-\u2013] ?(\d{4})", r"\1\2", text)
    if pdf_side:
        text = pdf_joined(text)
    # "12- 14" is one word whether or not a line ends after the hyphen
    text = re.sub(r"(\d)-\s+(?=\d)", r"\1-", text)
    text = text.replace("\u2010", "").replace("-", "")
    out = []
    for w in text.split():
        w = w.strip(PUNCT)
        if w.isdigit() and len(w) > 3:
            # a number in groups of three from the right: "250 000" is the
            # same words whether its space is kept, narrowed (and dropped by
            # pdftotext) or a line break
            out += [w[max(0, i - 3):i] for i in range(len(w), 0, -3)][::-1]
        elif w:
            out.append(w)
    return out


def xml_parts(path, owner_tag=None):
    """Texts of the document body in document order (text, years, labels),
    each with the element owner_tag it is inside (None outside one)."""
    root = ET.parse(path).getroot()
    parts = []

    def walk(e, owner):
        tag = e.tag
        if tag == "meta":
            return
        if tag == owner_tag:
            owner = e
        if tag in ("field", "address") and e.get("label"):
            parts.append((e.get("label"), owner))
        if e.text:
            parts.append((e.text, owner))
        for c in e:
            walk(c, owner)
            if c.tag == "ref" and c.get("years"):
                parts.append((c.get("years"), owner))
            if c.tail:
                parts.append((c.tail, owner))
        # a project's years are printed after its title: not compared

    walk(root, None)
    return parts


def xml_words(path):
    """Words of the document body in document order: text, years, labels."""
    return tokens(" ".join(t for t, _ in xml_parts(path)))


def xml_words_owned(path, owner_tag):
    """xml_words and, for each word, the owner_tag element it is in (a word
    joined over two texts, "265 <em>667</em>", belongs to the first's)."""
    parts = xml_parts(path, owner_tag)
    chars = []  # the owner of each character of the texts' words
    for text, owner in parts:
        chars += [owner] * sum(len(w) for w in tokens(text))
    words = tokens(" ".join(t for t, _ in parts))
    owners = []
    at = 0
    for w in words:
        owners.append(chars[min(at, len(chars) - 1)] if chars else None)
        at += len(w)
    return words, owners


def in_order(want, have):
    sm = difflib.SequenceMatcher(None, want, have, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    missing = []
    for tag, i1, i2, _, _ in sm.get_opcodes():
        if tag in ("delete", "replace"):
            missing.extend(want[i1:i2])
    return matched / max(1, len(want)), missing


def words_in_pdf(what, want, pdf, minimum):
    """Whether at least `minimum` of the words `want` are in the PDF, in order."""
    ratio, missing = in_order(want, tokens(pdftext(pdf), True))
    print(f"{ratio * 100:.2f}% of {what} words are in the PDF in order")
    if missing:
        print("missing or out of order:", " ".join(missing[:40]))
    return ratio >= float(minimum)


def cmd_words(xml, pdf, minimum="1.0"):
    return words_in_pdf("the XML's", xml_words(xml), pdf, minimum)


def seed_words(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r">{3,}", " ", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*- ", " ", text)
    return tokens(text)


def cmd_seed(seed, pdf, minimum="0.995"):
    return words_in_pdf("the seed's", seed_words(seed), pdf, minimum)


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
    # whole words only: a one-word title is not found inside a longer word
    pages = [" %s " % flat(t) for t in page_texts(pdf)]
    raw = page_texts(pdf, layout=True)
    ok = True
    found = 0
    # the edition's own "p." label (label name="page"), "p" when it has none
    label = next((flat(e.text or "") for e in ET.parse(xml).getroot().iter("label")
                  if e.get("name") == "page"), "p") or "p"
    after = re.compile(r"\s*%s\s*(\d+)(?!\S)" % re.escape(label))
    titles = section_titles(xml)
    for title in titles:
        # the Sommaire page: the first page holding the title followed by a number
        num = None
        toc_page = None
        for p, text in enumerate(raw, 1):
            joined = " %s " % flat(text)
            pos = joined.find(" %s " % title)
            if pos < 0:
                continue
            m = after.match(joined, pos + len(title) + 1)
            if m:
                num, toc_page = int(m.group(1)), p
                break
        if num is None:
            print(f"no Sommaire entry with a page number for: {title}")
            ok = False
            continue
        # a section may start on the Sommaire's own page, after it: the
        # title is there more often than the entries that hold it
        entries = sum(1 for t in titles if " %s " % title in " %s " % t)
        if pages[toc_page - 1].count(" %s " % title) > entries:
            start = toc_page
        else:
            start = next((p for p in range(toc_page + 1, n + 1) if " %s " % title in pages[p - 1]), None)
        print(f"p. {num} (starts on {start}): {title}")
        found += 1
        if start != num:
            ok = False
    return ok and found > 0


def cmd_cards(xml, pdf):
    root = ET.parse(xml).getroot()
    n = npages(pdf)
    pages = [flat(t) for t in page_texts(pdf)]
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


def qpdf_objects(pdf):
    out = subprocess.run(["qpdf", "--json=2", pdf], check=True, capture_output=True).stdout
    objs = json.loads(out)["qpdf"][1]
    return {k[4:]: (v.get("value") if isinstance(v, dict) and "value" in v else v)
            for k, v in objs.items() if k.startswith("obj:")}


def qstr(v):
    return v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v


def cmd_structure(xml, pdf):
    objs = qpdf_objects(pdf)
    cat = next(v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")
    ok = True
    kinds = {}
    for v in objs.values():
        if isinstance(v, dict) and v.get("/Type") == "/StructElem":
            kinds[v.get("/S")] = kinds.get(v.get("/S"), 0) + 1
    print("structure:", " ".join(f"{k[1:]}={n}" for k, n in sorted(kinds.items())))
    for need in ("/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Link"):
        if need not in kinds:
            print("missing structure element", need)
            ok = False
    if qstr(cat.get("/Lang")) is None:
        print("no /Lang")
        ok = False
    # outline: titles in order, level by nesting
    titles = []

    def walk(ref, depth):
        while ref:
            item = objs[ref]
            titles.append((depth, qstr(item.get("/Title"))))
            walk(item.get("/First"), depth + 1)
            ref = item.get("/Next")

    walk(objs[cat["/Outlines"]].get("/First"), 1) if "/Outlines" in cat else None
    want = section_titles(xml)
    got = [flat(t) for _, t in titles]
    print("outline:", " | ".join(got))
    if got != want:
        print("the outline does not mirror the Sommaire:", want)
        ok = False
    # internal links point at defined destinations
    dests = subprocess.run(["pdfinfo", "-dests", pdf], check=True, capture_output=True).stdout.decode()
    names = set(re.findall(r'"([^"]+)"\s*$', dests, re.M))
    internal = external = 0
    for v in objs.values():
        if isinstance(v, dict) and v.get("/Subtype") == "/Link":
            if "/Dest" in v:
                internal += 1
                if qstr(v["/Dest"]) not in names:
                    print("link to an undefined destination:", v["/Dest"])
                    ok = False
            elif "/A" in v:
                external += 1
    print(f"links: {internal} internal, {external} external")
    return ok and internal > 0 and external > 0


def cmd_boxes(pdf, bleed_mm="3"):
    """Every page: TrimBox 210 x 297 mm, BleedBox bleed_mm outside it,
    MediaBox around both."""
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", str(npages(pdf)), pdf],
                         check=True, capture_output=True).stdout.decode()
    boxes = {}
    for m in re.finditer(r"Page\s+(\d+)\s+(\w+Box):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out):
        boxes.setdefault(int(m.group(1)), {})[m.group(2)] = [float(m.group(i)) for i in range(3, 7)]
    b = float(bleed_mm) * 72 / 25.4
    ok = len(boxes) == npages(pdf)
    for page, bx in sorted(boxes.items()):
        t, bl, me = bx["TrimBox"], bx["BleedBox"], bx["MediaBox"]
        size = (round(t[2] - t[0], 1), round(t[3] - t[1], 1))
        grown = all(abs(x) < 0.05 for x in (t[0] - bl[0] - b, t[1] - bl[1] - b, bl[2] - t[2] - b, bl[3] - t[3] - b))
        inside = me[0] <= bl[0] and me[1] <= bl[1] and me[2] >= bl[2] and me[3] >= bl[3]
        if size != (595.3, 841.9) or not grown or not inside:
            print(f"page {page}: trim {size}, bleed ok {grown}, media around {inside}")
            ok = False
    print(f"{len(boxes)} pages checked")
    return ok


def main():
    cmds = {"structure": cmd_structure, "boxes": cmd_boxes,"words": cmd_words, "seed": cmd_seed, "toc": cmd_toc, "cards": cmd_cards,
            "pngdiff": cmd_pngdiff}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        print(__doc__)
        return 2
    return 0 if cmds[sys.argv[1]](*sys.argv[2:]) else 1


if __name__ == "__main__":
    sys.exit(main())
