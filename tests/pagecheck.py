#!/usr/bin/env python3
"""Page checks of the layout, measured from the finished PDF (standard
library plus poppler's pdftotext; no number from plaquette itself).

  pagecheck.py dups XML PDF          no run of 8 words is printed more often than the XML has it
  pagecheck.py blanks PDF N [WHERE]  N pages carry nothing at all, placed WHERE ("before-back":
                                     just before the last page, the default; "end": the last N)
  pagecheck.py cont PDF HEAD RGB     a page opens with the line HEAD (a split card's name and
                                     "continued" label) and is grounded in colour RGB (rrggbb)
                                     over at least a tenth of its area
  pagecheck.py fill PDF [MIN] [SHEET]  fill of every page (first and last excepted;
                                     tests/fillmeasure.py with SHEET's templates, default
                                     styles/efus.xml); fails when an unblank page is under
                                     MIN (default 0.25)
  pagecheck.py grid PDF FIRST-LAST [MIN]  baseline-grid registration of the body lines of
                                     pages FIRST..LAST, per page and per spread; fails when
                                     under MIN (default 0.95) of them are on the grid
  pagecheck.py spread PDF FIRST-LAST [MIN]  facing pages: per spread (even left, odd right)
                                     the share of the left page's body baselines on the
                                     right page's grid (its step, its origin); fails when a
                                     spread with body lines on both pages is under MIN
                                     (default 0.95)
  pagecheck.py ongrid PDF FIRST-LAST HMIN-HMAX [MIN]  lines HMIN-HMAX pt tall other than
                                     the body (fields, captions) on their page's body grid;
                                     fails when under MIN (default 0.95) of them are
  pagecheck.py margins PDF FIRST-LAST [TOL]  the printed area of each page (text and
                                     grounds, folio excluded), its top, bottom, inner and
                                     outer margins in mm; fails when pages of one column
                                     layout (same text width) differ by more than TOL mm
                                     (default 1) in their inner, outer or top margin

Exit status 0 when the check holds; the reason is printed otherwise.
"""
import collections
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402  (tokens, xml_words, pdftext)
import fillmeasure  # noqa: E402

NGRAM = 8


def ngrams(words, n=NGRAM):
    return collections.Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def cmd_dups(xml, pdf):
    """Text printed twice: every 8-word run of the PDF at most as often as
    in the source (a page-turn folio between two words is dropped)."""
    src = ngrams(check.xml_words(xml))
    # the Sommaire prints each listed section's title a second time
    for sec in ET.parse(xml).getroot().iter("section"):
        title = sec.find("title")
        if sec.get("toc", "none") != "none" and title is not None:
            src.update(ngrams(check.tokens(" ".join(title.itertext()))))
    out = ngrams(check.tokens(check.pdftext(pdf), True))
    extra = [(g, c, src.get(g, 0)) for g, c in out.items() if c > src.get(g, 0) and src.get(g, 0) > 0]
    if extra:
        print(f"{len(extra)} runs of {NGRAM} words printed more often than the source has them, e.g.:")
        for g, c, s in extra[:5]:
            print(f"  {c}x (source {s}x): {' '.join(g)}")
        return False
    print(f"no run of {NGRAM} words is printed more often than the source has it")
    return True


def page_count(pdf):
    return check.npages(pdf)


def bbox_pages(pdf):
    """Per page: (width, height, [(xmin, ymin, xmax, ymax, text) of each word]) in pt."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = []
        for w in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', m.group(3)):
            words.append(tuple(float(w.group(i)) for i in range(1, 5)) + (w.group(5),))
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def ink_pages(pdf):
    """Pages with any painted pixel (Ghostscript's inkcov would need gs; a
    tiny rendering by pdftoppm does): list of booleans."""
    n = page_count(pdf)
    inked = []
    for p in range(1, n + 1):
        png = subprocess.run(["pdftoppm", "-f", str(p), "-l", str(p), "-r", "12", "-gray", pdf],
                             check=True, capture_output=True).stdout
        # PGM: header then bytes; any pixel below white is ink
        body = png.split(b"\n", 3)[3]
        inked.append(any(b < 250 for b in body))
    return inked


def cmd_blanks(pdf, count, where="before-back"):
    count = int(count)
    inked = ink_pages(pdf)
    n = len(inked)
    blank = [i + 1 for i, ink in enumerate(inked) if not ink]
    if where == "end":
        want = list(range(n - count + 1, n + 1))
    else:
        want = list(range(n - count, n))
    print(f"{n} pages; pages with nothing on them: {blank}; expected {want}")
    return blank == want


def tint_share(pdf, page, rgb):
    """Share of the page's pixels (20 dpi) within 6 levels of colour rgb."""
    ppm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "20", pdf],
                         check=True, capture_output=True).stdout
    body = ppm.split(b"\n", 3)[3]
    want = bytes.fromhex(rgb)
    n = len(body) // 3
    hit = sum(1 for i in range(n)
              if all(abs(body[3 * i + c] - want[c]) <= 6 for c in range(3)))
    return hit / max(1, n)


def cmd_cont(pdf, head, rgb):
    for p in range(1, page_count(pdf) + 1):
        lines = [x for x in check.pdftext(pdf, p).split("\n") if x.strip()]
        if lines and lines[0].strip() == head:
            share = tint_share(pdf, p, rgb)
            print(f"p. {p} opens with {head!r}; {share * 100:.0f}% of it is #{rgb}")
            return share >= 0.10
    print(f"no page opens with {head!r}")
    return False


def cmd_fill(pdf, minimum="0.25", sheet="styles/efus.xml"):
    """Fill of every page (tests/fillmeasure.py: the share of the text
    area's height covered by text lines, pictures and grounds, per column,
    averaged over the columns), covers (first, last) and empty pages
    skipped; the sheet gives the templates' margins and columns."""
    fills = fillmeasure.document_fills(pdf, sheet)
    ok = True
    for i, (fill, tpl, per, nlines) in enumerate(fills):
        if i == 0 or i == len(fills) - 1:
            continue
        if not nlines and fill == 0:
            print(f"p. {i + 1}: blank")
            continue
        flag = "" if fill >= float(minimum) else "  UNDER"
        ok = ok and not flag
        cols = ", ".join(f"{c * 100:.0f}%" for c in per)
        print(f"p. {i + 1}: {fill * 100:.0f}% ({tpl}: {cols}){flag}")
    return ok


def bbox_lines(pdf):
    """Per page: [(xmin, ymin, xmax, ymax) of each line] from pdftotext
    -bbox-layout (lines as poppler groups them, one column each)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = []
    for m in re.finditer(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', out, re.S):
        pages.append([tuple(float(x) for x in l.groups()) for l in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
            m.group(1))])
    return pages


GRID_TOL = 0.5  # pt


def grid_body(lines):
    """The body lines of a page: those of the page's most common line
    height (the body size; within 0.8 pt above it, and down to 1.5 pt
    below it: a project's 9 pt fields under its 10 pt text count, a 11.5 pt
    title does not), and their step: the most common distance between one
    body line and the next below it in the same column."""
    if not lines:
        return [], 0.0
    heights = collections.Counter(round(l[3] - l[1], 1) for l in lines)
    body_h = heights.most_common(1)[0][0]
    body = [l for l in lines if -1.5 <= (l[3] - l[1]) - body_h <= 0.8]
    steps = collections.Counter()
    for a in body:
        below = [b[3] - a[3] for b in body
                 if b[3] > a[3] + 1 and min(a[2], b[2]) - max(a[0], b[0]) > 20]
        if below:
            steps[round(min(below), 1)] += 1
    return body, (steps.most_common(1)[0][0] if steps else 0.0)


def grid_on(body, step):
    """How many of the lines sit on one grid of `step` (baselines taken
    as the line boxes' bottoms: one body size, one descent), the grid's
    phase being the one most lines share; and that count's lines."""
    if step <= 0 or not body:
        return 0
    best = 0
    for ref in body:
        n = 0
        for l in body:
            d = (l[3] - ref[3]) % step
            if d <= GRID_TOL or step - d <= GRID_TOL:
                n += 1
        best = max(best, n)
    return best


def cmd_grid(pdf, span, minimum="0.95"):
    """Body lines on the baseline grid: per page (its columns sharing one
    grid), per spread of facing pages (even left, odd right) when both use
    the same step, and over all of FIRST..LAST."""
    first, last = (int(x) for x in span.split("-"))
    pages = bbox_lines(pdf)
    mm = 72 / 25.4
    total = on_all = 0
    info = {}
    for p in range(first, min(last, len(pages)) + 1):
        lines = pages[p - 1]
        # the folio and anything in the bottom margin are furniture
        lines = [l for l in lines if l[1] < 842 - 22 * mm]
        body, step = grid_body(lines)
        on = grid_on(body, step)
        info[p] = (body, step)
        total += len(body)
        on_all += on
        share = on / len(body) if body else 1.0
        print(f"p. {p}: {on}/{len(body)} body lines on one grid ({share * 100:.0f}%), "
              f"step {step:.1f} pt")
    spreads_ok = True
    for p in range(first, last + 1):
        if p % 2 == 0 and p + 1 in info and p in info and info[p][1] == info[p + 1][1]:
            body = info[p][0] + info[p + 1][0]
            on = grid_on(body, info[p][1])
            share = on / len(body) if body else 1.0  # a blank spread: nothing off the grid
            spreads_ok = spreads_ok and share >= float(minimum)
            print(f"spread {p}-{p + 1}: {on}/{len(body)} on one grid ({share * 100:.0f}%)")
    share = on_all / total if total else 1.0
    print(f"pp. {first}-{last}: {on_all}/{total} body lines on their page's grid "
          f"({share * 100:.1f}%)")
    return share >= float(minimum) and spreads_ok


# Noto Sans, as poppler boxes a word: from the baseline up 1069/1000 of
# the size, down 293/1000 (the font's ascent and descent)
DESCENT = 293 / (1069 + 293)


def baseline(l):
    """A line's baseline from its box: the box bottom less the descent."""
    return l[3] - DESCENT * (l[3] - l[1])


def grid_phase(body, step):
    """The phase (baseline mod step) most of the lines share, and how many
    share it."""
    best, phase = 0, 0.0
    for ref in body:
        n = 0
        for l in body:
            d = (baseline(l) - baseline(ref)) % step
            n += d <= GRID_TOL or step - d <= GRID_TOL
        if n > best:
            best, phase = n, baseline(ref) % step
    return phase, best


def on_grid(l, step, phase):
    d = (baseline(l) - phase) % step
    return d <= GRID_TOL or step - d <= GRID_TOL


def cmd_spread(pdf, span, minimum="0.95"):
    """Facing pages register: for each spread (even page left, odd right)
    the share of the left page's body lines whose baseline lies on the
    right page's grid — its step (the most common distance between body
    lines) and its origin (the phase most of its lines share)."""
    first, last = (int(x) for x in span.split("-"))
    pages = bbox_lines(pdf)
    mm = 72 / 25.4
    ok = True
    tot_on = tot = 0
    for p in range(first - first % 2, last + 1, 2):
        if p < first or p + 1 > min(last, len(pages)):
            continue
        sides = []
        for q in (p, p + 1):
            lines = [l for l in pages[q - 1] if l[1] < 842 - 22 * mm]
            sides.append(grid_body(lines))
        (lbody, lstep), (rbody, rstep) = sides
        if not lbody or not rbody or rstep <= 0:
            print(f"spread {p}-{p + 1}: {len(lbody)} and {len(rbody)} body lines, nothing to register")
            continue
        phase, _ = grid_phase(rbody, rstep)
        on = sum(on_grid(l, rstep, phase) for l in lbody)
        share = on / len(lbody)
        tot_on += on
        tot += len(lbody)
        flag = "" if share >= float(minimum) else "  UNDER"
        ok = ok and not flag
        print(f"spread {p}-{p + 1}: {on}/{len(lbody)} left-page body lines on the right page's "
              f"grid ({share * 100:.0f}%), steps {lstep:.1f} / {rstep:.1f} pt, origin "
              f"{phase:.1f} pt{flag}")
    print(f"pp. {first}-{last}: {tot_on}/{tot} left-page lines on the facing grid "
          f"({tot_on / max(1, tot) * 100:.1f}%)")
    return ok


def ink_box(pdf, page, foot_mm=22, dpi=72):
    """The printed area of a page above its bottom margin's folio band
    (text, grounds, rules: any pixel not white), in pt: x0, y0, x1, y1;
    None when nothing is printed there."""
    pgm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray",
                          pdf], check=True, capture_output=True).stdout
    head = pgm.split(b"\n", 3)
    w, h = (int(x) for x in head[1].split())
    body = head[3]
    px = 72 / dpi
    limit = int((842 - foot_mm * 72 / 25.4 + 6) / px)  # a descender below the area counts
    x0 = y0 = None
    x1 = y1 = -1
    for y in range(min(h, limit)):
        row = body[y * w:(y + 1) * w]
        xs = [x for x in range(w) if row[x] < 245]
        if xs:
            y0 = y if y0 is None else y0
            y1 = y
            x0 = xs[0] if x0 is None else min(x0, xs[0])
            x1 = max(x1, xs[-1])
    if y0 is None:
        return None
    return x0 * px, y0 * px, (x1 + 1) * px, (y1 + 1) * px


def cmd_margins(pdf, span, tol="1"):
    """Margins of the printed area per page: top, bottom, inner, outer (mm;
    inner = the side of the fold: right on an even page, left on an odd
    one). Pages are grouped by their text width (one column layout each);
    within a group inner, outer and top margins must agree within TOL."""
    first, last = (int(x) for x in span.split("-"))
    mm = 72 / 25.4
    n = page_count(pdf)
    rows = []
    for p in range(first, min(last, n) + 1):
        box = ink_box(pdf, p)
        if not box:
            print(f"p. {p}: blank")
            continue
        x0, y0, x1, y1 = box
        left, right = x0 / mm, (595.28 - x1) / mm
        inner, outer = (right, left) if p % 2 == 0 else (left, right)
        rows.append((p, y0 / mm, (842 - y1) / mm, inner, outer, (x1 - x0) / mm))
    groups = collections.defaultdict(list)
    for r in rows:
        groups[round(r[5] / 4)].append(r)  # text widths within 4 mm: one layout
    ok = True
    for r in rows:
        g = groups[round(r[5] / 4)]
        jump = []
        for i, what in ((1, "top"), (3, "inner"), (4, "outer")):
            med = sorted(x[i] for x in g)[len(g) // 2]
            if abs(r[i] - med) > float(tol):
                jump.append(f"{what} {r[i] - med:+.1f}")
        flag = "  JUMPS: " + ", ".join(jump) if jump else ""
        ok = ok and not jump
        print(f"p. {r[0]}: top {r[1]:.1f}, bottom {r[2]:.1f}, inner {r[3]:.1f}, outer "
              f"{r[4]:.1f} mm (width {r[5]:.1f} mm){flag}")
    return ok


def cmd_ongrid(pdf, span, heights, minimum="0.95"):
    """Lines other than the body (fields, captions: boxes HMIN-HMAX pt
    tall) on their page's body grid — its step and its origin, taken from
    the body lines as `spread` does; over all of FIRST..LAST."""
    first, last = (int(x) for x in span.split("-"))
    hmin, hmax = (float(x) for x in heights.split("-"))
    pages = bbox_lines(pdf)
    mm = 72 / 25.4
    on = total = 0
    for p in range(first, min(last, len(pages)) + 1):
        lines = [l for l in pages[p - 1] if l[1] < 842 - 22 * mm]
        body, step = grid_body(lines)
        some = [l for l in lines if hmin <= l[3] - l[1] <= hmax and l not in body]
        if not some or step <= 0:
            continue
        phase, _ = grid_phase(body, step)
        n = sum(on_grid(l, step, phase) for l in some)
        print(f"p. {p}: {n}/{len(some)} lines {hmin:g}-{hmax:g} pt tall on the body's grid "
              f"(step {step:.1f} pt)")
        on += n
        total += len(some)
    share = on / total if total else 0.0
    print(f"pp. {first}-{last}: {on}/{total} such lines on their page's body grid "
          f"({share * 100:.1f}%)")
    return total > 0 and share >= float(minimum)


def main():
    cmds = {"cont": cmd_cont, "dups": cmd_dups, "blanks": cmd_blanks, "fill": cmd_fill,
            "grid": cmd_grid, "spread": cmd_spread, "margins": cmd_margins, "ongrid": cmd_ongrid}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        print(__doc__)
        return 2
    return 0 if cmds[sys.argv[1]](*sys.argv[2:]) else 1


if __name__ == "__main__":
    sys.exit(main())
