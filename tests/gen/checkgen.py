#!/usr/bin/env python3
"""checkgen.py DIR: the properties of one generated document, measured from
outside the program (pdftotext -raw and -bbox-layout, pdfinfo, qpdf).

DIR holds doc.xml and style.xml (tests/gen/gendoc.py), and what the build
left: doc.pdf, err (its standard error) and rc (its exit status).  Prints
one line per property, "NAME ok", "NAME FAIL: what was seen" or "NAME n/a:
why" (a property that cannot be measured, e.g. no PDF after a crash):

  exit       the build exited 0
  crash      no signal, no AddressSanitizer/UBSan report
  leftover   nothing left in DIR but the inputs, the PDF and the logs
  pdf        qpdf --check finds no damage
  words      every word of the XML is printed, in order
  once       nothing printed twice: every printed word not matched to the
             XML is a generated string (labels, Sommaire titles, numbers,
             a card's name where it continues)
  repeat8    no run of 8 words printed more often than the source has it
  blank      the blank pages the build announces are blank, before the back cover
  toc        the Sommaire's numbers are the pages where the sections start
  pages4     the page count is a multiple of the sheet's page multiple
  cards      every city card whole on one page, or split with each
             continuation opening with the card's name and the "continued" label
  images     every picture (<image>, <figure>) drawn once, at its pixel size
             or downsampled with its proportions kept
  foot       nothing between the covers runs past its text area's foot:
             no text line's box (pdftotext -bbox-layout) but the folio, no
             ground or picture (Ghostscript, without the text) between
             that foot and the folio
  span       each top-level section's title spans the page's columns
             wherever it falls (no text line beside it), at a page's top
             or below another section's text
  fill       no page between the covers under a quarter of its text
             area, unless it is an added blank page; the fill
             of a page is tests/fillmeasure.py's: the share of the text
             area's height covered by text lines (at their column's
             width), pictures and grounds, per column, averaged over the
             page's columns
  loose      of the justified lines between the covers, at most 1 % with
             word gaps over 1.5 x the natural space and none over 2 x
             (tests/typo-measure.py's measure, on the -bbox-layout output
             fill reads)

Standard library only; the word matching is tests/check.py's.
"""
import collections
import functools
import importlib.util
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import check  # noqa: E402  tests/check.py
import typo_pdf  # noqa: E402  tests/typo_pdf.py
import fillmeasure  # noqa: E402  tests/fillmeasure.py

import difflib  # noqa: E402

SAN = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")
EXPECTED = {"doc.xml", "style.xml", "doc.pdf", "err", "rc", "out", "checks"}
IMAGE_FILE = re.compile(r"img-[0-9]+\.(?:png|jpe?g)")  # the document's pictures (gendoc.py)
MIN_FILL = 0.25
LOOSE_PCT, LOOSE, VERY_LOOSE = 1.0, 1.5, 2.0


class Doc:
    def __init__(self, d):
        self.dir = d
        self.xml = os.path.join(d, "doc.xml")
        self.pdf = os.path.join(d, "doc.pdf")
        self.err = open(os.path.join(d, "err"), encoding="utf-8", errors="replace").read()
        self.rc = int(open(os.path.join(d, "rc")).read().strip() or "-1")
        self.root = ET.parse(self.xml).getroot()
        self.style = ET.parse(os.path.join(d, "style.xml")).getroot()

    def bbox_text(self):
        """pdftotext -bbox-layout's output, read once for every property."""
        if getattr(self, "_bbox", None) is None:
            self._bbox = typo_pdf.bbox_text(self.pdf)
        return self._bbox

    def labels(self):
        return {e.get("name"): (e.text or "") for e in self.root.iter("label")}

    def measure(self):
        """Page texts, page tokens (folio dropped), the alignment to the XML."""
        self.n = check.npages(self.pdf)
        self.ptoks = check.page_tokens(self.pdf)
        if len(self.ptoks) != self.n:
            raise ValueError("pdftotext gives %d pages, pdfinfo %d" % (len(self.ptoks), self.n))
        self.have, self.hpage = [], []
        for i, toks in enumerate(self.ptoks, 1):
            self.have += toks
            self.hpage += [i] * len(toks)
        self.want, self.owner = check.xml_words_owned(self.xml, "city")
        # a word hyphenated where a card splits has the continuation's
        # heading between its halves (check.page_tokens marks the first
        # half): join it with the first word after the heading's label
        cont = check.tokens(self.labels().get("continued", "")) or ["\0"]
        vocab = set(self.want)
        i = 0
        while i < len(self.have):
            w = self.have[i]
            if w.endswith(check.HYPHEN_CUT):
                w = w[:-1]
                j = i + 1
                for k in range(i + 1, min(len(self.have) - 1, i + 14)):
                    if self.have[k] == cont[-1]:
                        j = k + 1
                        break
                if j < len(self.have):
                    w += self.have[j]
                    del self.have[j]
                    del self.hpage[j]
                self.have[i] = w
            i += 1
        # a word wider than the measure is broken with no hyphen, and the
        # build says so: its pieces are joined back when together they
        # make a word of the XML and apart the first does not (never two
        # numbers: a Sommaire's page number and the number that follows it
        # are no broken word, "21" "1" is not "211")
        if "a word is wider than the measure" in self.err:
            i = 0
            while i + 1 < len(self.have):
                if self.have[i] not in vocab and self.have[i] + self.have[i + 1] in vocab and \
                        not (self.have[i].isdigit() and self.have[i + 1].isdigit()):
                    self.have[i] += self.have[i + 1]
                    del self.have[i + 1]
                    del self.hpage[i + 1]
                i += 1
        self.w2h = self.align_in_order()
        if self.w2h is None:
            sm = difflib.SequenceMatcher(None, self.want, self.have, autojunk=False)
            self.w2h = {}
            for b in sm.get_matching_blocks():
                for k in range(b.size):
                    self.w2h[b.a + k] = b.b + k
        self.matched_h = set(self.w2h.values())
        m = re.search(r"(\d+) blank page\(s\) added", self.err)
        self.announced = int(m.group(1)) if m else 0
        self.empty = [i for i, toks in enumerate(self.ptoks, 1) if not toks]


def align(d):
    """Fast path of the alignment: the XML's words matched in one pass, each
    printed word either the next word of the XML or one the program may add
    (generated_tokens).  An alignment that holds proves words and once; when
    this one does not, Doc.measure falls back to difflib's, which finds what
    is missing or extra."""
    gen = generated_tokens(d)
    w2h, i = {}, 0
    for j, w in enumerate(d.have):
        if i < len(d.want) and w == d.want[i]:
            w2h[i] = j
            i += 1
        elif w not in gen and not re.fullmatch(r"[0-9]+", w):
            return None
    return w2h if i == len(d.want) else None


Doc.align_in_order = align


def prop_words(d):
    ratio = len(d.w2h) / max(1, len(d.want))
    if ratio >= 1.0:
        return True, "%d words" % len(d.want)
    missing = [d.want[i] for i in range(len(d.want)) if i not in d.w2h]
    return False, "%.2f%% of %d words printed in order; missing or out of order: %s" % (
        ratio * 100, len(d.want), " ".join(missing[:12]))


def generated_tokens(d):
    """Words the program may print besides the XML's: labels, the Sommaire's
    titles, a card's name and country at its continuation."""
    g = set()
    for t in d.labels().values():
        g.update(check.tokens(t))
    for t in check.section_titles(d.xml):
        g.update(t.split())
    for c in d.root.iter("city"):  # a continuation's heading: name (country)
        for part in ("name", "country"):
            g.update(check.tokens(check.inline_text(c.find(part))))
    return g


def prop_once(d):
    g = generated_tokens(d)
    extra = [(d.have[i], d.hpage[i]) for i in range(len(d.have))
             if i not in d.matched_h and d.have[i] not in g and not re.fullmatch(r"[0-9]+", d.have[i])]
    if not extra:
        return True, ""
    pages = sorted({p for _, p in extra})
    return False, "%d printed words the XML does not have there (pages %s): %s" % (
        len(extra), ",".join(map(str, pages[:10])), " ".join(w for w, _ in extra[:12]))


def grams(seq, n=8):
    return collections.Counter(tuple(seq[i:i + n]) for i in range(len(seq) - n + 1))


def prop_repeat8(d):
    src = grams(d.want)
    for t in check.section_titles(d.xml):  # each title's copy in the Sommaire
        src.update(grams(t.split()))
    pdf = grams(d.have)
    bad = [(g, k, src[g]) for g, k in pdf.items() if src[g] and k > src[g]]
    if not bad:
        return True, ""
    g, k, s = bad[0]
    where = [d.hpage[i] for i in range(len(d.have) - 7) if tuple(d.have[i:i + 8]) == g]
    return False, "%d runs of 8 words printed more often than the source has them, e.g. \"%s\" %d times (source %d) on pages %s" % (
        len(bad), " ".join(g), k, s, ",".join(map(str, where[:6])))


def prop_blank(d):
    if not d.announced:
        return None, "no blank page announced"
    back = d.n if d.root.find("backcover") is not None else d.n + 1
    want = list(range(back - d.announced, back))
    if all(p in d.empty for p in want):
        return True, "pages %s" % ",".join(map(str, want))
    full = [p for p in want if p not in d.empty]
    return False, "%d blank page(s) announced before the back cover, but pages %s hold text: %s" % (
        d.announced, ",".join(map(str, full)), " ".join(d.ptoks[full[0] - 1][:10]))


def prop_toc(d):
    if d.root.find("contents") is None or not check.section_titles(d.xml):
        return None, "no Sommaire (no contents element or no section listed)"
    out = io.StringIO()
    with redirect_stdout(out):
        ok = check.cmd_toc(d.xml, d.pdf)
    bad = [line for line in out.getvalue().splitlines()
           if line.startswith("no ") or re.match(r"p\. (\d+) \(starts on (?!\1\))", line)]
    return ok, "; ".join(bad[:4])


def prop_pages4(d):
    page = d.style.find("page")
    mult = int(page.get("multiple", "1")) if page is not None else 1
    return d.n % mult == 0, "%d pages, multiple of %d" % (d.n, mult)


def prop_cards(d):
    cities = [c for c in d.root.iter("city")]
    if not cities:
        return None, "no city card"
    cont = check.tokens(d.labels().get("continued", ""))
    lab = max([len(check.tokens(t)) for t in d.labels().values()] + [0])
    by = collections.defaultdict(list)
    for i, o in enumerate(d.owner):
        if o is not None and i in d.w2h:
            by[o.get("id")].append(d.w2h[i])
    bad = []
    split = 0
    for c in cities:
        hs = sorted(by.get(c.get("id"), []))
        pages = sorted({d.hpage[h] for h in hs})
        if len(pages) <= 1:
            continue
        split += 1
        name = check.tokens(check.inline_text(c.find("name")))
        if pages != list(range(pages[0], pages[-1] + 1)):
            bad.append("%s on pages %s" % (c.get("id"), pages))
            continue
        for q in pages[1:]:
            first = min(h for h in hs if d.hpage[h] == q)
            start = d.hpage.index(q)
            # the card may go on with a field whose label (not the card's
            # own words) stands between the heading and its first word
            window = d.have[max(start, first - len(name) - len(cont) - 4 - lab):first]
            if not subseq(name + cont, window):
                bad.append("%s continues on p. %d with \"%s\", not its name and \"%s\"" % (
                    c.get("id"), q, " ".join(d.have[first:first + 6]), " ".join(cont)))
    if bad:
        nbad = len({b.split()[0] for b in bad})
        return False, "%d of %d split cards: %s" % (nbad, split, "; ".join(bad[:3]))
    return True, "%d cards, %d split" % (len(cities), split)


def prop_images(d):
    """Every picture of the document drawn once (pdfimages -list: one row a
    placement), at its file's pixel size or downsampled (the sheet's
    <images> screen-ppi) with its proportions kept, those of the templates'
    slots too (a cover photo: drawn whole, clipped to its slot).  PNG and
    JPEG pictures (picture_size); an SVG or PDF picture is drawn as
    vectors, not counted."""
    want = [(e, picture_size(os.path.join(d.dir, e.get("src")))) for e in d.root.iter("image")]
    want = [(e, wh) for e, wh in want if wh]
    if not want:
        return None, "no picture"
    out = subprocess.run(["pdfimages", "-list", d.pdf], check=True, capture_output=True).stdout.decode()
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    drawn = [(int(r[3]), int(r[4])) for r in rows if r[2] == "image"]
    missing = []
    for e, (w, h) in want:
        fit = [k for k, (W, H) in enumerate(drawn)
               if W <= w and H <= h and abs(W * h - H * w) <= 0.02 * w * h]
        if fit:
            # the largest such drawing is this picture's
            del drawn[max(fit, key=lambda k: drawn[k][0] * drawn[k][1])]
        else:
            missing.append("%s (%dx%d)" % (e.get("src"), w, h))
    if not missing and not drawn:
        return True, "%d pictures" % len(want)
    return False, "%d pictures in the document; not drawn: %s; drawn and not in the document: %s" % (
        len(want), ", ".join(missing) or "none", drawn or "none")


def picture_size(path):
    """(width, height) in pixels of a PNG (its IHDR) or a JPEG (its first
    start-of-frame marker); None for any other file (SVG, PDF)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("%s: a JPEG marker expected at byte %d" % (path, i))
        m = data[i + 1]
        if m == 0xFF:  # fill byte
            i += 1
            continue
        if m in (0xD8, 0x01) or 0xD0 <= m <= 0xD7:  # markers without a length
            i += 2
            continue
        # SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC): height, width
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
    raise ValueError("%s: a JPEG without a start-of-frame marker" % path)


def subseq(need, seq):
    it = iter(seq)
    return all(any(x == y for y in it) for x in need)


def prop_fill(d):
    """tests/fillmeasure.py's fill of every page between the covers (the
    added blank pages excepted) at least a quarter: the share of the text area's height covered by text
    lines, pictures and grounds, per column, averaged over the columns."""
    minimum = MIN_FILL
    first = 2 if d.root.find("cover") is not None else 1
    last = d.n - 1 if d.root.find("backcover") is not None else d.n
    blanks = set(d.empty[-d.announced:]) if d.announced else set()
    pages = [p for p in range(first, last + 1) if p not in blanks]
    under = fillmeasure.fills_under(d.pdf, os.path.join(d.dir, "style.xml"), minimum, pages,
                                    text=d.bbox_text())
    low = ["p. %d %d%%" % (p, f[0] * 100) for p, f in under.items()]
    if low:
        return False, "%d pages under %d%% of the text area: %s" % (
            len(low), round(minimum * 100), ", ".join(low[:8]))
    return True, "pages %d-%d" % (first, last)


FOOT_TOL = 1.5  # pt: what a line box or a ground may pass the text area's foot by
GROUND_NEAR = 12.0  # pt: a ground ends at most its padding and this below its last line's box


def prop_span(d):
    """Each top-level section's title (a spanning style, section-title, in
    the series' sheets) spans the page's columns wherever it falls: no
    other text line stands beside its first line (pdftotext -bbox-layout:
    a line left or right of it sharing half its height), whether the section opens a
    page or starts below another's text.  Its last printing is the one
    measured (the Sommaire lists it before)."""
    titles = [check.tokens(check.inline_text(s.find("title"))) for s in d.root.findall("section")
              if s.find("title") is not None]
    titles = [t for t in titles if t]
    if not titles:
        return None, "no section title"
    pages = typo_pdf.parse(d.bbox_text())
    lines = [(p, [l for b in blocks for l in b]) for p, blocks in pages]
    bad = []
    for t in titles:
        where = None
        for p, here in lines:
            for l in here:
                w = check.tokens(l.text)
                if w and t[:len(w)] == w and (len(w) >= 2 or len(t) == 1):
                    where = (p, l, here)
        if where is None:
            continue  # not found as a line of its own (the words check says more)
        p, l, here = where
        beside = [o for o in here if o is not l and (o.x0 >= l.x1 or o.x1 <= l.x0) and
                  min(o.y1, l.y1) - max(o.y0, l.y0) > min(o.y1 - o.y0, l.y1 - l.y0) / 2]
        if beside:
            bad.append("p. %d: \"%s\" has \"%s\" beside it" % (p, l.text[:30], beside[0].text[:30]))
    if bad:
        return False, "%d of %d section titles do not span: %s" % (len(bad), len(titles), "; ".join(bad[:3]))
    return True, "%d section titles" % len(titles)


def image_pages(pdf):
    """The pages pdfimages -list shows a picture on."""
    out = subprocess.run(["pdfimages", "-list", pdf], check=True, capture_output=True).stdout.decode()
    return {int(r.split()[0]) for r in out.splitlines()[2:] if r.strip()}


def prop_foot(d):
    """Nothing set between the covers runs past the foot of its page's text
    area (the page less its template's bottom margin, the template read
    from the lines as tests/fillmeasure.py reads it), the added blank pages
    excepted: no text line's box (pdftotext -bbox-layout) but the folio,
    and no ground or picture (Ghostscript, the page rendered without its
    text) in the band between the text area's foot and the folio.  Only
    the pages where one could be are rendered: those holding a picture
    (pdfimages) and, when the sheet tints a ground (a style with a
    background: the cards'), those where a line ends within a ground's
    padding (the sheet's largest) of the foot and a card's words are
    printed (every page, when a style other than a card's has a ground)."""
    first = 2 if d.root.find("cover") is not None else 1
    last = d.n - 1 if d.root.find("backcover") is not None else d.n
    blanks = set(d.empty[-d.announced:]) if d.announced else set()
    pages = [p for p in range(first, last + 1) if p not in blanks]
    if not pages:
        return None, "no page between the covers"
    sheet = fillmeasure.Sheet(os.path.join(d.dir, "style.xml"))
    tinted = [s for s in d.style.iter("style") if s.get("background")]
    pad = max([fillmeasure.length_pt(s.get("padding")) for s in tinted] + [0.0])
    cards = {d.hpage[d.w2h[i]] for i, o in enumerate(d.owner) if o is not None and i in d.w2h}
    if any(s.get("name") != "city-card" for s in tinted):
        cards = set(pages)
    lines = {p: [l for b in blocks for l in b] for p, blocks in typo_pdf.parse(d.bbox_text())}
    pictured = image_pages(d.pdf) if d.root.find(".//image") is not None else set()
    bad, band = [], {}
    for p in pages:
        here = lines.get(p, [])
        t = fillmeasure.choose_template(sheet, p, [(l.x0, l.y0, l.x1, l.y1) for l in here])
        foot = sheet.h - t["bottom"]
        cols = sheet.columns(t, p)
        # the folio: digits alone, standing in the bottom margin (its box
        # may reach a little above the foot: a large folio, a small margin)
        folio = [l for l in here if (l.y0 + l.y1) / 2 > foot and re.fullmatch(r"[0-9]+", l.text)]
        body = [l for l in here if l not in folio]
        over = [l for l in body if l.y1 > foot + FOOT_TOL]
        if over:
            l = max(over, key=lambda l: l.y1)
            bad.append("p. %d: a text line %.1f pt past the foot (\"%s\")" % (p, l.y1 - foot, l.text[:40]))
        elif p in pictured or (tinted and p in cards and
                               any(l.y1 > foot - pad - GROUND_NEAR for l in body)):
            band[p] = (foot, min([l.y0 for l in folio] + [sheet.h]),
                       cols[0][0], cols[-1][0] + cols[-1][1])
    gr = fillmeasure.grounds(d.pdf, band)
    for p, (foot, end, left, right) in sorted(band.items()):
        gw, gh, rows = gr[p]
        sx, sy = gw / sheet.w, gh / sheet.h
        r0, r1 = int((foot + FOOT_TOL) * sy) + 1, int(end * sy) - 1
        x0, x1 = max(0, int(left * sx)), min(gw, int(right * sx) + 1)
        inked = [r for r in range(r0, r1) if 1 in rows[r][x0:x1]]
        if inked:
            bad.append("p. %d: a ground or picture down to %.1f pt past the foot" % (
                p, (inked[-1] + 1) / sy - foot))
    if bad:
        return False, "%d pages run past their text area's foot: %s" % (len(bad), "; ".join(sorted(bad, key=lambda b: int(b.split()[1].rstrip(":")))[:4]))
    return True, "pages %d-%d, %d rendered" % (first, last, len(band))


@functools.lru_cache(maxsize=1)
def typo_measure():
    """tests/typo-measure.py as a module (its name has a hyphen), loaded once."""
    spec = importlib.util.spec_from_file_location(
        "typo_measure", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "typo-measure.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def prop_loose(d):
    first = 2 if d.root.find("cover") is not None else 1
    last = d.n - 1 if d.root.find("backcover") is not None else d.n
    pages = [p for p in typo_pdf.parse(d.bbox_text()) if first <= p[0] <= last]
    rows = typo_measure().measure_pages(pages)[0]
    if not rows:
        return None, "no justified line"
    loose = sorted(((r, l) for r, l in rows if r > LOOSE), key=lambda x: -x[0])
    very = sum(1 for r, _ in loose if r > VERY_LOOSE)
    pct = 100.0 * len(loose) / len(rows)
    why = "%.1f %% of %d justified lines over %.1f x natural, %d over %.1f x (worst %.2f, p. %d)" % (
        pct, len(rows), LOOSE, very, VERY_LOOSE, loose[0][0] if loose else 0, loose[0][1].page if loose else 0)
    return pct <= LOOSE_PCT and very == 0, why


def properties(path):
    """The lines checkgen prints for the document in folder `path`."""
    d = Doc(path)
    res = []
    res.append(("exit", d.rc == 0, "exit status %d: %s" % (d.rc, first_error(d.err)) if d.rc else ""))
    san = SAN.search(d.err)
    res.append(("crash", not san and 0 <= d.rc < 128,
                "killed by signal %d" % (d.rc - 128) if d.rc >= 128 else (san.group(0) if san else "")))
    extra = sorted(f for f in set(os.listdir(d.dir)) - EXPECTED if not IMAGE_FILE.fullmatch(f))
    res.append(("leftover", not extra, "left in the output folder: " + " ".join(extra)))
    have_pdf = os.path.exists(d.pdf) and d.rc == 0
    props = [("pdf", None), ("words", prop_words), ("once", prop_once), ("repeat8", prop_repeat8),
             ("blank", prop_blank), ("toc", prop_toc), ("pages4", prop_pages4),
             ("cards", prop_cards), ("images", prop_images), ("foot", prop_foot), ("span", prop_span), ("fill", prop_fill),
             ("loose", prop_loose)]
    if have_pdf:
        q = subprocess.run(["qpdf", "--check", d.pdf], capture_output=True)
        res.append(("pdf", q.returncode == 0, q.stdout.decode(errors="replace").strip().splitlines()[-1:]))
        try:
            d.measure()
        except Exception as e:  # a PDF the tools cannot read is a finding
            res.append(("words", False, "cannot read the PDF: %s" % e))
            have_pdf = False
    for name, fn in props:
        if name == "pdf":
            if not have_pdf and not any(r[0] == "pdf" for r in res):
                res.append(("pdf", None, "no PDF"))
            continue
        if not have_pdf:
            if not any(r[0] == name for r in res):
                res.append((name, None, "no PDF"))
            continue
        ok, why = fn(d)
        res.append((name, ok, why))
    lines = []
    for name, ok, why in res:
        if isinstance(why, list):
            why = " ".join(why)
        state = "n/a" if ok is None else ("ok" if ok else "FAIL")
        lines.append(("%s %s: %s" % (name, state, why)) if why and not ok else "%s %s" % (name, state))
    return lines


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: checkgen.py DIR\n")
        return 2
    for line in properties(argv[1]):
        print(line)
    return 0


def first_error(err):
    for line in err.splitlines():
        if "error" in line or "ERROR" in line:
            return line.strip()[:200]
    return (err.strip().splitlines() or [""])[-1][:200]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
