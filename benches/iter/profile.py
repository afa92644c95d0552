"""Instructions per element of iterating a 1e5-element set, under callgrind.

    python benches/iter/profile.py [dir with bench_iter.so] [--top K] [-n N]

For each source (Python set, range, the wrapped set's borrowing iterator, the wrapped
set cloned into a list) and each consumer (`for x in it: pass`, `deque(it, maxlen=0)`),
runs the interpreter under `valgrind --tool=callgrind` twice: building the source and
iterating it once, then building it and iterating it twice. The difference divided by N
is the exact cost of one element (start-up and construction cancel). Per-function self
costs come from `callgrind_annotate`. Counts are instructions, not time.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*?)\s*$")
SOURCES = ("set", "range", "ours", "list")
CONSUMERS = ("for", "deque")


def inner(module_dir, source, consumer, n, times):
    import collections

    sys.path.insert(0, module_dir)
    import bench_iter

    if source == "set":
        s = set(range(n))
        make = lambda: s  # noqa: E731
    elif source == "range":
        make = lambda: range(n)  # noqa: E731
    elif source == "ours":
        w = bench_iter.IntSet(n)
        make = lambda: w  # noqa: E731
    else:
        w = bench_iter.IntSet(n)
        make = w.to_list

    def run_for():
        for _ in make():
            pass

    def run_deque():
        collections.deque(make(), maxlen=0)

    run = run_for if consumer == "for" else run_deque
    for _ in range(times):
        run()


def per_function(out):
    text = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--inclusive=no", "--threshold=100", out],
        check=True, capture_output=True, text=True,
    ).stdout
    costs, total = {}, 0
    for line in text.splitlines():
        if "PROGRAM TOTALS" in line:
            total = int(line.split()[0].replace(",", ""))
            continue
        m = LINE.match(line)
        if m and ":" in m.group(2):
            name = m.group(2)
            file, _, func = name.partition(":")
            lib = os.path.basename(file.split()[0]) if file else ""
            key = f"{func} [{lib}]"
            costs[key] = costs.get(key, 0) + int(m.group(1).replace(",", ""))
    return costs, total


def measure(module_dir, source, consumer, n, top):
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for times in (1, 2):
            out = os.path.join(tmp, f"cg.{times}")
            cmd = ["setarch", "-R", "valgrind", "--tool=callgrind",
                   f"--callgrind-out-file={out}", sys.executable, os.path.abspath(__file__),
                   "--inner", module_dir, source, consumer, str(n), str(times)]
            env = dict(os.environ, PYTHONHASHSEED="0")
            subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            results.append(per_function(out))
    (c1, t1), (c2, t2) = results
    print(f"{source:6} {consumer:6} {(t2 - t1) / n:7.1f} Ir per element")
    diffs = {k: c2.get(k, 0) - c1.get(k, 0) for k in set(c1) | set(c2)}
    for k, v in sorted(diffs.items(), key=lambda kv: -kv[1])[:top]:
        if v / n >= 0.5:
            print(f"    {v / n:7.1f}  {k}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        _, _, module_dir, source, consumer, n, times = sys.argv
        inner(module_dir, source, consumer, int(n), int(times))
        return
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("module_dir", nargs="?", default=os.path.join(here, "target", "module"))
    p.add_argument("-n", type=int, default=100_000)
    p.add_argument("--top", type=int, default=8)
    p.add_argument("--sources", default=",".join(SOURCES))
    p.add_argument("--consumers", default=",".join(CONSUMERS))
    a = p.parse_args()
    for consumer in a.consumers.split(","):
        for source in a.sources.split(","):
            measure(os.path.abspath(a.module_dir), source, consumer, a.n, a.top)


if __name__ == "__main__":
    main()
