#!/usr/bin/env python3
"""The spaces around each word of one paragraph, read from a PDF
(standard library and poppler's pdftotext -bbox only).

  typo-spaces.py PDF TAG

The paragraph is the run of words from the word TAG to the next word
of the same form (two capitals and Q: "FRQ", "ENQ"…) or the end.  For
each of its words prints the word and its gap before, over the widest gap
between two words of its line (a word space: they are all alike on a
line; "-" at a line's start): a narrow no-break space (U+202F) shows as
about 0.5, a word space as 1.0.  Marks typed without a space are part of
the word (pdftotext splits words at gaps).
"""
import html
import re
import subprocess
import sys

TAGS = re.compile(r"^[A-Z]{2}Q$")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>')


def words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for page, text in enumerate(out.split("<page ")):
        for m in WORD.finditer(text):
            yield page, float(m.group(2)), float(m.group(1)), float(m.group(3)), html.unescape(m.group(4))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    para, inside = [], False
    for w in words(argv[1]):
        if w[4] == argv[2]:
            inside = True
        elif inside and TAGS.match(w[4]):
            break
        if inside:
            para.append(w)
    if not para:
        sys.stderr.write("typo-spaces.py: no word %s in %s\n" % (argv[2], argv[1]))
        return 1
    gaps = [None] + [b[2] - a[3] if (a[0], a[1]) == (b[0], b[1]) else None for a, b in zip(para, para[1:])]
    widest = {}
    for w, g in zip(para, gaps):
        if g is not None:
            widest[w[:2]] = max(widest.get(w[:2], 0), g)
    for w, g in zip(para, gaps):
        print(w[4], "-" if g is None else "%.2f" % (max(g, 0) / widest[w[:2]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
