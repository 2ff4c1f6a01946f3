#!/usr/bin/env python3
"""Writes variants of a brochure that the layout must handle with no code
change: variants.py SOURCE.xml OUTDIR

  big.xml      40 city cards and 12 projects
  empty.xml    the city section emptied (only its title left)
  long.xml     one city card with a text far longer than a page
"""
import copy
import os
import sys
import xml.etree.ElementTree as ET

XMLNS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("xml", XMLNS)


def load(path):
    return ET.parse(path)


def section(root, sid):
    return next(s for s in root.iter("section") if s.get("id") == sid)


def big(tree):
    root = tree.getroot()
    villes = section(root, "villes")
    cities = villes.findall("city")
    n = 0
    while len(villes.findall("city")) < 40:
        c = copy.deepcopy(cities[n % len(cities)])
        n += 1
        c.set("id", f"{c.get('id')}-{n}")
        c.find("name").text = f"{c.find('name').text} {n}"
        villes.append(c)
    partners = section(root, "projets-partenaires")
    projects = partners.findall("project")
    n = 0
    total = len(list(root.iter("project")))
    while total < 12:
        p = copy.deepcopy(projects[n % len(projects)])
        n += 1
        p.set("id", f"{p.get('id')}-{n}")
        p.find("name").text = f"{p.find('name').text} {n}"
        partners.append(p)
        total += 1
    return tree


def empty(tree):
    villes = section(tree.getroot(), "villes")
    for c in villes.findall("city"):
        villes.remove(c)
    return tree


def long(tree):
    city = next(tree.getroot().iter("city"))
    first = city.find("p")
    idx = list(city).index(first)
    for i in range(10):
        p = copy.deepcopy(first)
        p.text = f"({i + 1}) " + (first.text or "")
        city.insert(idx + 1 + i, p)
    return tree


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, fn in (("big", big), ("empty", empty), ("long", long)):
        fn(load(src)).write(os.path.join(out, name + ".xml"), encoding="UTF-8", xml_declaration=True)


if __name__ == "__main__":
    main()
