"""Times iterating a 1e6-element set: pyo3-core's borrowing iterator over a wrapped
Rust HashSet<u32>, the cloning approaches, and a Python set of the same ints.

    python benches/iter/bench.py [path/to/dir/with/bench_iter.so] [--quick]

`--quick` (the test suite's smoke test) checks the answers and times two repeats.

Prints min and median ns per element over interleaved repeats (GC off), for two ways of
consuming an iterator: `for x in it: pass` and `collections.deque(it, maxlen=0)`, and the
cost of walking the Rust set alone. `profile.py` next to it counts instructions instead.
"""

import collections
import gc
import statistics
import sys
import time

ARGS = [a for a in sys.argv[1:] if a != "--quick"]
if ARGS:
    sys.path.insert(0, ARGS[0])

import bench_iter  # noqa: E402

N = 1_000_000
REPEATS = 2 if "--quick" in sys.argv[1:] else 15


def for_loop(make):
    def run():
        for _ in make():
            pass

    return run


def drain(make):
    def run():
        collections.deque(make(), maxlen=0)

    return run


def main():
    wrapped = bench_iter.IntSet(N)
    pyset = set(range(N))
    assert sorted(wrapped) == sorted(pyset) == sorted(wrapped.to_list())
    assert sorted(wrapped.cloned_iter()) == sorted(pyset)
    # Consumers that drop each item (the path that reuses int objects) see every value.
    assert sum(wrapped) == sum(pyset)
    assert sum(1 for x in wrapped if x % 1000 == 0) == N // 1000
    sources = {
        "python set": lambda: pyset,
        "python range (a new int each)": lambda: range(N),
        "wrapped, borrowing iterator": lambda: wrapped,
        "wrapped, cloned into a list": wrapped.to_list,
        "wrapped, cloned SetIterator (seed)": wrapped.cloned_iter,
    }
    cases = {}
    for name, make in sources.items():
        cases[(name, "for x in it")] = for_loop(make)
        cases[(name, "deque(it, maxlen=0)")] = drain(make)
    times = {key: [] for key in cases}
    gc.disable()
    try:
        for repeat in range(REPEATS):
            keys = list(cases)
            keys = keys[repeat % len(keys):] + keys[: repeat % len(keys)]
            for key in keys:
                start = time.perf_counter_ns()
                cases[key]()
                times[key].append((time.perf_counter_ns() - start) / N)
    finally:
        gc.enable()

    counter = bench_iter.Counter(0)
    incr = counter.incr
    best = []
    for _ in range(REPEATS):
        start = time.perf_counter_ns()
        for _ in range(N):
            incr()
        best.append((time.perf_counter_ns() - start) / N)

    print(f"CPython {sys.version.split()[0]}, {N} elements, ns per element (min / median):")
    for mode in ("for x in it", "deque(it, maxlen=0)"):
        base = min(times[("python set", mode)])
        print(f"\n{mode}")
        for name in sources:
            t = times[(name, mode)]
            print(f"  {name:38} {min(t):6.1f} / {statistics.median(t):6.1f}   "
                  f"({min(t) / base:.2f}x python set)")
        view = min(times[("wrapped, borrowing iterator", mode)])
        listed = min(times[("wrapped, cloned into a list", mode)])
        seed = min(times[("wrapped, cloned SetIterator (seed)", mode)])
        print(f"  borrowing vs cloned list: {listed / view:.2f}x faster; "
              f"vs seed SetIterator: {seed / view:.2f}x faster")
    walk = []
    for _ in range(REPEATS):
        start = time.perf_counter_ns()
        wrapped.rust_walk()
        walk.append((time.perf_counter_ns() - start) / N)
    print(f"\nRust-only walk of the wrapped set (the floor under any iterator over it): "
          f"{min(walk):.1f} ns per element")
    print(f"Counter.incr (loop included): {min(best):.1f} ns per call")


if __name__ == "__main__":
    main()
