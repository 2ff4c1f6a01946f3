"""The test pictures of t-layout's shrink-to-fill and t-regions'
share-picture: red boxes.

  redbox.py PDF PAGE [PAGE...]   the size in pixels (width height, a line a
                                 page) of the red box on each page of PDF
                                 rendered at 30 dpi (pdftoppm), or "0 0"
                                 when there is none
  redbox.py --make FILE W H      writes a red box W pixels wide and H tall
                                 as the PNG file FILE"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def make_png(path, w, h):
    """Writes a red box w x h pixels as an 8-bit RGB PNG."""
    def chunk(t, b):
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
    raw = b"".join(b"\0" + b"\xff\x00\x00" * w for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def red_box(pdf, page, dpi=30):
    """(width, height) of the pixels of page `page` that are red
    (R > 200, G and B < 60), (0, 0) when none are."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-singlefile", pdf, os.path.join(tmp, "r")], check=True)
        data = open(os.path.join(tmp, "r.ppm"), "rb").read()
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    px = parts[3]
    xs, ys = [], []
    for y in range(h):
        row = px[y * w * 3:(y + 1) * w * 3]
        for x in range(w):
            r, g, b = row[x * 3:x * 3 + 3]
            if r > 200 and g < 60 and b < 60:
                xs.append(x)
                ys.append(y)
    return (max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if xs else (0, 0)


if __name__ == "__main__":
    if sys.argv[1] == "--make":
        make_png(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    for p in sys.argv[2:]:
        print("%d %d" % red_box(sys.argv[1], int(p)))
