#!/usr/bin/env python3
"""bench.py PLAQUETTE: how fast plaquette is, beside a peer when one is there.

One report (make bench runs it):
  - the brochure (16 pages) and the 512-page input (its 15 city cards x 100:
    the peer kit's cards.py when the peer is installed, else
    tests/gen-big.py --cities, the same document) in paired whole-process
    runs, plaquette (A) then the peer (B), A B A B ...: the median of each,
    the median of the per-pair ratios A/B (stable on a busy machine where
    single times are not), the cost a page and the peak memory of both;
  - a long input (tests/gen-big.py's sections x 118: 1 332 pages, the
    issue's "1 328"), plaquette's peak memory and time;
  - the time of each stage (PLAQUETTE_TIMINGS=1), the median over the runs,
    with "outside" = the whole process less its stages (start, exit), and
    beside them each stage's floor where an outside tool does the same work
    (floor_cases: plaquette --version for start and exit, xmllint for the
    document's and the sheet's parsing and RelaxNG validation), measured in
    the same run;
  - with CALLGRIND=1, valgrind's instruction counts of the brochure and the
    512 pages, the brochure's by stage (one --separate-threads run read with
    callgrind_annotate) beside the same floors' counts: the noise-free record.
Then the issue's targets, each met or missed.

Environment: PEER=DIR (a folder with typst-ts.js and its node_modules,
cards.py and the sources DIR/out/1x/brochure.typ, DIR/out/100x/brochure.typ:
README "Benchmarks"), PAIRS (default 9: the brochure's pairs; the big inputs
run a third as many), CALLGRIND=1, BIG_PAGES=0 to skip the long input.
Timings are never a test: this prints, it does not fail.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN_BIG = os.path.join(HERE, "gen-big.py")
BROCHURE = "data/brochure.xml"


def run(cmd, env=None, stderr_to=None):
    """One whole-process run of cmd: (wall seconds, peak RSS MiB, stderr)."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=err, env=env)
    _, status, use = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        sys.stderr.write("bench: failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), text))
        sys.exit(3)
    return t1 - t0, use.ru_maxrss / 1024.0, text


def stages(text):
    """The "plaquette: timing: STAGE MS" lines of one run, summed by stage."""
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 4 and f[0] == "plaquette:" and f[1] == "timing:":
            try:
                out[f[2]] = out.get(f[2], 0.0) + float(f[3])
            except ValueError:
                pass
    return out


def pdf_pages(path):
    """Pages of a PDF by pdfinfo, or None."""
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def pages(binary, xml, pdf, tmp):
    """Pages of plaquette's pdf of xml: pdfinfo's count, else one more run
    with --dump-layout (no poppler needed)."""
    n = pdf_pages(pdf)
    if n:
        return n
    dump = os.path.join(tmp, "dump")
    run([binary, "build", "-q", xml, "-o", os.path.join(tmp, "p.pdf"), "--dump-layout", dump])
    with open(dump, encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if line.startswith("page "))


class Case:
    """One input: plaquette's runs (A) and the peer's (B), paired."""

    def __init__(self, name, xml, peer_src=None):
        self.name, self.xml, self.peer_src = name, xml, peer_src
        self.pages = 0
        self.a, self.b, self.ratio = [], [], []
        self.a_mib, self.b_mib = [], []
        self.stage = {}
        self.peer_pages = None

    def measure(self, binary, peer, n, tmp):
        env = dict(os.environ, PLAQUETTE_TIMINGS="1")
        env.pop("SOURCE_DATE_EPOCH", None)
        a_out = os.path.join(tmp, "a.pdf")
        a_cmd = [binary, "build", "-q", self.xml, "-o", a_out]
        b_out = os.path.join(tmp, "b.pdf")
        b_cmd = ["node", os.path.join(peer, "typst-ts.js"), self.peer_src, b_out] \
            if peer and self.peer_src else None
        for _ in range(n):
            ta, ma, err = run(a_cmd, env)
            self.a.append(ta)
            self.a_mib.append(ma)
            for k, v in stages(err).items():
                self.stage.setdefault(k, []).append(v)
            if b_cmd:
                tb, mb, _ = run(b_cmd)
                self.b.append(tb)
                self.b_mib.append(mb)
                self.ratio.append(ta / tb)
        self.pages = pages(binary, self.xml, a_out, tmp)
        if b_cmd:
            self.peer_pages = pdf_pages(b_out)


def med(v, scale=1.0):
    return statistics.median(v) * scale if v else None


def fmt(v, spec):
    return spec % v if v is not None else "-"


def callgrind(binary, xml, tmp):
    """Instructions valgrind's callgrind counts for one build of xml."""
    out = os.path.join(tmp, "cg.out")
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                        binary, "build", "-q", xml, "-o", os.path.join(tmp, "c.pdf")],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, env=env)
    for line in p.stderr.splitlines():
        if "Collected" in line:
            return int(line.split()[-1])
    return None


def floor_cases(binary):
    """The floors: (stage, what, command, baseline command or None); a
    floor is the command's cost less its baseline's (the tool's own start).
    Only those whose tool is installed."""
    have = lambda tool: subprocess.run(["sh", "-c", "command -v " + tool],
                                       stdout=subprocess.DEVNULL).returncode == 0
    cases = [("outside", "plaquette --version: start and exit, no work",
              [binary, "--version"], None)]
    if have("xmllint"):
        cases.append(("xml", "xmllint: parse + RelaxNG of the document",
                      ["xmllint", "--noout", "--relaxng", "schema/brochure.rng", BROCHURE],
                      ["xmllint", "--version"]))
        cases.append(("style", "xmllint: parse + RelaxNG of the style sheet",
                      ["xmllint", "--noout", "--relaxng", "schema/style.rng",
                       "styles/efus.xml"], ["xmllint", "--version"]))
    return cases


def floor_times(cases, n):
    """Median whole-process ms of each floor (command less baseline), the
    two run in turn n times."""
    out = {}
    for stage, _, cmd, base in cases:
        d = []
        for _ in range(n):
            t, _, _ = run(cmd)
            d.append(t - (run(base)[0] if base else 0.0))
        out[stage] = statistics.median(d) * 1000
    return out


def floor_counts(cases, tmp):
    """Instructions of each floor (command less baseline) under callgrind."""
    def count(cmd):
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
                           + cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        for line in p.stderr.splitlines():
            if "Collected" in line:
                return int(line.split()[-1])
        return None
    out = {}
    for stage, _, cmd, base in cases:
        a, b = count(cmd), count(base) if base else 0
        out[stage] = a - b if a is not None and b is not None else None
    return out


# the brochure's stages in instructions: the functions each stage runs
# (inclusive), in the thread that runs them
STAGE_FUNCS = [
    ("xml", ["xml_read"], "main"), ("style", ["style_load"], "side"),
    ("fonts", ["font_new"], "side"), ("blocks", ["block_build", "glyphs_check"], "main"),
    ("engine", ["para_engine_use_sheet"], "main"), ("layout", ["flow_run"], "main"),
    ("pdf", ["pdf_write", "layout_drop_lines"], "main"), ("post", ["pdfupdate_apply"], "main"),
    ("exit", ["build_done", "fit_report", "exit"], "main"),
]


def stage_counts(binary, tmp):
    """The brochure's instructions by stage, from one callgrind run with a
    profile per thread: {stage: count}, "start" being what the first thread
    runs before main; None when callgrind_annotate is missing."""
    prefix = os.path.join(tmp, "cgs")
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes",
                    "--callgrind-out-file=" + prefix + ".%p", binary, "build", "-q", BROCHURE,
                    "-o", os.path.join(tmp, "s.pdf")], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    files = sorted(f for f in os.listdir(tmp) if f.startswith("cgs.") and "-" in f)
    if not files:
        return None
    per = []
    for f in files:
        try:
            text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                                   os.path.join(tmp, f)], capture_output=True,
                                  text=True).stdout
        except OSError:
            return None
        fn, total = {}, 0
        for line in text.splitlines():
            m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(.*)$", line)
            if not m:
                continue
            n = int(m.group(1).replace(",", ""))
            if "PROGRAM TOTALS" in m.group(2):
                total = n
                continue
            name = m.group(2).split(" [")[0].split(":")[-1]
            fn[name] = max(fn.get(name, 0), n)
        per.append((total, fn))
    main_total, main_fn = per[0]
    out = {"start": main_total - main_fn.get("(below main)", 0)}
    for stage, funcs, where in STAGE_FUNCS:
        pool = [per[0]] if where == "main" else per[1:]
        out[stage] = sum(max((p[1].get(f, 0) for p in pool), default=0) for f in funcs)
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: bench.py PLAQUETTE_BINARY\n")
        return 2
    binary = argv[1]
    pairs = int(os.environ.get("PAIRS", "9") or 9)
    big_n = max(1, (pairs + 2) // 3)
    peer = os.environ.get("PEER", "")
    have_peer = bool(peer) and all(os.path.isfile(os.path.join(peer, f)) for f in (
        "typst-ts.js", "out/1x/brochure.typ", "out/100x/brochure.typ")) and \
        subprocess.run(["sh", "-c", "command -v node"], stdout=subprocess.DEVNULL).returncode == 0
    if peer and not have_peer:
        print("bench: PEER=%s has no typst-ts.js and out/1x, out/100x sources (or no node):"
              " plaquette alone" % peer)
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="plaquette-bench.") as tmp:
        c100 = os.path.join(tmp, "cities-100.xml")
        s118 = os.path.join(tmp, "sections-118.xml")
        gen = [sys.executable, os.path.join(peer, "cards.py")] if have_peer and \
            os.path.isfile(os.path.join(peer, "cards.py")) else [sys.executable, GEN_BIG, "--cities"]
        with open(c100, "wb") as f:
            subprocess.run(gen + [BROCHURE, "100"], stdout=f, check=True)
        with open(s118, "wb") as f:
            subprocess.run([sys.executable, GEN_BIG, BROCHURE, "118"], stdout=f, check=True)
        cases = [
            Case("brochure", BROCHURE,
                 os.path.join(peer, "out/1x/brochure.typ") if have_peer else None),
            Case("cities x100", c100,
                 os.path.join(peer, "out/100x/brochure.typ") if have_peer else None),
        ]
        if os.environ.get("BIG_PAGES", "1") != "0":
            cases.append(Case("sections x118", s118))
        for i, c in enumerate(cases):
            c.measure(binary, peer if have_peer else None,
                      pairs if i == 0 else (big_n if i == 1 else 1), tmp)
        floors = floor_cases(binary)
        floor_ms = floor_times(floors, pairs)
        counts, by_stage, floor_n = {}, None, {}
        if os.environ.get("CALLGRIND", "0") == "1":
            if subprocess.run(["sh", "-c", "command -v valgrind"],
                              stdout=subprocess.DEVNULL).returncode == 0:
                for c in cases[:2]:
                    counts[c.name] = callgrind(binary, c.xml, tmp)
                by_stage = stage_counts(binary, tmp)
                floor_n = floor_counts(floors, tmp)
            else:
                print("bench: CALLGRIND=1 but no valgrind")
    load1 = os.getloadavg()

    print("plaquette %s whole-process runs; load %.1f at the start, %.1f at the end, %d cores"
          % ("and Typst 0.14 (typst.ts):" if have_peer else "alone:", load0[0], load1[0],
             os.cpu_count() or 0))
    if have_peer:
        print("paired A B A B ...: A = plaquette, B = the peer; A/B = median of the per-pair"
              " ratios")
    head = "%-14s %7s %5s %9s %9s %6s %8s %8s %7s %7s" % (
        "input", "pages", "runs", "A ms", "B ms", "A/B", "A ms/pp", "B ms/pp", "A MiB", "B MiB")
    print(head)
    for c in cases:
        a, b = med(c.a, 1000), med(c.b, 1000)
        pp = "%d" % c.pages if c.peer_pages is None else "%d/%d" % (c.pages, c.peer_pages)
        print("%-14s %7s %5d %9s %9s %6s %8s %8s %7s %7s" % (
            c.name, pp, len(c.a), fmt(a, "%.1f"), fmt(b, "%.1f"), fmt(med(c.ratio), "%.2f"),
            fmt(a / c.pages if a else None, "%.2f"),
            fmt(b / (c.peer_pages or c.pages) if b else None, "%.2f"),
            fmt(med(c.a_mib), "%.1f"), fmt(med(c.b_mib), "%.1f")))

    order = []
    for c in cases:
        for k in c.stage:
            if k not in order:
                order.append(k)
    if order:
        # outside: the whole process less its timed stages (start, exit)
        for c in cases:
            n = len(c.a)
            c.stage["outside"] = [c.a[i] * 1000 - sum(v[i] for v in c.stage.values()
                                                     if len(v) == n) for i in range(n)]
        order.append("outside")
        print()
        print("stages, ms (PLAQUETTE_TIMINGS=1, median of the runs above; a stage named twice"
              " is summed; outside = the whole process less its stages)")
        print("%-14s" % "input" + "".join(" %8s" % k for k in order))
        for c in cases:
            print("%-14s" % c.name + "".join(
                " %8s" % fmt(med(c.stage.get(k, [])), "%.1f") for k in order))
        print("%-14s" % "floor" + "".join(
            " %8s" % fmt(floor_ms.get(k), "%.1f") for k in order))
        print("floors (the brochure's; each whole process less its tool's own start,"
              " median of %d):" % pairs)
        for stage, what, _, _ in floors:
            print("  %-8s %s" % (stage, what))
        print("  (fonts, layout, pdf: no outside tool does the same work for less: fc-scan"
              " reads the fonts at 4 x plaquette's cost)")

    if counts:
        print()
        print("instructions (callgrind, one build each)")
        for c in cases[:2]:
            n = counts.get(c.name)
            print("%-14s %14s   %s a page" % (c.name, fmt(n, "%d"),
                                              fmt(n / c.pages / 1e6 if n else None, "%.1f M")))
    if by_stage:
        keys = ["start"] + [k for k, _, _ in STAGE_FUNCS]
        fl = dict(floor_n)
        fl["start"] = fl.pop("outside", None)
        print()
        print("the brochure's instructions by stage, M (callgrind --separate-threads; style and"
              " fonts in their own threads; start = before main, exit = freeing; floors as"
              " above)")
        print("%-14s" % "" + "".join(" %8s" % k for k in keys))
        print("%-14s" % "plaquette" + "".join(
            " %8s" % fmt(by_stage.get(k) / 1e6 if by_stage.get(k) is not None else None,
                         "%.1f") for k in keys))
        print("%-14s" % "floor" + "".join(
            " %8s" % fmt(fl[k] / 1e6 if fl.get(k) is not None else None, "%.1f")
            for k in keys))

    print()
    b, big = cases[0], cases[1]
    verdicts = []
    bt = med(b.a, 1000)
    verdicts.append(("the brochure <= 35 ms (%.1f ms)" % bt, bt <= 35))
    if b.ratio:
        verdicts.append(("the brochure <= 0.2 x the peer's time (%.2f x)" % med(b.ratio),
                         med(b.ratio) <= 0.2))
    if big.ratio and big.peer_pages:
        r = med(big.ratio) * big.peer_pages / big.pages
        verdicts.append(("512 pages: cost a page <= 0.5 x the peer's (%.2f x)" % r, r <= 0.5))
    verdicts.append(("512 pages <= 150 MiB peak (%.1f MiB)" % med(big.a_mib),
                     med(big.a_mib) <= 150))
    if len(cases) > 2:
        verdicts.append(("%d pages < 150 MiB peak (%.1f MiB)" % (cases[2].pages,
                                                                  med(cases[2].a_mib)),
                         med(cases[2].a_mib) < 150))
    for text, ok in verdicts:
        print("target %s %s" % ("met:   " if ok else "missed:", text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
