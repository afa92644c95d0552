"""Protocols, group 2: containers and iterators, against Python classes written the same
way (results, exceptions and messages)."""

import sys

import pytest
from twin import same, strip_module

from pyclasses import protocols_containers as m


class Seq:
    def __init__(self, items):
        self.items = list(items)

    def _position(self, index):
        i = index + len(self.items) if index < 0 else index
        if not 0 <= i < len(self.items):
            raise IndexError("list index out of range")
        return i

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[self._position(index)]

    def __setitem__(self, index, value):
        self.items[self._position(index)] = value

    def __delitem__(self, index):
        del self.items[self._position(index)]

    def __contains__(self, item):
        return item in self.items

    def __reversed__(self):
        return self.items[::-1]


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Empty:
    pass




def pair(items=(1, 2, 3)):
    return m.Seq(list(items)), Seq(items)


@pytest.mark.parametrize("items", [(), (1,), (4, 5, 6)])
def test_len_and_truth(items):
    r = same(len, *pair(items))
    assert r == ("ok", len(items))
    # without `__bool__`, truth comes from `__len__`
    same(bool, *pair(items))


@pytest.mark.parametrize("index", [0, 2, -1, -3, 3, -4])
def test_getitem_including_negative_and_out_of_range(index):
    same(lambda s: s[index], *pair())


def test_getitem_wrong_key_type_raises_type_error_naming_the_parameter():
    with pytest.raises(TypeError, match="^argument 'index': "):
        m.Seq([1])["x"]


@pytest.mark.parametrize("index", [0, -1, 5])
def test_setitem_and_delitem(index):
    def set_(s):
        s[index] = 9
        return list(s)

    def del_(s):
        del s[index]
        return list(s)

    same(set_, *pair())
    same(del_, *pair())


def test_setitem_without_delitem_raises_like_python():
    class OnlySet:
        def __setitem__(self, key, value):
            pass

    def del_(o):
        del o["k"]

    r = same(del_, m.Odd(), OnlySet())
    assert r == ("raised", AttributeError, "__delitem__")


@pytest.mark.parametrize("item", [1, 3, 7])
def test_contains(item):
    same(lambda s: item in s, *pair())
    same(lambda s: item not in s, *pair())


def test_contains_errors_propagate():
    with pytest.raises(ValueError, match=r"^cannot look for 'x'$"):
        "x" in m.Odd()


def test_old_style_iteration_through_getitem_and_reversed_method():
    # no `__iter__`: iteration calls `__getitem__` until IndexError, as for Python classes
    same(list, *pair())
    same(lambda s: list(reversed(s)), *pair())
    same(lambda s: [x * 2 for x in s], *pair((5, 6)))


@pytest.mark.parametrize("n", [0, 1, 4])
def test_iterator_protocol(n):
    same(list, m.Countdown(n), Countdown(n))
    rust = m.Countdown(n)
    assert iter(rust) is rust


def test_exhausted_iterator_raises_stop_iteration():
    it = m.Countdown(1)
    assert next(it) == 1
    with pytest.raises(StopIteration):
        next(it)
    assert next(it, "done") == "done"


def test_next_error_propagates():
    it = m.Unlucky()
    assert next(it) == 11 and next(it) == 12
    with pytest.raises(ValueError, match="^unlucky$"):
        next(it)


def test_len_too_large_raises_overflow_like_python():
    class Huge:
        def __len__(self):
            return 2**64

    r = same(len, m.Odd(), Huge())
    assert r == ("raised", OverflowError, "cannot fit 'int' into an index-sized integer")


@pytest.mark.parametrize(
    "f",
    [len, lambda o: o[0], lambda o: 1 in o, iter, next, reversed],
    ids=["len", "getitem", "contains", "iter", "next", "reversed"],
)
def test_missing_protocols_raise_like_python(f):
    def setitem(o):
        o[0] = 1

    def delitem(o):
        del o[0]

    r = same(f, m.Empty(), Empty())
    assert r[0] == "raised" and r[1] is TypeError
    same(setitem, m.Empty(), Empty())
    same(delitem, m.Empty(), Empty())


def test_sequence_option_registers_and_matches_like_a_sequence():
    import collections.abc

    p = m.Pair(1, 2)
    assert isinstance(p, collections.abc.Sequence)
    assert not isinstance(p, collections.abc.Mapping)
    # `match` is 3.10+ syntax: compiled at run time so the file still imports on 3.9.
    if sys.version_info >= (3, 10):
        scope = {"p": p}
        exec(
            "match p:\n"
            "    case [a, b]:\n"
            "        got = (a, b)\n"
            "    case _:\n"
            "        got = None\n",
            scope,
        )
        assert scope["got"] == (1, 2)
    assert list(reversed(p)) == [2, 1]


def test_mapping_option_registers_and_matches_like_a_mapping_not_a_sequence():
    import collections.abc

    s = m.Single("k", 5)
    assert isinstance(s, collections.abc.Mapping)
    assert not isinstance(s, collections.abc.Sequence)
    if sys.version_info >= (3, 10):
        scope = {"s": s}
        exec(
            "match s:\n"
            "    case {'k': v}:\n"
            "        got = v\n"
            "    case _:\n"
            "        got = None\n",
            scope,
        )
        assert scope["got"] == 5
    assert len(s) == 1 and s["k"] == 5 and list(s) == ["k"]
    # like dict: not reversible through the sequence protocol
    with pytest.raises(TypeError) as info:
        reversed(s)
    assert strip_module(str(info.value)) == "'Single' object is not reversible"
