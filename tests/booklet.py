#!/usr/bin/env python3
"""booklet.py order PROOF.pdf ORIG.pdf: which original page each half of
each proof page shows, found by its words (pdftotext -bbox on both files),
one "LEFT/RIGHT" per proof page, "blank" for a blank slot:
  16/1 2/15 14/3 ...
booklet.py shift PROOF0.pdf PROOF1.pdf ORIG.pdf: how far each half of each
proof page moved from PROOF0 to PROOF1 toward the fold, in the original
page's millimetres (the proof's scale measured from word widths), one
"LEFT RIGHT" pair per proof page:
  0.00 0.00 0.50 0.50 ...
booklet.py fold ORIG.pdf: per page, the least distance in mm from any word
inside the TrimBox to the fold side (odd pages: left edge, even: right)."""
import re, subprocess, sys, html
from collections import Counter

LABEL_MM = 8  # the proof's label line is above this, the pages below


def words(pdf):
    """[(page_w, page_h, [(xmin, ymin, xmax, ymax, word)...]) ...] per page."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        ws = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
              re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                         m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), ws))
    return pages


def halves(pw, ph, ws):
    top = LABEL_MM * 72 / 25.4
    left = [w for w in ws if w[1] > top and (w[0] + w[2]) / 2 < pw / 2]
    right = [w for w in ws if w[1] > top and (w[0] + w[2]) / 2 >= pw / 2]
    return left, right


def best(half, orig):
    if not half:
        return "empty"
    if " ".join(w[4] for w in half) == "blank page":
        return "blank"
    have = Counter(w[4] for w in half)
    scores = []
    for i, (_, _, ws) in enumerate(orig):
        common = sum((have & Counter(w[4] for w in ws)).values())
        scores.append((common / max(len(half), 1), i + 1))
    s, n = max(scores)
    return str(n) if s >= 0.8 else "?"


def order(proof, orig):
    o = words(orig)
    print(" ".join("%s/%s" % tuple(best(h, o) for h in halves(*p)) for p in words(proof)))


def shift(p0, p1, orig):
    o = words(orig)
    out = []
    for (pw, ph, w0), (_, _, w1) in zip(words(p0), words(p1)):
        for side, (h0, h1) in enumerate(zip(halves(pw, ph, w0), halves(pw, ph, w1))):
            n = best(h0, o)
            if not n.isdigit():
                out.append("-")
                continue
            ow = {}
            for w in o[int(n) - 1][2]:
                ow.setdefault(w[4], w)
            ratios = sorted((a[2] - a[0]) / (ow[a[4]][2] - ow[a[4]][0]) for a in h0
                            if a[4] in ow and ow[a[4]][2] - ow[a[4]][0] > 20)
            scale = ratios[len(ratios) // 2]
            # the same words in the same order on both: their x moved by
            d = sorted(b[0] - a[0] for a, b in zip(h0, h1) if a[4] == b[4] and abs(a[1] - b[1]) < 0.5)
            dx = d[len(d) // 2] / scale * 25.4 / 72
            out.append("%.2f" % (dx if side == 0 else -dx))  # toward the fold: + for both
    print(" ".join(out))


def fold(orig):
    box = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "1", orig], check=True,
                         capture_output=True, text=True).stdout
    t = [float(v) for v in re.search(r"TrimBox:\s+(.*)", box).group(1).split()]
    m = [float(v) for v in re.search(r"MediaBox:\s+(.*)", box).group(1).split()]
    x0, x1 = t[0] - m[0], t[2] - m[0]
    y0, y1 = m[3] - t[3], m[3] - t[1]
    res = []
    for i, (_, _, ws) in enumerate(words(orig)):
        inside = [w for w in ws if w[2] > x0 and w[0] < x1 and w[3] > y0 and w[1] < y1]
        if not inside:
            res.append("-")
            continue
        d = min((w[0] - x0) if (i + 1) % 2 else (x1 - w[2]) for w in inside)
        res.append("%.1f" % (d * 25.4 / 72))
    print(" ".join(res))


cmd = sys.argv[1]
{"order": lambda: order(*sys.argv[2:4]), "shift": lambda: shift(*sys.argv[2:5]),
 "fold": lambda: fold(sys.argv[2])}[cmd]()
