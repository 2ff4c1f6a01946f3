"""The fill measure of a page, from the finished PDF (the rule of the style
sheet's <page min-fill>; plaquette aims at the same quantity, src/layout/fill.c).

Fill of a page = the share of its text area's height covered by content,
per column, averaged over the page's columns (a page whose lower part,
below a title, stands in other columns than its upper part, as a section
opening a region of its own template below the page's columns does, in
two bands, each over its own rows in its own columns, the bands added:
region_split):

  - a text line covers its box (pdftotext -bbox-layout: the font's ascent
    to its descent) in the column it stands in, whatever its length; a line
    across several columns (a spanning title) covers each of them;
  - a tinted ground (a card's) covers the rows where it takes at least half
    the column's width (Ghostscript renders the page without its text,
    -dFILTERTEXT, 36 dpi: a row is covered where it has a run of non-white
    pixels half the column wide);
  - a picture covers its rows as a line does, whatever its width: each run
    of its pixels in a row (Ghostscript renders the page's pictures alone,
    -dFILTERTEXT -dFILTERVECTOR) counts in the column it stands in by half
    its own width or more;
  - rules (a title's chevrons) do not count: their broken ink is no run
    half a column wide;
  - the text area is the page less the template's top and bottom margins;
    what is in the margins (the folio) does not count; white between
    paragraphs and around headings does not count.

The page's template is not written in the PDF: it is read from the lines
among the sheet's non-fixed templates (choose_template).  A page of two
columns has lines starting in the second one and lines across the gutter
only at the top (a spanning title); a page of one column has lines across
the middle.  Only the lines in a template's text area tell (the folio in the
margin below would otherwise stand in a third column).  When no line starts in a later column, the template with
fewer columns is taken (the lenient reading: a column half as wide),
unless half its lines or more end near the right edge of a column before
the last: a page whose lines fill its first column only is read in its
columns, the later ones empty.

Standard library, pdftotext and Ghostscript only.
"""
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

DPI = 36
WHITE = 250          # a pixel darker than this is ink (grounds are light tints)
EDGE = 1.5           # pt: a line starting this near a column's left edge starts at it


def length_pt(v, default=0.0):
    """A style-sheet length ("18mm", "9pt", "2cm", "1in") in points."""
    if not v:
        return default
    m = re.match(r"^\s*(-?[0-9.]+)\s*(pt|mm|cm|in)?\s*$", v)
    if not m:
        return default
    return float(m.group(1)) * {"pt": 1, None: 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72}[m.group(2)]


class Sheet:
    """The page geometry of a style sheet: size, and each non-fixed
    template's columns, gutter and margins (the <page> values by default)."""

    def __init__(self, path):
        root = ET.parse(path).getroot()
        page = root.find("page")
        pg = page.attrib if page is not None else {}
        mm = 72 / 25.4
        self.w = length_pt(pg.get("width"), 210 * mm)
        self.h = length_pt(pg.get("height"), 297 * mm)
        dflt = {k: length_pt(pg.get(k), 20 * mm) for k in ("top", "bottom", "inner", "outer")}
        dflt["gutter"] = length_pt(pg.get("gutter"), 5 * mm)
        self.templates = []
        for t in root.iter("template"):
            if t.get("fixed") == "yes":
                continue
            g = dict(dflt)
            for k in g:
                if t.get(k):
                    g[k] = length_pt(t.get(k), g[k])
            g["columns"] = int(t.get("columns", "1"))
            g["name"] = t.get("name")
            self.templates.append(g)
        if not self.templates:
            self.templates.append(dict(dflt, columns=1, name="default"))

    def columns(self, t, page):
        """[(left, width)] of template t's columns on page number `page`
        (odd pages have the inner margin on the left)."""
        left = t["inner"] if page % 2 else t["outer"]
        n = t["columns"]
        w = (self.w - t["inner"] - t["outer"] - (n - 1) * t["gutter"]) / n
        return [(left + c * (w + t["gutter"]), w) for c in range(n)]


def bbox_lines(text):
    """pdftotext -bbox-layout's output: per page (width, height,
    [(x0, y0, x1, y1) of each line])."""
    pages = []
    for pm in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        lines = [tuple(float(x) for x in m.groups()) for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', pm.group(3))]
        pages.append((float(pm.group(1)), float(pm.group(2)), lines))
    return pages


def pdftotext_bbox(pdf):
    return subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8", "replace")


def grounds(pdf, pages=None, pictures_only=False):
    """Per page: (width_px, height_px, rows) of the page rendered without its
    text (with `pictures_only`, without its vector drawing either: its
    pictures alone), each row a bytes object with 1 where a pixel is ink,
    else 0; a list, page 1 first, or with `pages` (page numbers) a dict of
    those pages only (one Ghostscript run renders just them)."""
    pick = sorted(set(pages)) if pages is not None else None
    if pick == []:
        return {}
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dFILTERTEXT",
               "-sDEVICE=pgmraw", "-r%d" % DPI] + (["-dFILTERVECTOR"] if pictures_only else [])
        if pick is not None:
            cmd.append("-sPageList=" + ",".join(map(str, pick)))
        subprocess.run(cmd + ["-o", os.path.join(tmp, "p-%05d.pgm"), os.path.abspath(pdf)],
                       check=True, capture_output=True)
        ink = bytes(1 if b < WHITE else 0 for b in range(256))
        for name in sorted(os.listdir(tmp)):
            data = open(os.path.join(tmp, name), "rb").read()
            m = re.match(rb"P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+\d+\s", data)
            w, h = int(m.group(1)), int(m.group(2))
            body = data[m.end():].translate(ink)
            out.append((w, h, [body[r * w:(r + 1) * w] for r in range(h)]))
    if pick is None:
        return out
    if len(out) != len(pick):
        raise ValueError("Ghostscript rendered %d of pages %s" % (len(out), pick))
    return dict(zip(pick, out))


def choose_template(sheet, page, lines):
    """The template whose columns explain the page's lines best (see the
    module's docstring): lines crossing its gutters only above every other
    line (spanning titles stand at the top) and few of them (at most 3, or
    a quarter of the lines inside its text area: a page whose lines nearly
    all cross a template's gutters is not set in its columns, whatever short
    line stands below them), then
    the most columns lines start in, then the most lines inside its text
    area, then the most starting at a column's left edge, then half the
    lines or more ending near the right edge of a column before the last
    (in its last 15 %: the lines of a page whose later columns are empty;
    a page of short lines in one column has few such), then the fewest
    columns."""
    best, best_key = None, None
    for t in sheet.templates:
        cols = sheet.columns(t, page)
        used, inside, at_edge, at_right = {0}, 0, 0, 0
        cross_low, other_top, ncross = None, None, 0
        top, bottom = t["top"], sheet.h - t["bottom"]
        for x0, y0, x1, y1 in lines:
            if y1 <= top or y0 >= bottom:
                continue            # the folio and what else stands in a margin
            crosses = any(x0 < l - t["gutter"] / 2 < x1 for l, _ in cols[1:])
            if crosses:
                ncross += 1
                cross_low = y0 if cross_low is None else max(cross_low, y0)
            else:
                other_top = y0 if other_top is None else min(other_top, y0)
            if cols[0][0] - EDGE <= x0 and x1 <= cols[-1][0] + cols[-1][1] + EDGE:
                inside += 1
            for c, (l, w) in enumerate(cols):
                if abs(x0 - l) <= EDGE:
                    at_edge += 1
                if c < len(cols) - 1 and l + 0.85 * w <= x1 <= l + w + EDGE:
                    at_right += 1
                if c and l - EDGE <= x0 < l + w:
                    used.add(c)
        consistent = cross_low is None or (
            ncross <= max(3, inside // 4)
            and (other_top is None or cross_low < other_top))
        counted = inside or 1
        key = (consistent, len(used), inside, at_edge, 2 * at_right >= counted, -t["columns"])
        if best_key is None or key > best_key:
            best, best_key = t, key
    return best


def union(iv):
    total, end = 0.0, None
    for a, b in sorted(iv):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def picture_boxes(sheet, picture):
    """The boxes (x0, y0, x1, y1 in points) of the runs of picture pixels
    in each row of a pictures-only rendering (grounds(pictures_only=True))."""
    if not picture:
        return []
    gw, gh, rows = picture
    sx, sy = gw / sheet.w, gh / sheet.h
    return [(m.start() / sx, r / sy, m.end() / sx, (r + 1) / sy)
            for r, row in enumerate(rows) for m in re.finditer(b"\x01+", row)]


def region_split(sheet, page, lines):
    """Where a page's lower part, set in other columns than its upper one,
    starts (share-page: a section opening a region of its own template
    below the page's columns), or None: the top of the lowest title line
    (taller than 1.25 x the page's median line, at the text area's left
    edge, below other lines) at which the lines above and those below are
    best explained by templates of different columns (choose_template of
    each part), the part read in more columns having two lines or more
    starting at a later one's left edge (not numbers set flush right)."""
    inside = [l for l in lines if l[3] > sheet.templates[0]["top"] and
              l[1] < sheet.h - sheet.templates[0]["bottom"]]
    if len(inside) < 4:
        return None
    heights = sorted(l[3] - l[1] for l in inside)
    median = heights[len(heights) // 2]
    left = min(l[0] for l in inside)
    for y in sorted({l[1] for l in inside if l[3] - l[1] > 1.25 * median and
                     abs(l[0] - left) <= EDGE}, reverse=True):
        above = [l for l in inside if l[1] < y]
        below = [l for l in inside if l[1] >= y]
        if not above or not below:
            continue
        ta, tb = choose_template(sheet, page, above), choose_template(sheet, page, below)
        if ta["columns"] == tb["columns"]:
            continue
        # the part read in more columns shows them: two lines or more
        # starting at a later one's left edge (a short line or two read
        # so, or page numbers flush right, prove nothing)
        more, part = (ta, above) if ta["columns"] > tb["columns"] else (tb, below)
        cols = sheet.columns(more, page)
        later = sum(1 for x0, _, _, _ in part if any(abs(x0 - l) <= EDGE for l, _ in cols[1:]))
        if later >= 2:
            return y, ta, tb
    return None


def page_fill(sheet, page, lines, ground=None, picture=None):
    """(fill 0..1, template name, [fill of each column], number of text
    lines) of page number
    `page` with its text lines, its text-less rendering `ground` and its
    pictures-only rendering `picture`.  A page whose lower part stands in
    other columns than its upper one (region_split) is measured in the two
    bands, each in its own template's columns over its own rows, the
    bands' averages added (the template named is the lower band's; each
    column's fill holds the upper band's average and its own share below)."""
    split = region_split(sheet, page, lines)
    if split is None:
        t = choose_template(sheet, page, lines)
        return band_fill(sheet, page, t, lines, ground, picture, None, None)
    y, ta, tb = split
    upper = band_fill(sheet, page, ta, lines, ground, picture, None, y)
    lower = band_fill(sheet, page, tb, lines, ground, picture, y, None)
    per = [upper[0] + c for c in lower[2]]
    return upper[0] + lower[0], tb["name"], per, len(lines)


def band_fill(sheet, page, t, lines, ground, picture, band_top, band_bottom):
    """page_fill's tuple for template t, counting only the rows between
    band_top and band_bottom (None: the text area's edge), as shares of
    the whole text area's height."""
    cols = sheet.columns(t, page)
    top, bottom = t["top"], sheet.h - t["bottom"]
    height = bottom - top
    if band_top is not None:
        top = max(top, band_top)
    if band_bottom is not None:
        bottom = min(bottom, band_bottom)
    iv = [[] for _ in cols]
    for x0, y0, x1, y1 in list(lines) + picture_boxes(sheet, picture):
        a, b = max(y0, top), min(y1, bottom)
        if b <= a:
            continue
        for c, (l, w) in enumerate(cols):
            ov = min(x1, l + w) - max(x0, l)
            if ov > 0 and 2 * ov >= min(x1 - x0, w):
                iv[c].append((a, b))
    if ground:
        gw, gh, rows = ground
        sx, sy = gw / sheet.w, gh / sheet.h
        for c, (l, w) in enumerate(cols):
            p0, p1 = int(l * sx), int((l + w) * sx)
            run = b"\x01" * max(1, int(w * sx / 2))
            for r in range(max(0, int(top * sy)), min(gh, int(bottom * sy) + 1)):
                if run in rows[r][p0:p1]:
                    a, b = max(r / sy, top), min((r + 1) / sy, bottom)
                    if b > a:
                        iv[c].append((a, b))
    per = [union(v) / height for v in iv]
    return sum(per) / len(per), t["name"], per, len(lines)


def document_fills(pdf, sheet_path, text=None, with_grounds=True):
    """Per page (a list, page 1 first): page_fill's tuple.  `text` is
    pdftotext -bbox-layout's output when the caller has it already."""
    sheet = Sheet(sheet_path)
    pages = bbox_lines(text if text is not None else pdftotext_bbox(pdf))
    gr = grounds(pdf) if with_grounds else []
    pic = grounds(pdf, pictures_only=True) if with_grounds else []
    return [page_fill(sheet, p, lines, gr[p - 1] if p - 1 < len(gr) else None,
                      pic[p - 1] if p - 1 < len(pic) else None)
            for p, (_, _, lines) in enumerate(pages, 1)]


def fills_under(pdf, sheet_path, minimum, pages=None, text=None):
    """{page number: page_fill's tuple} of the pages (of `pages`, default
    all) whose fill is under `minimum`: the same figures as document_fills'
    for those pages, for less work.  Grounds only add to what the text
    lines cover, so a page whose lines alone reach the minimum passes
    whatever its grounds and pictures; Ghostscript renders only the pages
    left."""
    sheet = Sheet(sheet_path)
    lines = [l for _, _, l in bbox_lines(text if text is not None else pdftotext_bbox(pdf))]
    want = range(1, len(lines) + 1) if pages is None else [p for p in pages if 1 <= p <= len(lines)]
    low = {p: page_fill(sheet, p, lines[p - 1]) for p in want}
    low = {p: f for p, f in low.items() if f[0] < minimum}
    gr = grounds(pdf, low)
    pic = grounds(pdf, low, pictures_only=True)
    low = {p: page_fill(sheet, p, lines[p - 1], gr[p], pic[p]) for p in low}
    return {p: f for p, f in low.items() if f[0] < minimum}
