"""The text lines of a PDF as pdftotext -bbox-layout gives them, for the
typographic measures (tests/typo-measure.py, typo-rules.py, typo-feet.py,
tests/gen/checkgen.py): standard library and poppler only.

  pages(pdf, first, last)  [(page number, [block, ...]), ...], a block
                           being a list of Line
  parse(xml, first)        the same from pdftotext's output already read
  page_count(pdf)          pages, by pdfinfo
"""
import re
import subprocess
import xml.etree.ElementTree as ET

HYPHENS = ("-", "\u2010", "\u00ad")


class Line:
    """One line: its box (points, y down), its words in the order
    pdftotext gives them (x0, x1, text), and the same sorted left to
    right."""

    def __init__(self, e, page):
        self.page = page
        self.x0, self.x1 = float(e.get("xMin")), float(e.get("xMax"))
        self.y0, self.y1 = float(e.get("yMin")), float(e.get("yMax"))
        self.order = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                      for w in e.iter("word")]
        self.words = sorted(self.order)
        self.size = round(self.y1 - self.y0, 1)
        self.gaps = [b[0] - a[1] for a, b in zip(self.words, self.words[1:])]
        self.text = " ".join(w[2] for w in self.words)

    def hyphenated(self):
        """Whether the line ends with a hyphen, added or typed."""
        return bool(self.words) and self.words[-1][2].endswith(HYPHENS) and \
            len(self.words[-1][2]) > 1


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def bbox_text(pdf, first=None, last=None):
    """pdftotext -bbox-layout's output for pages first to last (all: None)."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox-layout"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last)]
    return subprocess.run(cmd + [pdf, "-"], check=True, capture_output=True).stdout.decode("utf-8")


def parse(xml, first=1):
    """[(page number, [block, ...])] from pdftotext -bbox-layout's output,
    its first page numbered `first`."""
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    out = []
    for n, p in enumerate(root.iter("page"), start=first):
        out.append((n, [[Line(l, n) for l in b.iter("line")] for b in p.iter("block")]))
    return out


def pages(pdf, first, last):
    return parse(bbox_text(pdf, first, last), first)
