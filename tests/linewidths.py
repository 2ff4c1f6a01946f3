#!/usr/bin/env python3
"""linewidths.py PDF PAGE WIDTH_PT [COLUMNS [MAX_CHARS]]: succeeds when the most common
width of the text lines on PAGE (measured by pdftotext -bbox-layout, to the
nearest point) is within 1.5 pt of WIDTH_PT and, when COLUMNS is given, the
lines no wider than that and at least 60 % of it (set in a column, not
across) stand at exactly COLUMNS left edges (edges less than 3 pt apart are
one; an edge counts when at least 3 such lines start there): text set in
that many columns; when MAX_CHARS is given, those lines also carry at
most MAX_CHARS characters each, counting their words and the spaces
between them (the median line).  Prints the widths and the lines' left edges
found, most common first."""
import collections
import re
import subprocess
import sys

pdf, page, want = sys.argv[1], sys.argv[2], float(sys.argv[3])
cols = int(sys.argv[4]) if len(sys.argv) > 4 else None
max_chars = int(sys.argv[5]) if len(sys.argv) > 5 else None
out = subprocess.run(["pdftotext", "-f", page, "-l", page, "-bbox-layout", pdf, "-"],
                     capture_output=True, text=True, check=True).stdout
widths = collections.Counter()
lefts = collections.Counter()
lines = []
for m in re.finditer(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>',
                     out, re.S):
    x0, x1 = float(m.group(1)), float(m.group(2))
    words = re.findall(r'<word [^>]*>(.*?)</word>', m.group(3), re.S)
    chars = sum(len(w) for w in words) + max(len(words) - 1, 0)
    widths[round(x1 - x0)] += 1
    lefts[round(x0)] += 1
    lines.append((x0, x1 - x0, chars))
if not widths:
    sys.exit(f"page {page}: no text lines")
mode = widths.most_common(1)[0][0]
print(f"page {page}: line widths {widths.most_common(4)}, left edges {lefts.most_common(4)}; want {want:.1f} pt")
ok = abs(mode - want) <= 1.5
if cols is not None:
    # the left edges of the lines set at the measure, gathered into columns
    edges = []  # [first x, last x, lines]
    for x in sorted(x0 for x0, w, _ in lines if 0.6 * mode <= w <= mode + 1.5):
        if edges and x - edges[-1][1] < 3:
            edges[-1][1] = x
            edges[-1][2] += 1
        else:
            edges.append([x, x, 1])
    found = [round(e[0]) for e in edges if e[2] >= 3]
    print(f"page {page}: lines up to {mode} pt wide start at {len(found)} left edges {found}; want {cols}")
    ok = ok and len(found) == cols
if max_chars is not None:
    counts = sorted(c for _, w, c in lines if 0.6 * mode <= w <= mode + 1.5)
    median = counts[len(counts) // 2]
    print(f"page {page}: {median} characters a line (median of {len(counts)}); want at most {max_chars}")
    ok = ok and median <= max_chars
sys.exit(0 if ok else 1)
