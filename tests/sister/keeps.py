#!/usr/bin/env python3
"""keeps.py DOC.xml PDF: no heading ends a column (read from the PDF).

A heading (a list's lead, a project's composed title, a service's or a
sub-section's title) is kept with what follows it: a reader never finds
one as the last line of a column, its text at the top of the next.  For
each page, the PDF's text lines (pdftotext -bbox-layout, through
tests/typo_pdf.py) are grouped into columns by where they start; the last
line of each column is compared with the end of every heading of the
document (words compared without punctuation, so that "2019-2021" typed
matches "(2019–2021)" printed); every such heading has its own content
after it (the list's items, the project's text…).  Prints each offence;
exit 1 when there is one.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import typo_pdf  # noqa: E402

COLUMN_TOL = 6.0  # pt: lines starting this close belong to one column


def norm(text):
    return [w for w in (re.sub(r"\W", "", t) for t in text.split()) if w]


def flat(e):
    return " ".join("".join(e.itertext()).split()) if e is not None else ""


def headings(xml):
    """The words of each kept heading of the document."""
    root = ET.parse(xml).getroot()
    out = []
    for sec in root.iter("section"):
        for k in sec:
            if k.tag in ("section", "service"):  # a sub-section's, a service's title
                out.append(flat(k.find("title")))
            elif k.tag == "project":  # its composed title: name, title, years
                out.append(flat(k.find("name")) + " " + flat(k.find("title")) + " " + k.get("years", ""))
            elif k.tag == "list" and k.find("lead") is not None:
                out.append(flat(k.find("lead")))
    return [w for w in map(norm, out) if w]


def columns(lines):
    """Lines grouped by their left edge, each group in reading order."""
    cols = []
    for l in sorted(lines, key=lambda l: (l.x0, l.y0)):
        for c in cols:
            if abs(c[0].x0 - l.x0) <= COLUMN_TOL:
                c.append(l)
                break
        else:
            cols.append([l])
    return [sorted(c, key=lambda l: l.y0) for c in cols]


def toc_entry(line, lines):
    """A Sommaire entry: a line on the same baseline ends with its page
    number (the leader and number stand apart from the title)."""
    return any(o is not line and abs(o.y1 - line.y1) < 1.0 and o.x0 > line.x1
               and re.search(r"\d$", o.text) for o in lines)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    xml, pdf = argv[1:]
    heads = headings(xml)
    bad = 0
    n = typo_pdf.page_count(pdf)
    for page, blocks in typo_pdf.pages(pdf, 1, n):
        lines = [l for b in blocks for l in b if not re.fullmatch(r"\d+", l.text.strip())]
        for col in columns(lines):
            foot = norm(col[-1].text)
            if not foot or toc_entry(col[-1], lines):
                continue
            for words in heads:
                if len(words) < len(foot):
                    continue
                if words[-len(foot):] == foot and (len(foot) >= 2 or len(words) == 1):
                    print("p. %d: the heading \"%s\" ends a column (its last line \"%s\"); its text goes on in the next"
                          % (page, " ".join(words), col[-1].text))
                    bad += 1
                    break
    if not bad:
        print("%d headings: none ends a column" % len(heads))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
