"""A classic PDF file written from its objects' bodies, with its
cross-reference table, for the test PDFs made by hand (tests/badpdf.py,
tests/pfcases.py).  Standard library only.

  pdf(objs, head=b"", trailer=b"")
"""


def pdf(objs, head=b"", trailer=b""):
    """The bytes of a PDF whose objects 1, 2, ... are the bodies objs
    (object 1 the catalog): the header line, then head (a binary comment
    line, say), the objects, the xref table and a trailer with /Size,
    /Root and what trailer adds (b" /Info 6 0 R")."""
    out = bytearray(b"%PDF-1.4\n" + head)
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, trailer, xref)
    return bytes(out)
