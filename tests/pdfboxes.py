"""pdfboxes: where things stand on a PDF's pages, measured from the PDF.

boxes(pdf, rgb): the boxes (page, x0, y0, x1, y1, in pt from the page's
top-left corner) where a flat colour is painted, found in Poppler's render
of each page at 72 dpi (one pixel a point).
words(pdf): every word (page, x0, y0, x1, y1, text) from pdftotext
-bbox-layout.  Used by tests/t-floats.sh.
"""
import re
import subprocess
import tempfile
import os


def _ppm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():]


def _row_span(row, pix):
    """First and last pixel of `row` that is exactly `pix`, or None."""
    first = last = None
    i = row.find(pix)
    while i >= 0:
        if i % 3 == 0:
            first = i // 3
            break
        i = row.find(pix, i + 1)
    if first is None:
        return None
    i = row.rfind(pix)
    while i >= 0:
        if i % 3 == 0:
            last = i // 3
            break
        i = row.rfind(pix, 0, i + 2)
    return first, last


def boxes(pdf, rgb):
    """Bounding boxes of colour rgb (a 3-tuple), one per page holding it."""
    pix = bytes(rgb)
    out = []
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["pdftoppm", "-r", "72", pdf, os.path.join(d, "p")], check=True)
        files = sorted(os.listdir(d), key=lambda f: int(re.search(r"(\d+)\.ppm$", f).group(1)))
        for f in files:
            page = int(re.search(r"(\d+)\.ppm$", f).group(1))
            w, h, px = _ppm(os.path.join(d, f))
            y0 = y1 = x0 = x1 = None
            for y in range(h):
                s = _row_span(px[y * w * 3:(y + 1) * w * 3], pix)
                if not s:
                    continue
                y0 = y if y0 is None else y0
                y1 = y
                x0 = s[0] if x0 is None else min(x0, s[0])
                x1 = s[1] if x1 is None else max(x1, s[1])
            if y0 is not None:
                out.append((page, x0, y0, x1 + 1, y1 + 1))
    return out


def words(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True, text=True).stdout
    out = []
    for n, page in enumerate(xml.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            out.append((n, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                        float(m.group(4)), m.group(5)))
    return out
