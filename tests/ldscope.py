#!/usr/bin/env python3
"""ldscope.py BINARY [ARGS...]: how far the dynamic loader searches for the
symbols of one start of BINARY, read from the loader itself (glibc's
LD_DEBUG=scopes,bindings): the executable's search order (scope 0), how
many symbols bind to each library, and the mean place of a binding's
library in that order (each lookup tries every library before it).

Prints one line per library that at least 1 % of the bindings go to
("place bindings library"), then "bindings N mean-place M"; with --top K
it exits 1 unless the K libraries the most symbols bind to all stand
among the first 2K places of the search order.
"""
import os
import re
import subprocess
import sys


def main(argv):
    top = 0
    if len(argv) > 2 and argv[1] == "--top":
        top = int(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    env = dict(os.environ, LD_DEBUG="scopes,bindings")
    run = subprocess.run(argv[1:], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace")
    scope = None
    counts = {}
    for line in run.stderr.splitlines():
        m = re.search(r"scope 0: (.*)", line)
        if m and scope is None:
            scope = [os.path.basename(p) for p in m.group(1).split()]
            continue
        m = re.search(r"binding file \S+ \[\d+\] to (\S+) \[\d+\]", line)
        if m:
            lib = os.path.basename(m.group(1))
            counts[lib] = counts.get(lib, 0) + 1
    if not scope or not counts:
        print("ldscope: no loader output (not glibc?)", file=sys.stderr)
        return 2
    place = {lib: i for i, lib in enumerate(scope)}
    total = sum(counts.values())
    known = [(place[lib], n, lib) for lib, n in counts.items() if lib in place]
    mean = sum(p * n for p, n, _ in known) / max(1, sum(n for _, n, _ in known))
    for p, n, lib in sorted(known):
        if n * 100 >= total:
            print(f"{p:3d} {n:6d} {lib}")
    print(f"bindings {total} mean-place {mean:.1f}")
    if top:
        best = sorted(known, key=lambda k: -k[1])[:top]
        late = [lib for p, _, lib in best if p > 2 * top]
        if late:
            print("ldscope: searched late: " + " ".join(late), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
