#!/usr/bin/env python3
"""plates.py PDF [PAGE...]
plates.py --colours PDF PAGE [ICC]: the five commonest ink mixes of the page
as "c/m/y/k" in %, rendered through the CMYK profile ICC when given
(Ghostscript's own colour management: -sOutputICCProfile, relative
colorimetric with black point compensation).

The press plates of a PDF as a RIP separates
them (Ghostscript's tiffsep device), measured from the separation files.

For each page prints one line:
  page N: plates C M Y K PANTONE_X ...; max-ink 287%; marks C M Y K
"plates" are the separations carrying ink inside the TrimBox (any pixel at
least 2 %), "max-ink" the highest total area coverage of one pixel over
all plates inside the TrimBox, "marks" the plates carrying full (100 %) ink
outside the BleedBox, where the crop and registration marks are: marks in
registration colour are on every plate at full strength, black made of
four inks is not.  The page boxes come
from qpdf --json.  Uncompressed 8-bit TIFF is read directly: no imaging
library is needed.
"""
import glob, json, os, re, struct, subprocess, sys, tempfile

DPI = 50


def tiff_gray(path):
    """(width, height, bytes of ink 0..255) of an uncompressed 8-bit TIFF."""
    b = open(path, "rb").read()
    e = "<" if b[:2] == b"II" else ">"
    off = struct.unpack(e + "I", b[4:8])[0]
    n = struct.unpack(e + "H", b[off:off + 2])[0]
    tags = {}
    for i in range(n):
        t, typ, cnt, val = struct.unpack(e + "HHI4s", b[off + 2 + 12 * i: off + 14 + 12 * i])
        size = {3: 2, 4: 4}.get(typ, 1)
        fmt = {3: "H", 4: "I"}.get(typ, "B")
        if cnt * size <= 4:
            vals = struct.unpack(e + fmt * cnt, val[:cnt * size])
        else:
            p = struct.unpack(e + "I", val)[0]
            vals = struct.unpack(e + fmt * cnt, b[p:p + cnt * size])
        tags[t] = vals
    w, h = tags[256][0], tags[257][0]
    if tags.get(259, (1,))[0] != 1 or tags.get(258, (8,))[0] != 8:
        sys.exit("plates.py: %s is not uncompressed 8-bit" % path)
    data = b"".join(b[o:o + c] for o, c in zip(tags[273], tags[279]))
    if tags.get(262, (1,))[0] == 1:  # BlackIsZero: 0 = full ink
        data = bytes(255 - v for v in data)
    return w, h, data


def boxes(pdf):
    """The MediaBox, TrimBox and BleedBox of every page (qpdf --json)."""
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf],
                                  check=True, capture_output=True).stdout)
    objs = j["qpdf"][1]
    out = []
    for p in j["pages"]:
        d = objs["obj:" + p["object"]]["value"]
        out.append({k: d.get(k) for k in ("/MediaBox", "/TrimBox", "/BleedBox")})
    return out


def colours(pdf, page, icc=None):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
               "-sCompression=none", "-r30", "-dFirstPage=" + page, "-dLastPage=" + page]
        if icc:
            icc = os.path.abspath(icc)
            cmd += ["--permit-file-read=" + icc, "-sOutputICCProfile=" + icc,
                    "-dRenderIntent=1", "-dBlackPtComp=1"]
        subprocess.run(cmd + ["-sOutputFile=" + os.path.join(tmp, "p.tif"), pdf], check=True)
        pl = [tiff_gray(os.path.join(tmp, "p(%s).tif" % n))[2]
              for n in ("Cyan", "Magenta", "Yellow", "Black")]
        count = {}
        for px in zip(*pl):
            count[px] = count.get(px, 0) + 1
        for px, n in sorted(count.items(), key=lambda kv: -kv[1])[:5]:
            print("/".join(str(round(v / 2.55)) for v in px))


def main():
    if sys.argv[1] == "--colours":
        return colours(*sys.argv[2:])
    pdf = sys.argv[1]
    bx = boxes(pdf)
    pages = [int(a) for a in sys.argv[2:]] or list(range(1, len(bx) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for pg in pages:
            for f in glob.glob(os.path.join(tmp, "*")):
                os.unlink(f)
            subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
                            "-sCompression=none", "-r%d" % DPI, "-dFirstPage=%d" % pg,
                            "-dLastPage=%d" % pg, "-sOutputFile=" + os.path.join(tmp, "p.tif"), pdf],
                           check=True)
            m = bx[pg - 1]
            media = m["/MediaBox"]
            trim = m["/TrimBox"] or media
            bleed = m["/BleedBox"] or trim
            seps = {}
            for f in sorted(glob.glob(os.path.join(tmp, "p(*).tif"))):
                seps[re.search(r"\((.*)\)\.tif$", f).group(1)] = tiff_gray(f)
            w, h = next(iter(seps.values()))[:2]
            sc = DPI / 72.0

            def px(r):  # PDF box -> pixel box (x0, y0, x1, y1), y from the top
                return (int((r[0] - media[0]) * sc), int((media[3] - r[3]) * sc),
                        int((r[2] - media[0]) * sc), int((media[3] - r[1]) * sc))
            t, bl = px(trim), px(bleed)
            used, marks = [], []
            total = [0] * (w * h)
            for name, (_, _, d) in seps.items():
                inside = outside = 0
                for y in range(h):
                    row = d[y * w:(y + 1) * w]
                    for x in range(w):
                        v = row[x]
                        if not v:
                            continue
                        if t[0] <= x < t[2] and t[1] <= y < t[3]:
                            total[y * w + x] += v
                            if v >= 5:
                                inside += 1
                        elif v >= 250 and not (bl[0] <= x < bl[2] and bl[1] <= y < bl[3]):
                            outside += 1
                if inside:
                    used.append(name)
                if outside:
                    marks.append(name)
            mx = max(total) * 100 // 255 if total else 0
            print("page %d: plates %s; max-ink %d%%; marks %s" %
                  (pg, " ".join(used) or "none", mx, " ".join(marks) or "none"))


if __name__ == "__main__":
    main()
