#!/usr/bin/env python3
"""Instruction counts per call of one benchmark case, under callgrind.

Wall-clock numbers on a shared 2-core machine drift by several percent; instruction counts
(callgrind's `Ir`) repeat exactly, so they are the way to see where a case's cost goes.

    python benches/profile/profile.py sum_list                 # bench_c and bench_ours
    python benches/profile/profile.py Counter.incr --modules bench_c,bench_ours,bench_pyo3
    python benches/profile/profile.py echo_str -n 20000 --top 15

For every module the case's loop (the same loop `harness.py` times) runs under
`valgrind --tool=callgrind` twice, with N and 2N iterations after the same warm-up; the
difference of the two runs, divided by N, is the exact cost of N calls with interpreter
start-up, import and warm-up cancelled out. The same difference is taken per function
(self cost, from `callgrind_annotate`), so the table lists where each call's instructions
go. The loop's own overhead (about 40 Ir on 3.11) is included for every module alike.

Needs valgrind (callgrind_annotate) and the modules installed in the interpreter that runs
this script (`benches/run.sh` puts them into .venv/bench).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import harness  # noqa: E402  (benches/harness.py: the cases and their loops)

CASES = {name: (body, names) for name, body, names in harness.CASES}
LINE = re.compile(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*?)\s*$")


def inner(module_name, case, n):
    """Runs inside valgrind: warm up the loop (so 3.11 specialises it), then time n calls."""
    import importlib

    module = importlib.import_module(module_name)
    body, names = CASES[case]
    loop = harness.make_loop(body, names(module))
    loop(2000)
    loop(n)


def run_callgrind(python, module_name, case, n, out):
    # Fixed hash seed and no address randomisation: start-up then costs the same in both
    # runs, so it cancels exactly.
    cmd = [
        "setarch",
        "-R",
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        python,
        os.path.abspath(__file__),
        "--inner",
        module_name,
        case,
        str(n),
    ]
    env = dict(os.environ, PYTHONHASHSEED="0")
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return per_function(out)


def per_function(out):
    """Self cost per function of one callgrind output: ({function: Ir}, total Ir)."""
    text = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--inclusive=no", "--threshold=100", out],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    costs = {}
    total = None
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        what = m.group(2)
        if what.startswith("PROGRAM TOTALS"):
            total = ir
            continue
        # "file:function [object]": keep the function and the object's base name.
        obj = ""
        if what.endswith("]") and " [" in what:
            what, obj = what.rsplit(" [", 1)
            obj = os.path.basename(obj[:-1])
        func = what.split(":", 1)[1] if ":" in what else what
        key = f"{func} [{obj}]" if obj else func
        costs[key] = costs.get(key, 0) + ir
    if total is None:
        total = sum(costs.values())
    return costs, total


def profile(python, module_name, case, n):
    with tempfile.TemporaryDirectory() as tmp:
        small, small_total = run_callgrind(python, module_name, case, n, os.path.join(tmp, "a.out"))
        big, big_total = run_callgrind(python, module_name, case, 2 * n, os.path.join(tmp, "b.out"))
    per_call = (big_total - small_total) / n
    funcs = {k: (big.get(k, 0) - small.get(k, 0)) / n for k in set(big) | set(small)}
    return per_call, funcs


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--inner":
        inner(argv[1], argv[2], int(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("--modules", default="bench_c,bench_ours")
    parser.add_argument("-n", type=int, default=None, help="calls per run (default: 20000, 200 for list/dict cases)")
    parser.add_argument("--top", type=int, default=12, help="functions listed per module")
    args = parser.parse_args(argv)
    n = args.n or (200 if args.case in ("sum_list", "make_list", "dict_roundtrip") else 20000)
    results = {}
    for name in args.modules.split(","):
        per_call, funcs = profile(sys.executable, name, args.case, n)
        results[name] = per_call
        print(f"\n{name}: {args.case}: {per_call:,.1f} Ir per call (N={n})")
        top = sorted(funcs.items(), key=lambda kv: -kv[1])[: args.top]
        for func, ir in top:
            if ir < 0.5:
                break
            print(f"  {ir:10,.1f}  {100 * ir / per_call:5.1f}%  {func}")
    if "bench_c" in results and len(results) > 1:
        print()
        for name, ir in results.items():
            if name != "bench_c":
                print(f"{name}: {ir / results['bench_c']:.2f}x bench_c's instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
