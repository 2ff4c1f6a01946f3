#!/usr/bin/env python3
"""linewidths.py PDF PAGE WIDTH_PT: succeeds when the most common width of
the text lines on PAGE (measured by pdftotext -bbox-layout, to the nearest
point) is within 1.5 pt of WIDTH_PT; prints the widths and the lines' left
edges found, most common first."""
import collections
import re
import subprocess
import sys

pdf, page, want = sys.argv[1], sys.argv[2], float(sys.argv[3])
out = subprocess.run(["pdftotext", "-f", page, "-l", page, "-bbox-layout", pdf, "-"],
                     capture_output=True, text=True, check=True).stdout
widths = collections.Counter()
lefts = collections.Counter()
for m in re.finditer(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', out):
    x0, x1 = float(m.group(1)), float(m.group(2))
    widths[round(x1 - x0)] += 1
    lefts[round(x0)] += 1
if not widths:
    sys.exit(f"page {page}: no text lines")
mode = widths.most_common(1)[0][0]
print(f"page {page}: line widths {widths.most_common(4)}, left edges {lefts.most_common(4)}; want {want:.1f} pt")
sys.exit(0 if abs(mode - want) <= 1.5 else 1)
