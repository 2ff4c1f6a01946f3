#!/usr/bin/env python3
"""runbatch.py [--bad] PLAQUETTE WORKDIR SEED...: build and measure the
generated documents of the seeds given, one after the other, in one
Python process (tests/t-gen.sh starts a few of these at once: an
interpreter a document cost more than a tenth of a second each).

Each seed's document goes to WORKDIR/SEED (WORKDIR/bad-SEED with --bad),
with WORKDIR/SEED/checks: one line a property, "NAME ok", "NAME FAIL:
what was seen" or "NAME n/a: why".

  documents (tests/gen/gendoc.py): generated, built (PLAQUETTE build -s),
    measured (tests/gen/checkgen.py), then validated (PLAQUETTE check):
    "valid", the generator's own property (the document follows
    schema/brochure.rng), is the last line
  hostile (--bad, tests/gen/hostile.py): the document of the seed with one
    fault; the build must exit 1 (bad-exit), not crash (bad-crash), write
    no PDF (bad-nopdf), leave nothing but what was there (bad-leftover),
    and say "FILE:LINE[:COL]: error:" for the faulty file within the
    fault's lines (bad-line, DIR/expect)

A document whose generator or checker fails says so in its checks
("generator FAIL: ...", "checker FAIL: ..."), and the batch goes on.
Standard library only.
"""
import os
import re
import shutil
import subprocess
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkgen  # noqa: E402
import gendoc  # noqa: E402
import hostile  # noqa: E402

SAN = re.compile(r"AddressSanitizer|runtime error:")


def last_error():
    """The last line of the exception being handled."""
    return (traceback.format_exc().strip().splitlines() or ["?"])[-1]


def run_build(bin_, d, seconds):
    """PLAQUETTE build of d's document into d/doc.pdf: its exit status
    (128 + N when killed by signal N; 124 when it had to be stopped after
    `seconds`: a build that hangs is a finding too); standard output to
    d/out, standard error to d/err."""
    with open(os.path.join(d, "out"), "wb") as out, open(os.path.join(d, "err"), "wb") as err:
        try:
            rc = subprocess.run([bin_, "build", "-s", os.path.join(d, "style.xml"), os.path.join(d, "doc.xml"),
                                 "-o", os.path.join(d, "doc.pdf")], stdout=out, stderr=err,
                                timeout=seconds).returncode
        except subprocess.TimeoutExpired:
            return 124
    # killed by signal N: 128 + N, as a shell says it
    return 128 - rc if rc < 0 else rc


def generate(module, seed, d):
    """d made afresh, and the document of seed written there by module
    (gendoc or hostile): None, else the checks that say why not."""
    name = module.__name__ + ".py"
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    try:
        if module.main([name, str(seed), d]) != 0:
            return ["generator FAIL: %s %d exited non-zero" % (name, seed)]
    except Exception:
        return ["generator FAIL: %s: %s" % (name, last_error())]
    return None


def one(bin_, seed, d):
    """Generate in d, build, measure and validate the document of seed."""
    failed = generate(gendoc, seed, d)
    if failed:
        return failed
    # 300 s is far above any document's time
    with open(os.path.join(d, "rc"), "w") as f:
        f.write("%d\n" % run_build(bin_, d, 300))
    # the document must be valid by schema/brochure.rng, else the generator is wrong
    try:
        v = subprocess.run([bin_, "check", "-s", os.path.join(d, "style.xml"), os.path.join(d, "doc.xml")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        said = v.stdout.decode("utf-8", "replace")
        valid = "valid ok" if v.returncode == 0 else "valid FAIL: " + next(
            (ln for ln in said.splitlines() if "error" in ln), "")[:200]
    except subprocess.TimeoutExpired:
        valid = "valid FAIL: check did not end in 120 s"
    try:
        lines = checkgen.properties(d)
    except Exception:
        lines = ["checker FAIL: " + last_error()]
    return lines + [valid]


def bad(bin_, seed, d):
    """Build in d the hostile variant of seed and judge what the build did."""
    failed = generate(hostile, seed, d)
    if failed:
        return failed
    with open(os.path.join(d, "expect")) as f:
        parts = f.read().split()
    file, lo, hi, what = parts[0], int(parts[1]), int(parts[2]), parts[3]
    alt = int(parts[4]) if len(parts) > 4 else None
    before = sorted(os.listdir(d))
    rc = run_build(bin_, d, 120)
    after = sorted(set(os.listdir(d)) - {"out", "err"})
    err = open(os.path.join(d, "err"), encoding="utf-8", errors="replace").read()
    where = re.compile(r"plaquette: %s:(\d+)(?::\d+)?: error: " % re.escape(os.path.join(d, file)))
    line = next((int(m.group(1)) for m in map(where.match, err.splitlines()) if m), None)
    out = ["bad-exit ok" if rc == 1 else "bad-exit FAIL: %s: exit status %d, not 1" % (what, rc)]
    san = SAN.search(err)
    if san or rc >= 128:
        first = next((ln for ln in err.splitlines() if SAN.search(ln)), "")[:160]
        out.append("bad-crash FAIL: %s: %s status %d" % (what, first, rc))
    else:
        out.append("bad-crash ok")
    out.append("bad-nopdf FAIL: %s: a PDF was written" % what if os.path.exists(os.path.join(d, "doc.pdf"))
               else "bad-nopdf ok")
    out.append("bad-leftover ok" if before == after else "bad-leftover FAIL: %s: left behind: %s (before: %s)" % (
        what, " ".join(after), " ".join(before)))
    if line is None:
        said = next((ln for ln in err.splitlines() if "error" in ln), "").replace(d + "/", "")[:160]
        out.append("bad-line FAIL: %s: no error located at %s:LINE (%s)" % (what, file, said))
    elif line == alt or lo <= line <= hi:
        out.append("bad-line ok")
    else:
        out.append("bad-line FAIL: %s: the error is at %s:%d, the fault at %d-%d" % (what, file, line, lo, hi))
    return out


def main(argv):
    args = argv[1:]
    hostile_run = bool(args) and args[0] == "--bad"
    if hostile_run:
        args = args[1:]
    if len(args) < 2 or not all(s.isdigit() for s in args[2:]):
        sys.stderr.write("usage: runbatch.py [--bad] PLAQUETTE WORKDIR SEED...\n")
        return 2
    bin_, work = args[0], args[1]
    for s in args[2:]:
        seed = int(s)
        d = os.path.join(work, ("bad-%d" if hostile_run else "%d") % seed)
        lines = (bad if hostile_run else one)(bin_, seed, d)
        with open(os.path.join(d, "checks"), "w", encoding="utf-8") as f:
            f.write("".join(ln + "\n" for ln in lines))
        sys.stdout.write("".join("%d %s\n" % (seed, ln) for ln in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
