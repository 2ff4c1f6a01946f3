#!/usr/bin/env python3
"""hostile.py SEED DIR: a generated document (gendoc.py) with one random
fault that makes it invalid, and what a build must say about it.

Writes DIR/doc.xml, DIR/style.xml and DIR/expect, one line:
"FILE LO HI WHAT": the build must fail with exit status 1 (errors in the
input, README), print an error located at FILE (doc.xml or style.xml),
line LO to HI, write no PDF and leave nothing behind.  The faults:
document: an unknown element, an attribute value the schema refuses
(toc, id, years, xml:lang, a javascript: link), a duplicate id, a ref to
no project, an undefined entity, a noncharacter, a control character,
an unclosed element, a truncated file, a required element removed (an
empty title is no fault: RelaxNG's text matches the empty string); style sheet: a size that is not a length, an unknown
template, an inheritance cycle, too many columns, an empty font name,
an unknown colour.  Deterministic for a seed.  Standard library only.
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gendoc  # noqa: E402


def lines_matching(lines, pat):
    return [i for i, l in enumerate(lines) if re.search(pat, l)]


def sub_one(r, lines, where, pat, by):
    """In one line matching `where`, chosen at random, the first match of
    pat replaced by `by`: that line's index, None when no line matches."""
    c = lines_matching(lines, where)
    if not c:
        return None
    i = r.choice(c)
    lines[i] = re.sub(pat, by, lines[i], count=1)
    return i


# the faults made by one substitution in one line: kind: (the lines it may
# go in, what it replaces there, by what)
DOC_SUBS = {
    "element": (r"<p[ >]", r"(<p[ >][^>]*>|<p>)", r"\1<blink>x</blink>"),
    "toc": (r'<section [^>]*toc="', r'toc="[^"]*"', 'toc="3"'),
    "id": (r'<(section|city|project|service) id="', r'id="[^"]*"', 'id="Bad_Id"'),
    "years": (r' years="', r'years="[^"]*"', 'years="20x9"'),
    "href": (r'<link href="', r'<link href="[^"]*"', '<link href="javascript:app.alert(1)"'),
    "ref": (r'<ref project="', r'project="[^"]*"', 'project="no-such-project"'),
}
STYLE_SUBS = {
    "size": (r'<style [^>]*size="', r'size="[^"]*"', 'size="nine"'),
    "template": (r'<style [^>]*template="', r'template="[^"]*"', 'template="no-such-template"'),
    "font": (r'<style [^>]*font="', r'font="[^"]*"', 'font=""'),
    "colour": (r'<style [^>]*color="', r'color="[^"]*"', 'color="no-such-colour"'),
}


def fault_doc(r, lines):
    """One fault in the document's lines; returns (what, lo, hi) (1-based)
    or None when this document has no place for it."""
    kinds = ["element", "toc", "id", "years", "lang", "href", "dup-id", "ref", "entity",
             "nonchar", "control", "unclosed", "truncated", "missing"]
    k = r.choice(kinds)
    if k in DOC_SUBS:
        i = sub_one(r, lines, *DOC_SUBS[k])
        return None if i is None else (k, i + 1, i + 1)
    if k == "lang":
        c = lines_matching(lines, r'<(p|item|section|city)[ >]')
        if not c:
            return None
        i = r.choice(c)
        lines[i] = re.sub(r' xml:lang="[^"]*"', "", lines[i])
        lines[i] = re.sub(r"<(p|item|section|city)([ >])", r'<\1 xml:lang="not a tag!"\2', lines[i], count=1)
        return k, i + 1, i + 1
    if k == "dup-id":
        c = lines_matching(lines, r'<(section|city|project|service) id="')
        if len(c) < 2:
            return None
        a, b = sorted(r.sample(c, 2))
        first = re.search(r'id="([^"]*)"', lines[a]).group(1)
        old = re.search(r'id="([^"]*)"', lines[b]).group(1)
        if any('project="%s"' % old in l for l in lines):
            return None  # renaming a referenced project would add a second fault
        lines[b] = lines[b].replace('id="%s"' % old, 'id="%s"' % first, 1)
        return k, b + 1, b + 1
    if k in ("entity", "nonchar", "control"):
        c = lines_matching(lines, r"<p[^>]*>[^<]")
        if not c:
            return None
        i = r.choice(c)
        ins = {"entity": "&nbsp;", "nonchar": "\ufdd0", "control": "\x01"}[k]
        lines[i] = re.sub(r"(<p[^>]*>)", lambda m: m.group(1) + "a" + ins + "b ", lines[i], count=1)
        return k, i + 1, i + 1
    if k == "unclosed":
        i = sub_one(r, lines, r"</p>\s*$", r"</p>\s*$", "")
        return None if i is None else (k, i + 1, len(lines))
    if k == "truncated":
        n = r.randint(3, len(lines) - 2)
        cut = lines[n][:r.randint(0, len(lines[n]))]
        del lines[n:]
        lines.append(cut)
        # the message may instead name the innermost element left open
        # ("<list> is never closed") at its start tag's line
        return k, max(1, n - 1), n + 1, open_at_end(lines)
    if k == "missing":
        c = lines_matching(lines, r"<member-since>")
        if not c:
            return None
        i = r.choice(c)
        # the city's start tag ... its end tag: the error is at one of them
        start = max(j for j in range(i) if "<city " in lines[j])
        del lines[i]
        return k, start + 1, i + 1
    return None


def fault_style(r, lines):
    kinds = ["size", "template", "cycle", "columns", "font", "colour"]
    k = r.choice(kinds)
    if k in STYLE_SUBS:
        i = sub_one(r, lines, *STYLE_SUBS[k])
    elif k == "cycle":
        c = lines_matching(lines, r'<style name="base"')
        i = c[0]
        lines[i] = lines[i].replace('<style name="base"', '<style name="base" parent="p"', 1)
    elif k == "columns":
        c = lines_matching(lines, r'<style name="city-card"')
        i = c[0]
        lines[i] = re.sub(r'columns="[^"]*"', 'columns="9"', lines[i], count=1)
    return k, i + 1, i + 1


def open_at_end(lines):
    """The line of the start tag of the innermost element still open at the
    end of lines (comments, declarations and empty elements skipped)."""
    stack = []
    text = "\n".join(lines)
    for m in re.finditer(r"<!--.*?-->|<[?!][^>]*>|<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>", text, re.S):
        if not m.group(2):
            continue
        if m.group(1):
            if stack and stack[-1][0] == m.group(2):
                stack.pop()
        elif not m.group(3):
            stack.append((m.group(2), text.count("\n", 0, m.start()) + 1))
    return stack[-1][1] if stack else 1


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit():
        sys.stderr.write("usage: hostile.py SEED DIR\n")
        return 2
    seed, out = int(argv[1]), argv[2]
    if gendoc.main(["gendoc.py", str(seed), out]) != 0:
        return 1
    r = random.Random(seed * 104729 + 7)
    which = "style.xml" if r.random() < 0.25 else "doc.xml"
    path = os.path.join(out, which)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if which == "style.xml":
        # one element a line, so that a fault's line is the element's line
        text = "\n".join(lines)
        text = re.sub(r"\s*\n\s+(?=[a-z-]+=\")", " ", text)
        lines = text.split("\n")
        res = fault_style(r, lines)
    else:
        res = None
        for _ in range(20):
            trial = list(lines)
            res = fault_doc(r, trial)
            if res:
                lines = trial
                break
    if not res:
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    with open(os.path.join(out, "expect"), "w") as f:
        f.write("%s %d %d %s%s\n" % (which, res[1], res[2], res[0], " %d" % res[3] if len(res) > 3 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
