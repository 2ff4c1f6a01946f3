"""The text lines of a PDF as pdftotext -bbox-layout gives them, for the
typographic measures (tests/typo-measure.py, typo-rules.py, typo-feet.py,
tests/gen/checkgen.py): standard library and poppler only.

  pages(pdf, first, last)  [(page number, [block, ...]), ...], a block
                           being a list of Line
  parse(xml, first)        the same from pdftotext's output already read
  page_count(pdf)          pages, by pdfinfo
  command_line(argv, valued, flags, usage)
                           a measure's PDF, pages and options
  over(tool, opts, limits) the limits exceeded, told; the exit status
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HYPHENS = ("-", "\u2010", "\u00ad")


class Line:
    """One line: its box (points, y down), its words in the order
    pdftotext gives them (x0, x1, text), and the same sorted left to
    right."""

    def __init__(self, e, page):
        self.page = page
        self.x0, self.x1 = float(e.get("xMin")), float(e.get("xMax"))
        self.y0, self.y1 = float(e.get("yMin")), float(e.get("yMax"))
        self.order = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                      for w in e.iter("word")]
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


def parse(xml, first=1):
    """[(page number, [block, ...])] from pdftotext -bbox-layout's output,
    its first page numbered `first`."""
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    out = []
    for n, p in enumerate(root.iter("page"), start=first):
        out.append((n, [[Line(l, n) for l in b.iter("line")] for b in p.iter("block")]))
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
