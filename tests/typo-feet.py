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
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HYPHENS = ("-", "\u2010", "\u00ad")


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pages(pdf, first, last):
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox-layout", "-f", str(first), "-l", str(last), pdf, "-"]
    xml = subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    for n, p in enumerate(root.iter("page"), start=first):
        lines = []
        for l in p.iter("line"):
            words = [w.text or "" for w in l.iter("word")]
            lines.append((float(l.get("xMin")), float(l.get("yMin")),
                          float(l.get("xMax")), float(l.get("yMax")), " ".join(words)))
        yield n, lines


def feet(pdf, first, last):
    """(page, line text, page turn?) for every hyphenated line at a foot."""
    out = []
    for n, lines in pages(pdf, first, last):
        for x0, y0, x1, y1, text in lines:
            word = text.split(" ")[-1] if text else ""
            if not word.endswith(HYPHENS) or len(word) < 2:
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
    args = argv[1:]
    opts, flags, pdf = {}, set(), None
    while args:
        a = args.pop(0)
        if a in ("--pages", "--turns", "--feet"):
            opts[a] = args.pop(0)
        elif a == "--list":
            flags.add(a)
        else:
            pdf = a
    if not pdf:
        print(__doc__, file=sys.stderr)
        return 2
    n = page_count(pdf)
    first, last = 2, max(2, n - 1)
    if "--pages" in opts:
        first, last = (int(x) for x in opts["--pages"].split("-"))
    found = feet(pdf, first, min(last, n))
    turns = sum(1 for f in found if f[2])
    print(f"hyphens at feet: {pdf} pages {first}-{last}")
    print(f"  column feet ending with a hyphen   {len(found):4d}")
    print(f"  right-hand page turns with a hyphen {turns:3d}")
    if "--list" in flags:
        for p, text, turn in found:
            print(f"  p{p}{' turn' if turn else ''}: {text}")
    bad = []
    if "--turns" in opts and turns > int(opts["--turns"]):
        bad.append(f"{turns} right-hand pages end with a hyphen (at most {opts['--turns']})")
    if "--feet" in opts and len(found) > int(opts["--feet"]):
        bad.append(f"{len(found)} column feet end with a hyphen (at most {opts['--feet']})")
    for b in bad:
        print("typo-feet: " + b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
