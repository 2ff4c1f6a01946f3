#!/usr/bin/env python3
"""shapetext.py PDF XML: the text layer of a PDF against its source.

Reads every line of the PDF's text (pdftotext -bbox-layout) and checks
that the paragraphs of XML (<p>, inline markup flattened) come back
letter for letter (spaces aside: a word split over lines) once the
hyphens added at line ends are taken off, with no ligature code point
(U+FB00..U+FB06: a ligature glyph must extract as its letters); counts
the line breaks that fall between the letters of an f-ligature (a line
ending in "f", hyphen or not, the next starting with "f", "i" or "l"):
prints that count and exits 1 on a mismatch.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HYPHEN = '\u2010'


def pdf_lines(pdf):
    """The text lines of a PDF in reading order: page by page, the left
    half's lines before the right half's (a section's two columns), top
    to bottom."""
    html = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], check=True,
                          capture_output=True, text=True).stdout
    lines = []
    for pno, page in enumerate(re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S)):
        half = float(page[0]) / 2
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page[1], re.S):
            words = re.findall(r'<word[^>]*>([^<]*)</word>', m.group(3))
            key = (pno, float(m.group(1)) >= half, float(m.group(2)))
            lines.append((key, [w.replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
                                .replace('&apos;', "'").replace('&quot;', '"') for w in words]))
    return [words for _, words in sorted(lines, key=lambda kv: kv[0])]


def main():
    pdf, src = sys.argv[1], sys.argv[2]
    paras = [' '.join(''.join(p.itertext()).split()) for p in ET.parse(src).iter('p')]
    lines = pdf_lines(pdf)
    text, inside = [], 0
    for i, words in enumerate(lines):
        if not words:
            continue
        last = words[-1]
        nxt = lines[i + 1][0] if i + 1 < len(lines) and lines[i + 1] else ''
        if last.rstrip(HYPHEN).endswith('f') and nxt[:1] and nxt[:1] in 'fil':
            inside += 1
        if last.endswith(HYPHEN) and nxt:
            words = words[:-1] + [last[:-1] + '\x00']
        text.append(' '.join(words))
    flat = ' '.join(text).replace('\x00 ', '')
    bad = [c for c in flat if 0xFB00 <= ord(c) <= 0xFB06]
    ok = not bad
    if bad:
        print('ligature code points in the text layer: %s' % ' '.join('U+%04X' % ord(c) for c in set(bad)))
    flat = flat.replace('\u2019', "'")
    bare = ''.join(flat.split())
    for p in paras:
        if ''.join(p.replace('\u2019', "'").split()) not in bare:
            ok = False
            # the first word where they part
            pw = p.split()
            for k in range(len(pw), 0, -1):
                if ' '.join(pw[:k]) in flat:
                    print('paragraph differs after %r: source %r' % (' '.join(pw[max(0, k - 3):k]), ' '.join(pw[k:k + 3])))
                    break
            else:
                print('paragraph not found: %r' % p[:60])
    print('breaks inside an f-ligature: %d' % inside)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
