"""Protocols, group 1: __bool__ and the individual comparison methods, against Python
classes written the same way (results, exceptions and messages)."""

import operator

import pytest
from twin import outcome, strip_module

from pyclasses import protocols_compare as m


class Flag:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value != 0


class NoTruth:
    def __bool__(self):
        raise ValueError("no truth value")


class Version:
    def __init__(self, value):
        self.value = value

    def _other(self, other):
        if isinstance(other, (Version, m.Version)):
            return other.value
        if isinstance(other, int):
            return other
        return None

    def __eq__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value == o

    def __ne__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value != o

    def __lt__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value < o

    def __le__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value <= o

    def __gt__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value > o

    def __ge__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self.value >= o


class Partial:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.value == other.value

    def __lt__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.value < other.value


class Odd:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        if self.value < 0:
            raise ValueError("negative")
        return self.value - other.value


OPS = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]




def same(rust_cls, py_cls, f, *values):
    """`f` over Rust instances and over Python instances gives the same outcome."""
    r = outcome(f, *[rust_cls(*v) if isinstance(v, tuple) else v for v in values])
    p = outcome(f, *[py_cls(*v) if isinstance(v, tuple) else v for v in values])
    assert r == p
    return r


@pytest.mark.parametrize("value", [0, 1, -3])
def test_bool_matches_python(value):
    assert bool(m.Flag(value)) == bool(Flag(value))
    assert (not m.Flag(value)) == (not Flag(value))
    assert ("yes" if m.Flag(value) else "no") == ("yes" if Flag(value) else "no")


def test_bool_error_propagates():
    with pytest.raises(ValueError, match="^no truth value$"):
        bool(m.NoTruth())
    with pytest.raises(ValueError, match="^no truth value$"):
        bool(NoTruth())
    with pytest.raises(ValueError, match="^no truth value$"):
        if m.NoTruth():
            pass


def test_class_without_bool_is_truthy():
    assert bool(m.Version(0)) is True


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("a, b", [(1, 2), (2, 2), (3, 2)])
def test_all_six_against_same_class_and_int(op, a, b):
    assert op(m.Version(a), m.Version(b)) == op(a, b)
    assert op(m.Version(a), b) == op(Version(a), b) == op(a, b)
    # int on the left: int returns NotImplemented, so the reflected method runs
    assert op(a, m.Version(b)) == op(a, Version(b)) == op(a, b)


@pytest.mark.parametrize("op", OPS)
def test_wrong_type_is_not_implemented_not_type_error(op):
    r = same(m.Version, Version, op, (1,), "x")
    if op in (operator.eq, operator.ne):
        assert r == ("ok", op is operator.ne)
    else:
        assert r[0] == "raised" and r[1] is TypeError
        assert "not supported between instances of 'Version' and 'str'" in r[2]
    assert m.Version(1).__eq__("x") is NotImplemented
    assert m.Version(1).__lt__(None) is NotImplemented


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("a, b", [(1, 2), (2, 2), (3, 2)])
def test_partial_set_behaves_like_python(op, a, b):
    same(m.Partial, Partial, op, (a,), (b,))


def test_missing_ne_inverts_eq_and_missing_le_raises():
    assert (m.Partial(1) != m.Partial(1)) is False
    assert (m.Partial(1) != m.Partial(2)) is True
    with pytest.raises(TypeError) as info:
        m.Partial(1) <= m.Partial(2)
    assert strip_module(str(info.value)) == (
        "'<=' not supported between instances of 'Partial' and 'Partial'"
    )
    # `>` is the reflected `__lt__`
    assert (m.Partial(3) > m.Partial(2)) is True


def test_eq_defined_without_hash_makes_the_class_unhashable():
    assert m.Version.__hash__ is None
    with pytest.raises(TypeError) as info:
        hash(m.Version(1))
    assert strip_module(str(info.value)) == "unhashable type: 'Version'"


@pytest.mark.parametrize("a, b", [(5, 3), (3, 3), (-1, 3)])
def test_eq_returning_objects_and_raising(a, b):
    same(m.Odd, Odd, operator.eq, (a,), (b,))
    same(m.Odd, Odd, operator.ne, (a,), (b,))
    same(m.Odd, Odd, operator.ne, (a,), "x")
