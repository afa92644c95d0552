"""The `wrapper` example: a Rust `HashSet<u32>` whose iterator borrows it."""

import gc
import pathlib
import subprocess
import sys
import threading

import pytest

from wrapper import HashSet

HERE = pathlib.Path(__file__).parent


def make(*values):
    s = HashSet()
    for v in values:
        s.add(v)
    return s


def test_add_len_contains():
    s = make(1, 2, 2)
    assert len(s) == 2
    assert 1 in s and 3 not in s
    assert "x" not in s and -1 not in s


def test_iterates_the_set():
    s = make(*range(100))
    assert sorted(s) == list(range(100))
    it = iter(s)
    assert iter(it) is it
    assert sorted(it) == list(range(100))
    assert list(it) == []


def test_adding_while_iterating_raises_like_a_python_set():
    s = make(1, 2, 3)
    with pytest.raises(RuntimeError, match=r"^HashSet changed during iteration$"):
        for x in s:
            s.add(x + 10)
    assert len(s) == 4  # the add itself succeeded


def test_iterator_keeps_the_set_alive():
    s = make(5, 6)
    it = iter(s)
    del s
    gc.collect()
    assert sorted(it) == [5, 6]


def test_threads_iterate_at_once():
    s = make(*range(10_000))
    results = []

    def work():
        results.append(sorted(s))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [list(range(10_000))] * 4


def test_a_million_elements():
    s = make(*range(1_000_000))
    assert sum(s) == sum(range(1_000_000))


def test_seed_snippet():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[:2] == ["has 0: True", "has 1: False"]
    assert sorted(out[2:]) == ["found 0", "found 2"]
