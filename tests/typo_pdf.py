"""The text lines of a PDF as pdftotext -bbox-layout gives them, for the
typographic measures (tests/typo-measure.py, typo-rules.py, typo-feet.py,
tests/gen/checkgen.py): standard library and poppler only.

  pages(pdf, first, last)  [(page number, [block, ...]), ...], a block
                           being a list of Line
  parse(xml, first)        the same from pdftotext's output already read
                           (a line pdftotext runs across a narrow gutter
                           is split into its columns' lines: split_gutters)
  page_count(pdf)          pages, by pdfinfo
  command_line(argv, valued, flags, usage)
                           a measure's PDF, pages and options
  over(tool, opts, limits) the limits exceeded, told; the exit status
"""
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

HYPHENS = ("-", "\u2010", "\u00ad")


# A gap between two words of a line this many times the line's other
# gaps (their median), and at least GUTTER_MIN points, is a gutter between
# two columns that pdftotext ran together: a justified line spreads its
# gaps evenly, however loose, so one gap far over the others is no word
# gap.
GUTTER_RATIO = 2.5
GUTTER_MIN = 6.0


class Line:
    """One line: its box (points, y down), its words in the order
    pdftotext gives them (x0, x1, text), and the same sorted left to
    right."""

    def __init__(self, e, page, piece=None):
        """From pdftotext's <line> e, or, with e None, from `piece`:
        (words, y0, y1) of a line cut at a gutter."""
        self.page = page
        if e is not None:
            self.x0, self.x1 = float(e.get("xMin")), float(e.get("xMax"))
            self.y0, self.y1 = float(e.get("yMin")), float(e.get("yMax"))
            self.order = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                          for w in e.iter("word")]
        else:
            self.order, self.y0, self.y1 = piece
            self.x0, self.x1 = self.order[0][0], self.order[-1][1]
        self.words = sorted(self.order)
        self.size = round(self.y1 - self.y0, 1)
        self.gaps = [b[0] - a[1] for a, b in zip(self.words, self.words[1:])]
        self.text = " ".join(w[2] for w in self.words)

    def hyphenated(self):
        """Whether the line ends with a hyphen, added or typed."""
        return bool(self.words) and self.words[-1][2].endswith(HYPHENS) and \
            len(self.words[-1][2]) > 1


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def bbox_text(pdf, first=None, last=None):
    """pdftotext -bbox-layout's output for pages first to last (all: None)."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox-layout"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last)]
    return subprocess.run(cmd + [pdf, "-"], check=True, capture_output=True).stdout.decode("utf-8")


def _gutter_at(line):
    """The index i of a gap of `line` that is a gutter (words[i] and
    words[i + 1] in two columns), or None."""
    g = line.gaps
    for i, gap in enumerate(g):
        rest = g[:i] + g[i + 1:]
        if gap >= GUTTER_MIN and rest and gap > GUTTER_RATIO * max(statistics.median(rest), 0.5):
            return i
    return None


def split_gutters(block):
    """The block as pdftotext gave it, or, when some of its lines run
    across a gutter, one block per column: each such line cut at the
    gutter, the pieces gathered by the columns their x ranges fall in."""
    pieces, cut = [], False
    for l in block:
        rest = l
        while True:
            i = _gutter_at(rest)
            if i is None:
                pieces.append(rest)
                break
            cut = True
            pieces.append(Line(None, l.page, (rest.words[:i + 1], l.y0, l.y1)))
            rest = Line(None, l.page, (rest.words[i + 1:], l.y0, l.y1))
    if not cut:
        return [block]
    columns = []  # [x0, x1, [lines]], disjoint x ranges left to right
    for p in sorted(pieces, key=lambda q: q.x0):
        if columns and p.x0 < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], p.x1)
            columns[-1][2].append(p)
        else:
            columns.append([p.x0, p.x1, [p]])
    return [sorted(c[2], key=lambda q: q.y0) for c in columns]


def parse(xml, first=1):
    """[(page number, [block, ...])] from pdftotext -bbox-layout's output,
    its first page numbered `first`."""
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    out = []
    for n, p in enumerate(root.iter("page"), start=first):
        blocks = []
        for b in p.iter("block"):
            blocks.extend(split_gutters([Line(l, n) for l in b.iter("line")]))
        out.append((n, blocks))
    return out


def pages(pdf, first, last):
    return parse(bbox_text(pdf, first, last), first)


class Args:
    """A measure's command line: pdf, its pages first to last as printed
    (last_page: no further than the PDF's last), opts {option: value}, flags
    {option}."""


def command_line(argv, valued, flags, usage):
    """The Args of argv: the options of `valued` take a value, those of
    `flags` none, any other word is the PDF; --pages FIRST-LAST, 2 to the
    last but one by default (the covers are not running text).  --help or
    -h: the usage on stdout and exit 0.  None, the usage told on stderr,
    without a PDF, with an option unknown or a value missing."""
    a, args = Args(), argv[1:]
    a.opts, a.flags, a.pdf = {}, set(), None
    while args:
        w = args.pop(0)
        if w in ("--help", "-h"):
            print(usage)
            sys.exit(0)
        if w == "--pages" or w in valued:
            if not args:
                a.pdf = None
                break
            a.opts[w] = args.pop(0)
        elif w in flags:
            a.flags.add(w)
        elif w.startswith("-") and w != "-":
            a.pdf = None
            break
        else:
            a.pdf = w
    if not a.pdf:
        print(usage, file=sys.stderr)
        return None
    n = page_count(a.pdf)
    a.first, a.last = 2, max(2, n - 1)
    if "--pages" in a.opts:
        a.first, a.last = (int(x) for x in a.opts["--pages"].split("-"))
    a.last_page = min(a.last, n)
    return a


def over(tool, opts, limits):
    """Each (option, value, what) of limits whose option is given with a
    limit under value: "tool: what" on stderr, what's {} being the limit.
    1 when any is, else 0 (an exit status)."""
    bad = [what.format(opts[o]) for o, value, what in limits
           if o in opts and value > float(opts[o])]
    for b in bad:
        print(f"{tool}: {b}", file=sys.stderr)
    return 1 if bad else 0
