#!/usr/bin/env python3
"""pfcases.py OUTDIR ICC: one-page PDFs, each with one colour defect that
'plaquette preflight' must find (and clean-x3.pdf with none), on an A4
trim with 3 mm of bleed and an output intent carrying the CMYK profile
ICC.  For each file it prints a line "NAME X Y": where the defect is, in
mm from the trim's top left corner (its top left corner), as preflight
words positions.  Standard library only; qpdf --check must accept them.
"""
import os
import sys
import zlib

import pdfbytes

MM = 72 / 25.4
MEDIA = [0, 0, 629.28, 875.89]
BLEED = [8.5, 8.5, 620.78, 867.39]
TRIM = [17, 17, 612.28, 858.89]


def where(x, y_top):
    """A point (pt, PDF space) as preflight words it: mm from the trim's top left."""
    return "%.1f %.1f" % ((x - TRIM[0]) / MM, (TRIM[3] - y_top) / MM)


def pdf(path, content, resources="<< >>", pdfx="PDF/X-3:2002", icc=None, annots="",
        extra=()):
    """Writes a one-page PDF; extra: more objects (their text), numbered from 8."""
    objs = []
    intent = ""
    if icc is not None:
        intent = "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX " \
                 "/OutputConditionIdentifier (FOGRA39) /Info (test) /DestOutputProfile 7 0 R >>]"
    objs.append(("<< /Type /Catalog /Pages 2 0 R %s >>" % intent).encode())
    objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    boxes = "/MediaBox [%s] /BleedBox [%s] /TrimBox [%s]" % tuple(
        " ".join("%g" % v for v in b) for b in (MEDIA, BLEED, TRIM))
    objs.append(("<< /Type /Page /Parent 2 0 R %s /Resources 4 0 R /Contents 5 0 R %s >>"
                 % (boxes, annots)).encode())
    objs.append(resources.encode())
    data = content.encode("latin-1") if isinstance(content, str) else content
    objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    objs.append(("<< /Title (test) /Trapped /False /GTS_PDFXVersion (%s) >>" % pdfx).encode())
    prof = icc if icc is not None else b""
    objs.append(b"<< /N 4 /Length %d >>\nstream\n" % len(prof) + prof + b"\nendstream")
    for e in extra:
        objs.append(e if isinstance(e, bytes) else e.encode("latin-1"))
    with open(path, "wb") as f:
        f.write(pdfbytes.pdf(objs, b"%\xe2\xe3\xcf\xd3\n", b" /Info 6 0 R"))


def main():
    out, icc_path = sys.argv[1], sys.argv[2]
    with open(icc_path, "rb") as f:
        icc = f.read()
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    # nothing wrong: 100 % K text-sized box, a 60 % blue, grey
    pdf(p("clean-x3.pdf"), "0 0 0 1 k 100 100 50 50 re f 0.6 0.3 0 0 k 200 200 40 40 re f "
        "0.5 g 300 300 20 20 re f", icc=icc)
    print("clean-x3", where(100, 150))
    # an RGB rectangle in a PDF/X-3 file
    pdf(p("rgb-x3.pdf"), "0 0 0 1 k 100 600 50 50 re f 1 0 0 rg 120 400 60 30 re f", icc=icc)
    print("rgb-x3", where(120, 430))
    # a link annotation inside the bleed of a PDF/X-4 file
    pdf(p("link-x4.pdf"), "0 0 0 1 k 100 100 50 50 re f", pdfx="PDF/X-4", icc=icc,
        annots="/Annots [<< /Type /Annot /Subtype /Link /Rect [300 500 400 520] "
               "/Border [0 0 0] /A << /S /URI /URI (https://example.org/) >> >>]")
    print("link-x4", where(300, 520))
    # 400 % of ink
    pdf(p("ink-400.pdf"), "1 1 1 1 k 250 300 30 40 re f", icc=icc)
    print("ink-400", where(250, 340))
    # 9 pt text in four-colour black (and 14 pt text in it, allowed)
    fonts = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    pdf(p("black-text.pdf"), "BT /F1 9 Tf 0.6 0.5 0.5 1 k 1 0 0 1 90 700 Tm (Bonjour) Tj ET "
        "BT /F1 14 Tf 1 0 0 1 90 600 Tm (Titre) Tj ET", resources=fonts, icc=icc)
    print("black-text", where(90, 709))
    # registration colour inside the trim (a mark outside it is fine)
    sep = "<< /ColorSpace << /Reg [/Separation /All /DeviceCMYK << /FunctionType 2 /Domain [0 1] " \
          "/C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>] >> >>"
    pdf(p("reg-trim.pdf"), "/Reg CS 1 SCN 0.25 w 0 20 m 12 20 l S 200 300 m 260 300 l 200 310 m "
        "260 310 l S", resources=sep, icc=icc)
    print("reg-trim", where(200, 300))
    # one spot ink spelt two ways
    spots = "<< /ColorSpace << /S1 [/Separation /PANTONE#207691#20C /DeviceCMYK 8 0 R] " \
            "/S2 [/Separation /Pantone#207691C /DeviceCMYK 8 0 R] >> >>"
    pdf(p("spots.pdf"), "/S1 cs 1 scn 100 100 40 40 re f /S2 cs 0.5 scn 200 100 40 40 re f",
        resources=spots, icc=icc,
        extra=["<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0.85 0.44 0.01 0.32] /N 1 >>"])
    print("spots", where(100, 140))
    # one spot ink with two alternates (the second a different blue)
    alts = "<< /ColorSpace << /S1 [/Separation /PANTONE#207691#20C /DeviceCMYK 8 0 R] " \
           "/S2 [/Separation /PANTONE#207691#20C /DeviceCMYK 9 0 R] >> >>"
    pdf(p("spot-alt.pdf"), "/S1 cs 1 scn 100 100 40 40 re f /S2 cs 1 scn 200 100 40 40 re f",
        resources=alts, icc=icc,
        extra=["<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0.85 0.44 0.01 0.32] /N 1 >>",
               "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 0.5 0 0] /N 1 >>"])
    print("spot-alt", where(100, 140))
    # a 0.1 pt hairline
    pdf(p("hairline-x3.pdf"), "0 0 0 1 K 0.1 w 150 450 m 350 450 l S", icc=icc)
    print("hairline-x3", where(150, 450))
    # images: a CMYK image carrying the profile (ICCBased) and reaching
    # 349 % in one pixel, and a DeviceRGB one: 4 x 2 px each, at 72 ppi
    px = bytes([0, 0, 0, 0] * 7 + [255, 255, 255, 125])
    rgb = bytes([200, 30, 30] * 8)
    imgs = "<< /XObject << /Im1 8 0 R /Im2 9 0 R >> >>"
    pdf(p("images-x3.pdf"), "q 4 0 0 2 100 500 cm /Im1 Do Q q 40 0 0 20 200 500 cm /Im2 Do Q",
        resources=imgs, icc=icc, extra=[
            b"<< /Type /XObject /Subtype /Image /Width 4 /Height 2 /BitsPerComponent 8 "
            b"/ColorSpace [/ICCBased 7 0 R] /Length %d >>\nstream\n" % len(px) + px + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 4 /Height 2 /BitsPerComponent 8 "
            b"/ColorSpace /DeviceRGB /Length %d >>\nstream\n" % len(rgb) + rgb + b"\nendstream"])
    print("images-x3", where(100, 502))
    # decompression bombs where colour is read: an ICCBased profile and a
    # 4 x 2 px CMYK image, each 512 MiB of zeros once inflated (~0.5 MB)
    z = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    bomb = b"".join(z.compress(chunk) for _ in range(512)) + z.flush()
    pdf(p("bombs-x3.pdf"), "/B cs 0.5 0.5 0.5 sc 100 100 50 50 re f q 4 0 0 2 100 500 cm /Im1 Do Q",
        resources="<< /ColorSpace << /B [/ICCBased 8 0 R] >> /XObject << /Im1 9 0 R >> >>",
        icc=icc, extra=[
            b"<< /N 3 /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 4 /Height 2 /BitsPerComponent 8 "
            b"/ColorSpace /DeviceCMYK /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb)
            + bomb + b"\nendstream"])
    print("bombs-x3", where(100, 150))


main()
