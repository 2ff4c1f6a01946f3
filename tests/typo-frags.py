#!/usr/bin/env python3
"""Where words are hyphenated, read from a PDF (standard library and
poppler's pdftotext only).

  typo-frags.py PDF [--pages FIRST-LAST] [--left MIN] [--right MIN]
                    [--headings MAX] [--compounds MAX] [--protrude MIN]
                    [--list]

A line ending on an added hyphen (U+2010) whose block goes on below it
(pdftotext -bbox-layout) is a break in a word: its left fragment is the
letters before the hyphen (after a typed hyphen, if any), its right one
the letters of the next line's first word up to a typed hyphen or a
punctuation mark.  Counted:
  left, right  the shortest fragments (letters), for the language's
               hyphen-left= and hyphen-right=;
  headings     breaks in a line at least 1.2 times as tall as the text's
               most common line (titles, headings);
  compounds    breaks in a word written with its own hyphen elsewhere
               than at it ("Aware-ness-raising").
  protrude     margin kerning: how far, on average, a justified line
               ending on a hyphen reaches past its block's right edge (the
               median right end of its lines but the last, lines within
               6 pt of it), in points.
Prints the figures; --left/--right exit 1 when a fragment is shorter,
--headings/--compounds when there are more.  Pages: 2 to the last but one
by default.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typo_pdf  # noqa: E402

TITLE = 1.2


def letters(s):
    return len(re.sub(r"\W|\d|_", "", s))


def breaks(pdf, first, last):
    """(page, line height, left word, next line's first word) per break."""
    for n, bl in typo_pdf.pages(pdf, first, last):
        for b in bl:
            ls = [l for l in b if l.words]
            for l, nxt in zip(ls, ls[1:]):
                w = l.words[-1][2]
                if w.endswith("\u2010") and len(w) > 1:
                    yield n, l.y1 - l.y0, w[:-1], nxt.words[0][2]


def protrusion(pdf, first, last):
    """The mean reach past the edge of the lines ending on a hyphen, and
    their number (blocks of 4 lines or more)."""
    reach = []
    for _, bl in typo_pdf.pages(pdf, first, last):
        for b in bl:
            ls = [l for l in b if l.words]
            if len(ls) < 4:
                continue
            ends = sorted(l.x1 for l in ls[:-1])
            edge = ends[len(ends) // 2]
            reach += [l.x1 - edge for l in ls[:-1]
                      if l.words[-1][2].endswith(("\u2010", "-")) and abs(l.x1 - edge) < 6]
    return (sum(reach) / len(reach) if reach else 0.0), len(reach)


def main(argv):
    a = typo_pdf.command_line(argv, ("--left", "--right", "--headings", "--compounds",
                               "--protrude"), ("--list",), __doc__)
    if not a:
        return 2
    sizes = [round(l.y1 - l.y0, 1) for _, bl in typo_pdf.pages(a.pdf, a.first, a.last_page)
             for b in bl for l in b if l.words]
    text_h = max(set(sizes), key=sizes.count) if sizes else 0
    found = list(breaks(a.pdf, a.first, a.last_page))
    lefts = [(letters(re.split(r"-", w)[-1]), n, w + "|" + x) for n, _, w, x in found]
    rights = [(letters(re.split(r"[-\u2010]|[^\w]", x)[0]), n, w + "|" + x) for n, _, w, x in found]
    heads = [(n, w + "|" + x) for n, h, w, x in found if h >= TITLE * text_h]
    comps = [(n, w + "|" + x) for n, _, w, x in found
             if "-" in w.strip("-") or "-" in x.strip("-")]
    lmin = min(lefts)[0] if lefts else 99
    rmin = min(rights)[0] if rights else 99
    print(f"hyphenated words: {a.pdf} pages {a.first}-{a.last}")
    print(f"  words broken at a line's end         {len(found):4d}")
    print(f"  shortest left fragment               {lmin:4d}")
    print(f"  shortest right fragment              {rmin:4d}")
    print(f"  breaks in headings                   {len(heads):4d}")
    print(f"  compounds broken off their hyphen    {len(comps):4d}")
    reach, nreach = protrusion(a.pdf, a.first, a.last_page)
    print(f"  hyphens past the edge (mean pt, of {nreach}) {reach:5.2f}")
    if "--list" in a.flags:
        for f in sorted(lefts)[:3] + sorted(rights)[:3]:
            print(f"  short p{f[1]}: {f[2]}")
        for n, t in heads:
            print(f"  heading p{n}: {t}")
        for n, t in comps:
            print(f"  compound p{n}: {t}")
    bad = typo_pdf.over("typo-frags", a.opts, [
        ("--headings", len(heads), f"{len(heads)} breaks in headings (at most {{}})"),
        ("--compounds", len(comps), f"{len(comps)} compounds broken off their hyphen (at most {{}})")])
    for o, v in (("--left", lmin), ("--right", rmin)):
        if o in a.opts and v < int(a.opts[o]):
            print(f"typo-frags: a {o[2:]} fragment of {v} letters (at least {a.opts[o]})", file=sys.stderr)
            bad = 1
    if "--protrude" in a.opts and reach < float(a.opts["--protrude"]):
        print(f"typo-frags: hyphens reach {reach:.2f} pt past the edge (at least {a.opts['--protrude']})",
              file=sys.stderr)
        bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
