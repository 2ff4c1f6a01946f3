#!/usr/bin/env python3
"""xliff-strings.py FILE.xlf|FILE.pot: the distinct translatable strings of an
XLIFF 2 file written by plaquette (inline codes shown as their original
markup, from dispStart/dispEnd/disp) or of a PO template written by
itstool, one a line, sorted: so that the two can be compared."""
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

NS = "{urn:oasis:names:tc:xliff:document:2.0}"


def flat(el):
    # text as itstool writes it: XML markup, so & and < escaped
    out = escape(el.text or "")
    for k in el:
        if k.tag == NS + "pc":
            out += k.get("dispStart", "") + flat(k) + k.get("dispEnd", "")
        elif k.tag == NS + "ph":
            out += k.get("disp", "")
        out += escape(k.tail or "")
    return out


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def xliff(path):
    root = ET.parse(path).getroot()
    for src in root.iter(NS + "source"):
        yield norm(flat(src))


def pot(path):
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        s = "".join(re.findall(r'^"(.*)"$', block, re.M))
        s = re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)
        if s:
            yield norm(s)


path = sys.argv[1]
strings = sorted(set(xliff(path) if path.endswith(".xlf") else pot(path)))
print("\n".join(strings))
