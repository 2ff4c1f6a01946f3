#!/usr/bin/env python3
"""Hyphens at the feet of columns and pages, read from a PDF (standard
library and poppler's pdftotext only).

  typo-feet.py PDF [--pages FIRST-LAST] [--turns MAX] [--feet MAX] [--list]

A line (pdftotext -bbox-layout) ending with a hyphen, added or typed, is
at a column's foot when no line starts below it, overlapping it across,
within one of its heights: the rest of its word is in another column.
It is at a page turn when the page is a right-hand one (odd) and no line
of the page lies to its right unless far below (the footer): the reader
turns the leaf to read the word's end.  Prints both counts; with --turns
or --feet exits 1 when there are more.  Pages: 2 to the last but one by
default (the covers are not running text).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typo_pdf  # noqa: E402

def pages(pdf, first, last):
    """(page, [(xMin, yMin, xMax, yMax, text) of every line])."""
    for n, bl in typo_pdf.pages(pdf, first, last):
        yield n, [(l.x0, l.y0, l.x1, l.y1, " ".join(w[2] for w in l.order))
                  for b in bl for l in b]


def feet(pdf, first, last):
    """(page, line text, page turn?) for every hyphenated line at a foot."""
    out = []
    for n, lines in pages(pdf, first, last):
        for x0, y0, x1, y1, text in lines:
            word = text.split(" ")[-1] if text else ""
            if not word.endswith(typo_pdf.HYPHENS) or len(word) < 2:
                continue
            h = y1 - y0
            below = any(b[1] >= y1 - 0.3 * h and b[1] <= y1 + h and
                        b[0] < x1 and b[2] > x0 for b in lines)
            if below:
                continue
            right = any(b[0] >= x1 and b[1] < y1 + h for b in lines)
            out.append((n, text, n % 2 == 1 and not right))
    return out


def main(argv):
    a = typo_pdf.command_line(argv, ("--turns", "--feet"), ("--list",), __doc__)
    if not a:
        return 2
    found = feet(a.pdf, a.first, a.last_page)
    turns = sum(1 for f in found if f[2])
    print(f"hyphens at feet: {a.pdf} pages {a.first}-{a.last}")
    print(f"  column feet ending with a hyphen   {len(found):4d}")
    print(f"  right-hand page turns with a hyphen {turns:3d}")
    if "--list" in a.flags:
        for p, text, turn in found:
            print(f"  p{p}{' turn' if turn else ''}: {text}")
    return typo_pdf.over("typo-feet", a.opts, [
        ("--turns", turns, f"{turns} right-hand pages end with a hyphen (at most {{}})"),
        ("--feet", len(found), f"{len(found)} column feet end with a hyphen (at most {{}})")])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
