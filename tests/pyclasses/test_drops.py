"""Every Rust value is dropped exactly once; create/destroy cycles leak nothing."""

import gc
import resource

from pyclasses import drops as m


def test_each_value_is_dropped_once():
    gc.collect()
    base, child = m.drops()
    objects = [m.Tracked(1) for _ in range(100)] + [m.TrackedChild(1) for _ in range(50)]
    del objects
    assert m.drops() == (base + 150, child + 50)


def test_cycles_are_collected_and_dropped_once():
    gc.collect()
    base, child = m.drops()
    for _ in range(100):
        a = m.Tracked()
        a.me = a

        class Sub(m.Tracked):
            pass

        b = Sub()
        b.other = a
        a.other = b
    del a, b
    gc.collect()
    assert m.drops() == (base + 200, child)


def test_rust_side_creation():
    base, _ = m.drops()
    m.churn(1000)
    assert m.drops()[0] == base + 1000


def rss_kib():
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024


def test_memory_is_flat_over_a_million_instances():
    for _ in range(10_000):
        m.Tracked(64)
    gc.collect()
    before = rss_kib()
    base, child = m.drops()
    for _ in range(1_000_000):
        m.Tracked(64)
    for _ in range(100_000):
        t = m.TrackedChild(64)
        t.cycle = t
        del t
    gc.collect()
    grown = rss_kib() - before
    assert m.drops() == (base + 1_100_000, child + 100_000)
    # A leak of the 64-byte payload alone would be 64 MB.
    assert grown < 8 * 1024, f"RSS grew by {grown} KiB"
