#!/usr/bin/env python3
"""variant.py CLASS OUT [SHEET]: a sister brochure's style sheet, the house
style (SHEET, default styles/efus.xml) as it is today plus what a designer
adds for a section class of its own in three columns, as README's "For
designers" says to: a template of 3 columns (5 mm gutter), a section style
using it, and a role rule choosing that style by CLASS.

Made at test time, so that the sister brochures are always laid out with
the current house style, not a copy that drifts.
"""
import sys


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    cls, out = argv[1], argv[2]
    src = open(argv[3] if len(argv) == 4 else "styles/efus.xml", encoding="utf-8").read()
    adds = [
        ('  <template name="columns" ',
         '  <template name="three" columns="3" gutter="5mm" footer="yes"/>\n'),
        ('  <style name="subsection" ',
         '  <style name="section-three" parent="section" template="three"/>\n'),
        ('  <role element="section" in="section" ',
         '  <role element="section" class="%s" role="section" style="section-three"'
         ' title-style="section-title"/>\n' % cls),
    ]
    for before, line in adds:
        at = src.find(before)
        if at < 0:
            sys.stderr.write("variant.py: the sheet has no %r to add a line before\n" % before.strip())
            return 1
        src = src[:at] + line + src[at:]
    open(out, "w", encoding="utf-8").write(src)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
