"""redbox.py PDF PAGE [PAGE...]: the size in pixels (width height, a line a
page) of the red box on each page of PDF rendered at 30 dpi (pdftoppm), or
"0 0" when there is none: the test pictures are red boxes (t-layout's
shrink-to-fill, t-regions' share-picture)."""
import os
import subprocess
import sys
import tempfile


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
    for p in sys.argv[2:]:
        print("%d %d" % red_box(sys.argv[1], int(p)))
