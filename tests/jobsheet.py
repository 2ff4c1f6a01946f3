#!/usr/bin/env python3
"""jobsheet.py SHEET.json PDF [PAGE...]: the job sheet's figures against
the same PDF measured with other tools; prints one line per fact,
"ok NAME value" or "BAD NAME sheet=... measured=...", and exits 1 on any BAD.

  pages, PDF version, PDF/X     pdfinfo
  trim, bleed                   pdfinfo -box (TrimBox, BleedBox of page 1)
  sheets                        pages / 4 (saddle stitch)
  output intent                 qpdf --json (tests/pdfinfo.py intent)
  fonts (embedded, subset)      pdffonts
  minimum image ppi             pdfimages -list (the lower of x-ppi, y-ppi)
  created                       pdfinfo -isodates
  md5                           md5sum
  spots                         qpdf --json: Separation / DeviceN names
  plates and max ink of PAGE... Ghostscript tiffsep (another device than the
                                sheet's psdcmyk) through the intent's
                                profile, DeviceCMYK as is, inside the
                                TrimBox: within 2 %
"""
import hashlib, json, os, re, subprocess, sys, tempfile, glob

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plates  # noqa: E402  (tiff reader)


def load(pdf):
    """(pages, objects) of qpdf --json."""
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf],
                                  check=True, capture_output=True).stdout)
    return j["pages"], j["qpdf"][1]


def deref(objs, v):
    while isinstance(v, str) and v.endswith(" R"):
        o = objs["obj:" + v]
        v = o.get("value", o.get("stream", {}).get("dict"))
    return v


bad = 0


def say(name, sheet, measured, good=None):
    global bad
    good = (sheet == measured) if good is None else good
    if good:
        print("ok %s %s" % (name, sheet))
    else:
        bad += 1
        print("BAD %s sheet=%r measured=%r" % (name, sheet, measured))


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main():
    js = json.load(open(sys.argv[1]))
    pdf = sys.argv[2]
    info = run("pdfinfo", "-isodates", "-box", pdf)
    field = lambda k: re.search(r"^%s:\s*(.*)$" % re.escape(k), info, re.M).group(1).strip()
    n = int(field("Pages"))
    say("pages", js["pages"], n)
    say("sheets", js["sheets"], (n + 3) // 4)
    say("pdf_version", js["pdf_version"], field("PDF version"))
    sub = re.search(r"^PDF subtype:\s*(.*)$", info, re.M)
    say("pdfx", js["pdfx"], sub.group(1).strip() if sub and "PDF/X" in sub.group(1) else None)
    box = lambda k: [float(v) for v in field(k).split()]
    t, b = box("TrimBox"), box("BleedBox")
    mm = lambda pt: round(pt * 25.4 / 72, 1)
    say("trim_mm", js["trim_mm"], [mm(t[2] - t[0]), mm(t[3] - t[1])])
    say("bleed_mm", js["bleed_mm"], mm(min(t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3])))
    say("created", js["created"], field("CreationDate") if "CreationDate" in info else None)
    say("md5", js["md5"], hashlib.md5(open(pdf, "rb").read()).hexdigest())
    # fonts: names without the subset tag, all embedded and subset as pdffonts says
    rows = run("pdffonts", pdf).splitlines()[2:]
    pf = {}
    for r in rows:
        cols = r.split()
        name = re.sub(r"^[A-Z]{6}\+", "", cols[0])
        emb, subs = cols[-5], cols[-4]
        pf.setdefault(name, [True, True])
        pf[name][0] &= emb == "yes"
        pf[name][1] &= subs == "yes"
    sf = {}
    for f in js["fonts"]:
        sf.setdefault(f["name"], [True, True])
        sf[f["name"]][0] &= f["embedded"]
        sf[f["name"]][1] &= f["subset"]
    say("fonts", sorted(sf.items()), sorted(pf.items()))
    # images: the lowest effective resolution as placed
    rows = run("pdfimages", "-list", pdf).splitlines()[2:]
    ppis = [min(int(r.split()[12]), int(r.split()[13])) for r in rows if r.split()[2] == "image"]
    mine = js["min_image_ppi"]
    say("min_image_ppi", mine, min(ppis) if ppis else None,
        (mine is None and not ppis) or (ppis and mine is not None and abs(mine - min(ppis)) <= 1))
    # the output intent as qpdf --json shows it
    pages, objs = load(pdf)
    root = objs["trailer"]["value"]["/Root"]
    cat = deref(objs, root)
    ois = deref(objs, cat.get("/OutputIntents")) or []
    ident = None
    for oi in ois:
        oi = deref(objs, oi)
        if oi.get("/S") == "/GTS_PDFX":
            ident = oi.get("/OutputConditionIdentifier", "")
            ident = ident[2:] if ident.startswith("u:") else ident
    say("output_intent", js["output_intent"]["identifier"], ident)
    # spot inks named by colour spaces anywhere in the file
    spots = set()

    def walk(v, depth=0):
        if depth > 40:
            return
        if isinstance(v, list):
            if len(v) > 1 and v[0] in ("/Separation", "/DeviceN"):
                names = v[1] if isinstance(v[1], list) else [v[1]]
                spots.update(x[1:] for x in names if isinstance(x, str) and x.startswith("/"))
            for x in v:
                walk(x, depth + 1)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x, depth + 1)
    for o in objs.values():
        walk(o.get("value", o.get("stream", {}).get("dict")))
    spots -= {"All", "None", "Cyan", "Magenta", "Yellow", "Black"}
    say("spots", sorted(js["spots"]), sorted(spots))
    # max ink of the pages asked, through the intent's profile
    with tempfile.TemporaryDirectory() as tmp:
        icc = None
        prof = [deref(objs, oi).get("/DestOutputProfile") for oi in ois]
        if prof and prof[0]:
            data = subprocess.run(["qpdf", "--show-object=" + prof[0].split()[0],
                                              "--filtered-stream-data", pdf],
                                             check=True, capture_output=True).stdout
            icc = os.path.join(tmp, "intent.icc")
            open(icc, "wb").write(data)
        for pg in sys.argv[3:]:
            for f in glob.glob(os.path.join(tmp, "p*.tif")):
                os.unlink(f)
            cmd = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
                   "-sCompression=none", "-r%d" % js["ink_dpi"], "-dUseTrimBox",
                   "-dFirstPage=" + pg, "-dLastPage=" + pg]
            if icc:
                cmd += ["--permit-file-read=" + icc, "-sOutputICCProfile=" + icc,
                        "-sDefaultCMYKProfile=" + icc,
                        "-dRenderIntent=1", "-dBlackPtComp=1"]
            subprocess.run(cmd + ["-sOutputFile=" + os.path.join(tmp, "p.tif"), pdf], check=True)
            files = sorted(glob.glob(os.path.join(tmp, "p(*).tif")))
            seps = [plates.tiff_gray(f)[2] for f in files]
            mx = max(sum(px) for px in zip(*seps)) * 100 / 255
            used = sorted(re.search(r"\((.*)\)\.tif$", f).group(1) for f, d in zip(files, seps)
                          if max(d) >= 0.02 * 255)
            say("plates_page_" + pg, sorted(js["plates_per_page"][int(pg) - 1]), used)
            mine = js["ink_per_page_percent"][int(pg) - 1]
            say("max_ink_page_" + pg, mine, round(mx), abs(mine - mx) <= 2)
        say("max_ink_percent", js["max_ink_percent"], max(js["ink_per_page_percent"]))
    sys.exit(1 if bad else 0)


main()
