#!/usr/bin/env python3
"""pdfedit.py WHAT IN OUT PAGE [X Y W H]: a copy of a finished PDF with one
defect added, as a careless hand would, through qpdf's QDF form (qpdf
--qdf, a text edit, fix-qdf), to see preflight catch it:

  link  a link annotation (/Rect X Y X+W Y+H, pt) on page PAGE
  rgb   a DeviceRGB red rectangle (X Y W H, pt) drawn first on page PAGE

The rest of the file is untouched.  Needs qpdf (and its fix-qdf).
"""
import subprocess
import sys
import tempfile


def main():
    what, src, dst, page = sys.argv[1:5]
    x, y, w, h = (float(v) for v in (sys.argv[5:9] or (100, 100, 60, 20)))
    with tempfile.NamedTemporaryFile(suffix=".qdf") as tmp:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", src, tmp.name], check=True)
        data = open(tmp.name, "rb").read()
    if what == "link":
        at = data.index(b"%% Page " + page.encode() + b"\n")
        at = data.index(b"<<\n", at) + 3
        add = (b"  /Annots [ << /Type /Annot /Subtype /Link /Rect [ %g %g %g %g ] /Border [ 0 0 0 ] "
               b"/A << /S /URI /URI (https://example.org/) >> >> ]\n" % (x, y, x + w, y + h))
    elif what == "rgb":
        at = data.index(b"%% Contents for page " + page.encode() + b"\n")
        at = data.index(b"stream\n", at) + 7
        add = b"q 1 0 0 rg %g %g %g %g re f Q\n" % (x, y, w, h)
    else:
        sys.exit("pdfedit: WHAT is link or rgb")
    fixed = subprocess.run(["fix-qdf"], input=data[:at] + add + data[at:], stdout=subprocess.PIPE,
                           check=True).stdout
    with open(dst, "wb") as f:
        f.write(fixed)


main()
