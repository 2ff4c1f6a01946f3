#!/usr/bin/env python3
"""The typographic measure of a PDF, read from outside (standard library
and poppler's pdftotext only).

  typo-measure.py PDF [--pages FIRST-LAST] [--loose MAX%] [--worst MAX]
                      [--hyphens MAX%] [--lines] [--json]

What a reader sees of a justified line is its word gaps.  For every line
that pdftotext -bbox-layout finds, the gaps are the distances between its
words.  The natural gap of a text size (lines of one height are one size
of one face) is the median gap of the paragraphs' short last lines, which
keep their natural spaces.  A justified line is a line of a justified
block (most of its lines end at one right edge) that reaches that edge,
the last line of the block included when it does (a paragraph that
continues in the next column).  Its figure is its mean word gap over the
natural gap of its size.

Prints: justified lines, loose lines (over 1.5 x natural) and their share,
lines over 2 x, the worst line, the mean, lines ending with a hyphen
(added or typed) among all lines, and the natural gaps found.  With
--loose, --worst or --hyphens, exits 1 when a bound is exceeded.  --lines
lists every justified line with its figure; --json prints the figures as
JSON.  Pages: 2 to the last but one by default (the covers are not
running text).
"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typo_pdf  # noqa: E402

LOOSE = 1.5
VERY_LOOSE = 2.0
EDGE_TOL = 0.6      # pt: a line reaches the edge when it ends this close to it
PROTRUDE_TOL = 4.0  # pt: …or sticks out by a protruding hyphen or stop
SHORT_LAST = 0.8    # a last line shorter than this share of the measure is natural


def blocks(pages):
    for _, bl in pages:
        for lines in bl:
            if lines:
                yield lines


def edge_of(lines):
    """The right edge a justified block's lines end at, or None for a
    ragged block: at least two lines, and more than half of those before
    the last end at it, from EDGE_TOL short of it to PROTRUDE_TOL past it
    (a hyphen, stop or quote protrudes into the margin).  Of the edges
    that gather the most ends, the leftmost: the column's own edge, not a
    protruding line's end (lines that protrude would otherwise pull the
    edge right of the lines that do not, which then count as ragged)."""
    if len(lines) < 2:
        return None
    body = lines[:-1]
    ends = sorted(l.x1 for l in body)
    best, count = None, 0
    for e in ends:  # left to right: a later edge must gather more to win
        n = sum(1 for x in ends if e - EDGE_TOL <= x <= e + PROTRUDE_TOL)
        if n > count:
            best, count = e, n
    return best if count * 2 > len(body) else None


def measure(pdf, first, last):
    return measure_pages(typo_pdf.pages(pdf, first, last))


def measure_pages(pages):
    """(rows, natural gaps, lines, hyphenated lines) of typo_pdf pages: a
    row is (mean word gap over natural, Line) for each justified line."""
    justified, natural, alllines = [], {}, 0
    hyphenated = 0
    for lines in blocks(pages):
        alllines += len(lines)
        hyphenated += sum(1 for l in lines[:-1] if l.hyphenated())
        edge = edge_of(lines)
        left = min(l.x0 for l in lines)
        for i, l in enumerate(lines):
            last = i == len(lines) - 1
            full = edge is not None and l.x1 >= edge - EDGE_TOL and l.x1 <= edge + PROTRUDE_TOL
            if full and l.gaps:
                justified.append(l)
            elif last and len(lines) >= 2 and l.gaps and edge is not None and \
                    l.x1 - left < SHORT_LAST * (edge - left):
                natural.setdefault(l.size, []).extend(l.gaps)
    nat = {s: statistics.median(g) for s, g in natural.items() if len(g) >= 3}
    rows = []
    for l in justified:
        n = nat.get(l.size)
        if n is None:  # a size without a short last line: the nearest size, scaled
            near = min(nat, key=lambda s: abs(s - l.size), default=None)
            if near is None:
                continue
            n = nat[near] * l.size / near
        rows.append((statistics.mean(l.gaps) / n, l))
    return rows, nat, alllines, hyphenated


def main(argv):
    a = typo_pdf.command_line(argv, ("--loose", "--worst", "--hyphens"), ("--lines", "--json"),
                              __doc__)
    if not a:
        return 2
    pdf, first, last, opts, flags = a.pdf, a.first, a.last, a.opts, a.flags
    rows, nat, alllines, hyphenated = measure(pdf, first, a.last_page)
    ratios = [r for r, _ in rows]
    loose = sum(1 for r in ratios if r > LOOSE)
    very = sum(1 for r in ratios if r > VERY_LOOSE)
    worst = max(ratios, default=0.0)
    res = {
        "pages": f"{first}-{last}",
        "justified": len(rows),
        "loose": loose,
        "loose_pct": 100.0 * loose / len(rows) if rows else 0.0,
        "over2": very,
        "worst": worst,
        "mean": statistics.mean(ratios) if ratios else 0.0,
        "lines": alllines,
        "hyphenated": hyphenated,
        "hyphenated_pct": 100.0 * hyphenated / alllines if alllines else 0.0,
        "natural": {str(k): round(v, 3) for k, v in sorted(nat.items())},
    }
    if "--json" in flags:
        print(json.dumps(res, indent=1))
    else:
        print(f"outside measure: {pdf} pages {res['pages']}")
        print(f"  justified lines              {res['justified']:6d}")
        print(f"  word gaps over 1.5 x natural {loose:6d}  ({res['loose_pct']:.2f} %)")
        print(f"  word gaps over 2 x natural   {very:6d}")
        print(f"  worst word gap               {worst:6.2f}")
        print(f"  mean word gap                {res['mean']:6.2f}")
        print(f"  lines ending with a hyphen   {hyphenated:6d}  ({res['hyphenated_pct']:.1f} % of {alllines})")
        print("  natural gaps (line height: pt) " +
              ", ".join(f"{k}: {v}" for k, v in res["natural"].items()))
    if "--lines" in flags:
        for r, l in sorted(rows, key=lambda x: -x[0]):
            print(f"  {r:5.2f} p{l.page} {l.text}")
    return typo_pdf.over("typo-measure", opts, [
        ("--loose", res["loose_pct"],
         f"{res['loose_pct']:.2f} % of justified lines over {LOOSE} x natural (at most {{}} %)"),
        ("--worst", worst, f"worst line {worst:.2f} x natural (at most {{}})"),
        ("--hyphens", res["hyphenated_pct"],
         f"{res['hyphenated_pct']:.1f} % of lines hyphenated (at most {{}} %)")])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
