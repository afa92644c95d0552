#!/usr/bin/env python3
"""Side-by-side benchmark of the SPEC surface (shared/bench/SPEC.md) across frameworks.

Imports every benchmark module it can find (bench_c, bench_pyo3, bench_cpython,
bench_cython, ... and bench_ours once pyo3-core can build it), checks that each gives the
SPEC's answers, then times every case for every module in this one process.

    python benches/harness.py            # full run: checks, then ~15 s of timing per module
    python benches/harness.py --quick    # CI smoke test: checks plus a very short timing pass
    python benches/harness.py --json results.json

How timing works, and why:
- Each (module, case) gets its own loop function compiled from source, with the callable and
  its arguments bound as default parameters. Inside the loop they are local variables, so
  the loop does no global or attribute lookups of its own: what remains is the call.
- Repeats are interleaved: every repeat runs every case for every module before the next
  repeat starts, and the module order rotates per repeat, so drift in machine speed (this
  machine is shared) hits all modules alike instead of whichever ran last.
- The empty loop (`for _ in repeat(None, n): pass`) is timed in every repeat too. Its best
  per-iteration time is subtracted from every case, so the numbers are the cost of the
  call itself. The same constant is subtracted everywhere, so differences between modules
  are unaffected; only the ratios grow slightly compared with unsubtracted numbers.
- We report min and median over repeats of ns per call. Ratios and the geomean use the min,
  which is the least disturbed by other processes.
- The garbage collector is off while timing (as in timeit), so a collection triggered by one
  module's allocations is not billed to another.
No check here asserts a speed: timing results are printed, never judged.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import json
import math
import platform
import statistics
import sys
import time
import traceback

# Every module SPEC.md names, in table order. The harness times whichever are importable.
ALL_MODULES = [
    "bench_c",
    "bench_pyo3",
    "bench_pyo3_020",
    "bench_cpython",
    "bench_pybind11",
    "bench_nanobind",
    "bench_cython",
    "bench_ours",
]
REFERENCES = ["bench_c", "bench_pyo3"]  # the ratio columns

# Known, documented gaps between a framework and the SPEC: check id -> reason. Such a check
# is reported as skipped for that module instead of failing it.
DEVIATIONS = {
    "bench_cpython": {
        "kw-keyword-only": "rust-cpython has no keyword-only parameters (kw is kw(a, b=2, c=3))",
    },
}

# ---------------------------------------------------------------------------------------
# Correctness
# ---------------------------------------------------------------------------------------


class CheckFailed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise CheckFailed(what)


def expect_raises(exc_type, fn, what, message=None):
    try:
        fn()
    except exc_type as e:
        if message is not None and str(e) != message:
            raise CheckFailed(f"{what}: raised {exc_type.__name__}({str(e)!r}), expected {message!r}")
        return
    except Exception as e:  # the wrong exception is a failure, not a crash of the harness
        raise CheckFailed(f"{what}: raised {type(e).__name__}({e}), expected {exc_type.__name__}")
    raise CheckFailed(f"{what}: did not raise {exc_type.__name__}")


def checks(m):
    """Yields (check id, function) pairs; each function raises CheckFailed on a wrong answer."""

    def noop():
        expect(m.noop() is None, "noop() returns None")

    def add():
        expect(m.add(2, 3) == 5, "add(2, 3) == 5")
        expect(m.add(-7, 3) == -4, "add(-7, 3) == -4")
        expect(m.add(2**62, 2**62 - 1) == 2**63 - 1, "add(2**62, 2**62 - 1) == 2**63 - 1")
        expect_raises(OverflowError, lambda: m.add(2**63, 0), "add(2**63, 0)")
        expect_raises(TypeError, lambda: m.add("1", 2), "add('1', 2)")

    def echo_str():
        for s in ["hello", "", "héllo wörld ✓ \U0001f600"]:
            r = m.echo_str(s)
            expect(type(r) is str and r == s, f"echo_str({s!r}) returns an equal str")
        expect_raises(TypeError, lambda: m.echo_str(1), "echo_str(1)")

    def kw():
        expect(m.kw(1) == 6, "kw(1) == 6")
        expect(m.kw(1, c=5) == 8, "kw(1, c=5) == 8")
        expect(m.kw(1, 10) == 14, "kw(1, 10) == 14")
        expect(m.kw(c=1, b=1, a=1) == 3, "kw(c=1, b=1, a=1) == 3")
        expect_raises(TypeError, lambda: m.kw(), "kw()")
        expect_raises(TypeError, lambda: m.kw(1, d=2), "kw(1, d=2)")

    def kw_keyword_only():
        expect_raises(TypeError, lambda: m.kw(1, 2, 3), "kw(1, 2, 3) (c is keyword-only)")

    def sum_list():
        expect(m.sum_list(list(range(1000))) == 499500, "sum_list(list(range(1000))) == 499500")
        expect(m.sum_list([]) == 0, "sum_list([]) == 0")
        expect(m.sum_list([-5, 2**62]) == 2**62 - 5, "sum_list([-5, 2**62])")
        expect_raises(TypeError, lambda: m.sum_list([1, "a"]), "sum_list([1, 'a'])")
        expect_raises(OverflowError, lambda: m.sum_list([2**63]), "sum_list([2**63])")

    def make_list():
        r = m.make_list(1000)
        expect(type(r) is list and r == list(range(1000)), "make_list(1000) == list(range(1000))")
        expect(m.make_list(0) == [], "make_list(0) == []")

    def dict_roundtrip():
        d = {str(i): i for i in range(100)}
        d["héllo"] = -(2**63)
        r = m.dict_roundtrip(d)
        expect(type(r) is dict and r == d, "dict_roundtrip(d) == d")
        expect(r is not d, "dict_roundtrip returns a new dict")
        expect_raises(TypeError, lambda: m.dict_roundtrip({1: 1}), "dict_roundtrip({1: 1})")
        expect_raises(TypeError, lambda: m.dict_roundtrip({"a": "b"}), "dict_roundtrip({'a': 'b'})")

    def raise_value_error():
        expect_raises(ValueError, m.raise_value_error, "raise_value_error()", message="boom")

    def counter():
        c = m.Counter(5)
        expect(isinstance(c, m.Counter), "Counter(5) is a Counter")
        expect(c.value == 5, "Counter(5).value == 5")
        expect(c.incr() is None, "incr() returns None")
        expect(c.value == 6, "value == 6 after incr()")
        expect(c.add(10) == 16, "add(10) == 16")
        expect(c.value == 16, "value == 16 after add(10)")
        c.value = -3
        expect(c.value == -3, "value == -3 after c.value = -3")
        expect_raises(TypeError, lambda: setattr(c, "value", "x"), 'c.value = "x"')
        expect(c.value == -3, 'value unchanged after c.value = "x"')
        expect_raises(OverflowError, lambda: setattr(c, "value", 2**63), "c.value = 2**63")
        expect(c.value == -3, "value unchanged after c.value = 2**63")
        expect_raises(TypeError, lambda: m.Counter("x"), 'Counter("x")')
        expect_raises(TypeError, lambda: m.Counter(), "Counter()")
        expect_raises(OverflowError, lambda: m.Counter(2**63), "Counter(2**63)")
        expect(m.Counter(start=7).value == 7, "Counter(start=7).value == 7")

    return [
        ("noop", noop),
        ("add", add),
        ("echo_str", echo_str),
        ("kw", kw),
        ("kw-keyword-only", kw_keyword_only),
        ("sum_list", sum_list),
        ("make_list", make_list),
        ("dict_roundtrip", dict_roundtrip),
        ("raise_value_error", raise_value_error),
        ("Counter", counter),
    ]


def run_checks(name, m):
    """Returns (failures, skipped) lists of strings."""
    failures, skipped = [], []
    deviations = DEVIATIONS.get(name, {})
    for check_id, fn in checks(m):
        if check_id in deviations:
            skipped.append(f"{check_id}: {deviations[check_id]}")
            continue
        try:
            fn()
        except CheckFailed as e:
            failures.append(f"{check_id}: {e}")
        except Exception:  # a crash in the module's code is a failure of that module
            failures.append(f"{check_id}: unexpected error\n{traceback.format_exc()}")
    return failures, skipped


# ---------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------

# Each case: (name, loop body, function of the module giving the names the body uses).
# The names become locals of the loop (see make_loop).
CASES = [
    ("noop", "f()", lambda m: {"f": m.noop}),
    ("add", "f(1, 2)", lambda m: {"f": m.add}),
    ("echo_str", "f(s)", lambda m: {"f": m.echo_str, "s": "hello, world"}),
    ("kw", "f(1, c=5)", lambda m: {"f": m.kw}),
    ("sum_list", "f(xs)", lambda m: {"f": m.sum_list, "xs": list(range(1000))}),
    ("make_list", "f(1000)", lambda m: {"f": m.make_list}),
    ("dict_roundtrip", "f(d)", lambda m: {"f": m.dict_roundtrip, "d": {str(i): i for i in range(100)}}),
    ("raise_value_error", "try:\n    f()\nexcept E:\n    pass", lambda m: {"f": m.raise_value_error, "E": ValueError}),
    ("Counter(5)", "C(5)", lambda m: {"C": m.Counter}),
    # Methods are called as users write them (c.incr(), not a pre-bound c.incr), since
    # that is the path CPython optimises and every framework's methods take.
    ("Counter.incr", "c.incr()", lambda m: {"c": m.Counter(0)}),
    ("Counter.add", "c.add(1)", lambda m: {"c": m.Counter(0)}),
    ("Counter.value get", "c.value", lambda m: {"c": m.Counter(5)}),
    ("Counter.value set", "c.value = v", lambda m: {"c": m.Counter(5), "v": 7}),
]
BASELINE = "(empty loop)"


def make_loop(body, names):
    """Compiles `def loop(n): for _ in repeat(None, n): <body>` with `names` as locals."""
    params = "".join(f", {k}={k}" for k in names)
    indented = "\n".join("        " + line for line in body.splitlines())
    src = f"def loop(_n, _repeat=_repeat{params}):\n    for _ in _repeat(None, _n):\n{indented}\n"
    namespace = dict(names, _repeat=itertools.repeat)
    exec(compile(src, f"<loop {body!r}>", "exec"), namespace)
    return namespace["loop"]


def time_loop(loop, n):
    """Seconds-free: returns ns for n iterations."""
    t0 = time.perf_counter_ns()
    loop(n)
    return time.perf_counter_ns() - t0


def calibrate(loop, target_ns):
    """Iteration count that makes one run of `loop` take about target_ns."""
    n = 1
    while True:
        elapsed = time_loop(loop, n)
        if elapsed >= target_ns / 10 or n >= 1 << 30:
            return max(1, int(n * target_ns / max(elapsed, 1)))
        n *= 4


def run_timing(modules, cases, repeats, target_ns, progress):
    """Returns (baseline ns per iteration, {case: {module: [ns per call per repeat]}})."""
    baseline_loop = make_loop("pass", {})
    loops = {}  # (case, module) -> (loop, n)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        baseline_n = calibrate(baseline_loop, target_ns)
        for case, body, env in cases:
            for name, m in modules:
                loop = make_loop(body, env(m))
                loops[case, name] = (loop, calibrate(loop, target_ns))
        baseline_runs = []
        raw = {case: {name: [] for name, _ in modules} for case, _, _ in cases}
        for rep in range(repeats):
            baseline_runs.append(time_loop(baseline_loop, baseline_n) / baseline_n)
            # Rotate the module order each repeat so no module always runs first or last.
            k = rep % len(modules)
            order = modules[k:] + modules[:k]
            for case, _, _ in cases:
                for name, _ in order:
                    loop, n = loops[case, name]
                    raw[case][name].append(time_loop(loop, n) / n)
            progress(rep + 1, repeats)
    finally:
        if gc_was_enabled:
            gc.enable()
    baseline = min(baseline_runs)
    per_call = {
        case: {name: [max(t - baseline, 0.0) for t in runs] for name, runs in by_mod.items()}
        for case, by_mod in raw.items()
    }
    return baseline, per_call


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def fmt_ratio(x):
    return "-" if x is None or math.isnan(x) else f"{x:.2f}x"


def summarize(per_call):
    """{case: {module: {"min_ns", "median_ns"}}} from the per-repeat numbers."""
    return {
        case: {
            name: {"min_ns": min(runs), "median_ns": statistics.median(runs)}
            for name, runs in by_mod.items()
        }
        for case, by_mod in per_call.items()
    }


def ratio(summary, case, name, ref):
    if ref not in summary[case]:
        return None
    ref_ns = summary[case][ref]["min_ns"]
    return summary[case][name]["min_ns"] / ref_ns if ref_ns > 0 else None


def print_report(summary, module_names):
    refs = [r for r in REFERENCES if r in module_names]
    header = f"{'case':<20} {'module':<15} {'min ns':>9} {'median ns':>10}" + "".join(
        f" {'/' + r.removeprefix('bench_'):>8}" for r in refs
    )
    print(header)
    print("-" * len(header))
    for case in summary:
        for name in module_names:
            s = summary[case][name]
            line = f"{case:<20} {name:<15} {s['min_ns']:>9.1f} {s['median_ns']:>10.1f}"
            line += "".join(f" {fmt_ratio(ratio(summary, case, name, r)):>8}" for r in refs)
            print(line)
        print()
    print("geomean of the per-case ratios (min ns):")
    for name in module_names:
        line = f"{'geomean':<20} {name:<15} {'':>9} {'':>10}"
        line += "".join(
            f" {fmt_ratio(geomean([ratio(summary, c, name, r) for c in summary])):>8}" for r in refs
        )
        print(line)
    print()
    # The same numbers as one matrix, easier to read across modules.
    short = [n.removeprefix("bench_") for n in module_names]
    print("min ns per call (ratio to bench_c):")
    print(f"{'case':<20}" + "".join(f" {s:>17}" for s in short))
    for case in summary:
        cells = []
        for name in module_names:
            r = ratio(summary, case, name, "bench_c")
            cells.append(f"{summary[case][name]['min_ns']:.1f} ({fmt_ratio(r)})")
        print(f"{case:<20}" + "".join(f" {c:>17}" for c in cells))
    if "bench_c" in module_names:
        cells = [fmt_ratio(geomean([ratio(summary, c, n, "bench_c") for c in summary])) for n in module_names]
        print(f"{'geomean':<20}" + "".join(f" {c:>17}" for c in cells))


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def load_modules(wanted):
    found, missing = [], {}
    for name in wanted:
        try:
            found.append((name, importlib.import_module(name)))
        except ImportError as e:
            # bench_ours is the one module this repository is expected to provide.
            missing[name] = "not built yet" if name == "bench_ours" else f"not importable ({e})"
    return found, missing


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="checks plus a very short timing pass (CI smoke test)")
    ap.add_argument("--repeats", type=int, help="timing repeats (default 15, quick 3)")
    ap.add_argument("--target-ms", type=float,
                    help="duration of one timed run of one case (default 20, quick 1)")
    ap.add_argument("--modules", help="comma-separated module names, each required (default: "
                                      "all importable)")
    ap.add_argument("--json", metavar="FILE", help="write the results to FILE")
    args = ap.parse_args(argv)

    repeats = args.repeats or (3 if args.quick else 15)
    target_ms = args.target_ms or (1.0 if args.quick else 20.0)
    wanted = args.modules.split(",") if args.modules else ALL_MODULES

    print(f"Python {sys.version.split()[0]} ({platform.python_implementation()}) on {cpu_model()}")
    modules, missing = load_modules(wanted)
    for name, why in missing.items():
        print(f"{name}: {why}")
    if args.modules and missing:
        # Named explicitly (the CI smoke test names all five): a missing one is a failure.
        print(f"required module(s) missing: {', '.join(missing)}")
        return 1
    if not modules:
        print("no benchmark module importable; build them with benches/run.sh")
        return 1

    print("\nchecks:")
    all_ok = True
    passing = []
    for name, m in modules:
        failures, skipped = run_checks(name, m)
        status = "ok" if not failures else f"FAILED ({len(failures)})"
        print(f"  {name}: {status}")
        for s in skipped:
            print(f"    skipped {s}")
        for f in failures:
            print(f"    FAIL {f}")
        if failures:
            all_ok = False
        else:
            passing.append((name, m))
    # A module that gives wrong answers is not timed: its numbers would mean nothing.
    if not passing:
        return 1

    names = [n for n, _ in passing]
    print(f"\ntiming {len(CASES)} cases x {len(names)} modules, {repeats} repeats of ~{target_ms:g} ms each ...")

    def progress(done, total):
        print(f"\r  repeat {done}/{total}", end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)

    baseline, per_call = run_timing(passing, CASES, repeats, target_ms * 1e6, progress)
    summary = summarize(per_call)
    print(f"empty-loop baseline: {baseline:.1f} ns per iteration, subtracted from every number below\n")
    print_report(summary, names)

    if args.json:
        out = {
            "python": sys.version,
            "cpu": cpu_model(),
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "repeats": repeats,
            "target_ms": target_ms,
            "baseline_ns": baseline,
            "modules": names,
            "missing": missing,
            "results": {
                case: {
                    name: dict(summary[case][name], runs_ns=per_call[case][name]) for name in names
                }
                for case in summary
            },
        }
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)
        print(f"\nresults written to {args.json}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
