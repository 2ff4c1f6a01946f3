#!/usr/bin/env python3
"""cardstack.py PDF FIRST LAST BOTTOM_MM [TINT [MAX_SHORT_MM [MAX_GAP_MM]]]:
the stack of card grounds on pages FIRST..LAST, measured from the rendered
page (pdftoppm, 72 dpi): a row is ground when at least a fifth of it is the
tint (default e9f1f7, within 6 per channel); runs of such rows are the
cards.  Prints for each page the cards' count, the gaps between them and
how far above the bottom margin (BOTTOM_MM from the trim's foot) the last
ground ends, in mm.  With MAX_SHORT_MM it fails when a page's stack ends
further above the margin than that and its gaps are under MAX_GAP_MM (a
stack may stop short only when its gaps have reached the bound); or, with
MAX_GAP_MM, when a gap is wider than that."""
import subprocess
import sys

MM = 72 / 25.4


def ground_runs(pdf, page, tint):
    ppm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "72", pdf],
                         capture_output=True, check=True).stdout
    # P6 header: magic, width, height, maxval, each after whitespace
    fields, pos = [], 0
    while len(fields) < 4:
        while ppm[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not ppm[pos:pos + 1].isspace():
            pos += 1
        fields.append(ppm[start:pos])
    pos += 1
    w, h = int(fields[1]), int(fields[2])
    rows = []
    for y in range(h):
        row = ppm[pos + y * w * 3: pos + (y + 1) * w * 3]
        n = 0
        for x in range(0, w * 3, 3):
            if (abs(row[x] - tint[0]) <= 6 and abs(row[x + 1] - tint[1]) <= 6
                    and abs(row[x + 2] - tint[2]) <= 6):
                n += 1
        rows.append(n * 5 >= w)
    runs, y = [], 0
    while y < h:
        if rows[y]:
            top = y
            while y < h and rows[y]:
                y += 1
            if y - top >= 10:  # a ground, not a rule
                runs.append((top, y))
        y += 1
    return h, runs


def main():
    pdf, first, last, bottom = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    t = sys.argv[5] if len(sys.argv) > 5 else "e9f1f7"
    tint = tuple(int(t[i:i + 2], 16) for i in (0, 2, 4))
    max_short = float(sys.argv[6]) if len(sys.argv) > 6 else None
    max_gap = float(sys.argv[7]) if len(sys.argv) > 7 else None
    bad = 0
    for p in range(first, last + 1):
        h, runs = ground_runs(pdf, p, tint)
        if not runs:
            print(f"p. {p}: no card")
            continue
        gaps = [(runs[i + 1][0] - runs[i][1]) / MM for i in range(len(runs) - 1)]
        short = (h - bottom * MM - runs[-1][1]) / MM
        print(f"p. {p}: {len(runs)} cards, gaps {' '.join(f'{g:.1f}' for g in gaps) or '-'} mm, "
              f"the last ends {short:.1f} mm above the bottom margin")
        if max_short is not None and short > max_short and \
                (max_gap is None or any(g < max_gap - 1 for g in gaps)):
            print(f"p. {p}: ends {short:.1f} mm short (at most {max_short} mm, or every gap at the bound)")
            bad += 1
        if max_gap is not None and any(g > max_gap + 1 for g in gaps):
            print(f"p. {p}: a gap is wider than {max_gap} mm")
            bad += 1
    sys.exit(1 if bad else 0)


main()
