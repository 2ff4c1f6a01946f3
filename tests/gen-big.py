#!/usr/bin/env python3
"""gen-big.py [--cities] BROCHURE.xml N > OUT.xml: a brochure N times as long.

The front matter (meta, cover, editorial, contents, credits) and the back
cover stay as they are; the sections are repeated N times.  In copy k > 1
every id and every ref/@project gains the suffix "-k", so ids stay unique
and each copy's city cards point to that copy's projects; the section
titles gain " (k)" so the Sommaire entries can be told apart.  Comments are
dropped.

With --cities only the city cards of the section "villes" are repeated N
times, after the last one (ids suffixed "-k", names " – copie k"): the
scaling of the benchmark peer's kit (its cards.py), so that the same 512
pages (N = 100) are measured with or without the peer installed.

Standard library only: the benchmark (tests/bench.py) runs it.
"""
import sys
import xml.etree.ElementTree as ET

XML_NS = "http://www.w3.org/XML/1998/namespace"


def renumber(elem, k):
    """Suffix the ids and project references below elem with -k."""
    for e in elem.iter():
        for attr in ("id", "project"):
            if attr in e.attrib:
                e.attrib[attr] = "%s-%d" % (e.attrib[attr], k)


def retitle(section, k):
    """Append " (k)" to the section's own title (its last text)."""
    title = section.find("title")
    if title is None:
        return
    if len(title):
        last = title[-1]
        last.tail = (last.tail or "") + " (%d)" % k
    else:
        title.text = (title.text or "") + " (%d)" % k


def grow(root, n):
    """Repeat root's <section> children n times, before the back cover."""
    sections = [c for c in root if c.tag == "section"]
    back = root.find("backcover")
    at = list(root).index(back) if back is not None else len(root)
    for k in range(2, n + 1):
        for s in sections:
            copy = ET.fromstring(ET.tostring(s))
            renumber(copy, k)
            for sub in copy.iter("section"):
                retitle(sub, k)
            root.insert(at, copy)
            at += 1


def grow_cities(root, n):
    """Repeat the city cards of section "villes" n times, after the last."""
    villes = [s for s in root.iter("section") if s.get("id") == "villes"]
    if not villes:
        return False
    cities = [c for c in villes[0] if c.tag == "city"]
    if not cities:
        return False
    at = list(villes[0]).index(cities[-1]) + 1
    for k in range(2, n + 1):
        for c in cities:
            copy = ET.fromstring(ET.tostring(c))
            for e in copy.iter():
                if "id" in e.attrib:
                    e.attrib["id"] += "-%d" % k
            name = copy.find("name")
            if name is not None:
                name.text = (name.text or "") + " – copie %d" % k
            villes[0].insert(at, copy)
            at += 1
    return True


def main(argv):
    cities = len(argv) > 1 and argv[1] == "--cities"
    if cities:
        argv = argv[:1] + argv[2:]
    if len(argv) != 3 or not argv[2].isdigit() or int(argv[2]) < 1:
        sys.stderr.write("usage: gen-big.py [--cities] BROCHURE.xml N > OUT.xml\n")
        return 2
    ET.register_namespace("xml", XML_NS)
    tree = ET.parse(argv[1])
    if cities:
        if not grow_cities(tree.getroot(), int(argv[2])):
            sys.stderr.write("gen-big.py: %s has no city cards in a section \"villes\"\n"
                             % argv[1])
            return 2
    else:
        grow(tree.getroot(), int(argv[2]))
    out = sys.stdout.buffer
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="utf-8", xml_declaration=False)
    out.write(b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
