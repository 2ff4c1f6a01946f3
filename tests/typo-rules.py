#!/usr/bin/env python3
"""Runts, unbalanced titles and stacks of the same word, read from a PDF
(standard library and poppler's pdftotext only).

  typo-rules.py PDF [--pages FIRST-LAST] [--runts MAX] [--titles MAX]
                    [--stacks MAX] [--names MAX] [--except WORDS] [--list]

pdftotext -bbox-layout gives blocks (paragraphs) of lines.  Of a block of
at least two lines whose lines before the last mostly end at one right
edge (a justified paragraph):
  runt   its last line is under a fifth of the measure (edge - left), or
         a single word of under 5 characters;
Of a block of two to four lines all at least 1.2 times as tall as the
text's most common line (a title):
  title  its last line is under 40 % of its longest;
Of any block:
  stack  three lines in a row start, or end, with the same word
         (punctuation aside, capitals as printed);
  name   a line ends on an added hyphen (U+2010) in a word starting with
         a capital, inside a sentence (the word before it, in the block,
         does not end with . ! ? or …): a name, most likely, hyphenated
         (--except "Weg-weiser Euro-pean": not when broken where a word
         of the list, as the style sheet's hyphenation= writes it, breaks).
Prints the counts; with --runts/--titles/--stacks/--names exits 1 when
there are more.  Pages: 2 to the last but one by default.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import typo_pdf  # noqa: E402

EDGE_TOL = 0.6
TITLE = 1.2  # a title's lines are this many times taller than the text's


def blocks(pdf, first, last):
    """(page, lines) of each block with words: a line is (xMin, xMax,
    height, its words as pdftotext gives them)."""
    for n, bl in typo_pdf.pages(pdf, first, last):
        for b in bl:
            lines = [(l.x0, l.x1, l.y1 - l.y0, [w[2] for w in l.order]) for l in b if l.order]
            if lines:
                yield n, lines


def edge_of(lines):
    body = lines[:-1]
    ends = [l[1] for l in body]
    best, count = None, 0
    for e in ends:
        k = sum(1 for x in ends if abs(x - e) <= EDGE_TOL)
        if k > count or (k == count and best is not None and e > best):
            best, count = e, k
    return best if count * 2 > len(body) and len(body) >= 1 else None


def bare(word):
    return re.sub(r"^\W+|\W+$", "", word)


def listed(fragment, words):
    """Whether a word of `words` breaks after `fragment`."""
    f = fragment.lower()
    return any(w.lower().startswith(f + "-") for w in words)


def findings(pdf, first, last, allowed=()):
    out = []
    all_blocks = list(blocks(pdf, first, last))
    sizes = [round(l[2], 1) for _, ls in all_blocks for l in ls]
    text_size = max(set(sizes), key=sizes.count) if sizes else 0
    for n, lines in all_blocks:
        text = lambda l: " ".join(l[3])
        if len(lines) >= 2:
            edge = edge_of(lines)
            left = min(l[0] for l in lines)
            last = lines[-1]
            if edge is not None and len(lines) >= 3:
                measure = edge - left
                single = len(last[3]) == 1 and len(bare(last[3][0])) < 5
                if last[1] - left < measure / 5 or single:
                    out.append(("runt", n, text(last)))
            if len(lines) <= 4 and all(l[2] >= TITLE * text_size for l in lines):
                longest = max(l[1] - l[0] for l in lines)
                if last[1] - last[0] < 0.4 * longest:
                    out.append(("title", n, " / ".join(text(l) for l in lines)))
        words = [(w, li) for li, l in enumerate(lines) for w in l[3]]
        for i, (w, li) in enumerate(words):
            if not w.endswith("\u2010") or not bare(w)[:1].isupper():
                continue
            before = words[i - 1][0] if i else "."
            if not re.search(r"[.!?\u2026][\u00bb\u201d\u2019)\"]*$", before) and \
                    not listed(re.sub(r"^\W+|\u2010$", "", w), allowed):
                out.append(("name", n, text(lines[li])))
        for i in range(len(lines) - 2):
            three = lines[i:i + 3]
            for end in (0, -1):
                w = [bare(l[3][end]) for l in three]
                if w[0] and w[0] == w[1] == w[2]:
                    out.append(("stack", n, " / ".join(text(l) for l in three)))
    return out


def main(argv):
    a = typo_pdf.command_line(argv, ("--runts", "--titles", "--stacks", "--names", "--except"),
                              ("--list",), __doc__)
    if not a:
        return 2
    found = findings(a.pdf, a.first, a.last_page, a.opts.get("--except", "").split())
    count = {k: sum(1 for f in found if f[0] == k) for k in ("runt", "title", "stack", "name")}
    print(f"paragraph shapes: {a.pdf} pages {a.first}-{a.last}")
    print(f"  paragraphs ending on a runt          {count['runt']:4d}")
    print(f"  titles with a last line under 40 %   {count['title']:4d}")
    print(f"  stacks of 3 lines, same word         {count['stack']:4d}")
    print(f"  capitalised words hyphenated inside a sentence {count['name']:4d}")
    if "--list" in a.flags:
        for kind, p, text in found:
            print(f"  {kind} p{p}: {text}")
    return typo_pdf.over("typo-rules", a.opts, [
        (o, count[k], f"{count[k]} {k}s (at most {{}})")
        for k, o in (("runt", "--runts"), ("title", "--titles"), ("stack", "--stacks"),
                     ("name", "--names"))])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
