#!/usr/bin/env python3
"""Times bench_c's no-argument and one-argument calls under the calling conventions a C
programmer could pick, to justify the choices made in bench_c.c (CPython's specialising
interpreter treats them differently from version to version).

    .venv/bench/bin/python benches/c/noop_variants.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (the timing loop is shared with the main benchmark)

import bench_c  # noqa: E402

CASES = [
    ("noop: METH_FASTCALL (noop)", "f()", lambda m: {"f": m.noop}),
    ("noop: METH_NOARGS", "f()", lambda m: {"f": m._noop_noargs}),
    ("noop: METH_VARARGS", "f()", lambda m: {"f": m._noop_varargs}),
    ("c.incr(): METH_NOARGS (incr)", "c.incr()", lambda m: {"c": m.Counter(0)}),
    ("c.incr(): METH_FASTCALL", "c._incr_fastcall()", lambda m: {"c": m.Counter(0)}),
    ("c.add(1): METH_O (add)", "c.add(1)", lambda m: {"c": m.Counter(0)}),
    ("c.add(1): METH_FASTCALL", "c._add_fastcall(1)", lambda m: {"c": m.Counter(0)}),
]

if __name__ == "__main__":
    baseline, per_call = harness.run_timing(
        [("bench_c", bench_c)], CASES, repeats=25, target_ns=20e6, progress=lambda *_: None
    )
    print(f"Python {sys.version.split()[0]}; empty-loop baseline {baseline:.1f} ns (subtracted)")
    for case, by_mod in harness.summarize(per_call).items():
        s = by_mod["bench_c"]
        print(f"{case:<32} min {s['min_ns']:6.2f} ns   median {s['median_ns']:6.2f} ns")
