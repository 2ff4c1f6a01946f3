#!/usr/bin/env python3
"""pngcmp.py BIG.png SMALL.png X: whether SMALL's pixels are BIG's from
column X on (same height), exactly.  Standard library only: the PNG is
inflated with zlib and its row filters undone here (8-bit RGB or RGBA,
not interlaced, as Cairo writes them)."""
import struct, sys, zlib


def pixels(path):
    b = open(path, "rb").read()
    assert b[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, w = 8, b"", 0
    while pos < len(b):
        n, kind = struct.unpack(">I4s", b[pos:pos + 8])
        data = b[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", data)
            assert depth == 8 and ctype in (2, 6) and lace == 0, (path, depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w * bpp)
    stride = w * bpp
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            c = prev[i - bpp] if i >= bpp else 0
            up = prev[i]
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + (a + up) // 2) & 255
            elif f == 4:
                p = a + up - c
                pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


bw, bh, bb, big = pixels(sys.argv[1])
sw, sh, sb, small = pixels(sys.argv[2])
x = int(sys.argv[3])
same = bh == sh and bb == sb and x + sw <= bw and all(
    big[y][x * bb:(x + sw) * bb] == small[y] for y in range(sh))
print("same" if same else "different")
sys.exit(0 if same else 1)
