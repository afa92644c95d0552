"""Protocols, group 4: numbers, against a Python class written the same way (results,
exceptions and messages), including reflected and in-place forms and wrong operand types."""

import math
import operator

import pytest
import twin

from pyclasses import protocols_numbers as m


def as_int(value):
    try:
        return operator.index(value)
    except TypeError:
        return None


class Num:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Num({self.v})"

    @staticmethod
    def _val(other):
        if isinstance(other, (Num, m.Num)):
            return other.v
        if isinstance(other, int):
            return other
        return None

    def _bin(f):
        def method(self, other):
            o = Num._val(other)
            return NotImplemented if o is None else f(self, o)

        return method

    __add__ = _bin(lambda s, o: Num(s.v + o))
    __radd__ = _bin(lambda s, o: Num(o + s.v))
    __sub__ = _bin(lambda s, o: Num(s.v - o))
    __rsub__ = _bin(lambda s, o: Num(o - s.v))
    __matmul__ = _bin(lambda s, o: s.v * o + 1)
    __floordiv__ = _bin(lambda s, o: s.v // o)
    __mod__ = _bin(lambda s, o: s.v % o)
    __divmod__ = _bin(lambda s, o: (s.v // o, s.v % o))
    __rdivmod__ = _bin(lambda s, o: (o // s.v, o % s.v))
    __and__ = _bin(lambda s, o: Num(s.v & o))
    __or__ = _bin(lambda s, o: Num(s.v | o))
    __ror__ = _bin(lambda s, o: Num(o | s.v | 0x100))
    __xor__ = _bin(lambda s, o: Num(s.v ^ o))

    def __truediv__(self, other):
        o = Num._val(other)
        if o is None:
            return NotImplemented
        if o == 0:
            raise ZeroDivisionError("division by zero")
        return self.v / o

    def __iadd__(self, other):
        o = Num._val(other)
        if o is None:
            return NotImplemented
        self.v += o * 10
        return self

    def __ixor__(self, other):
        o = Num._val(other)
        if o is None:
            return NotImplemented
        self.v ^= o + 1
        return self

    # A Rust integer parameter accepts anything with `__index__` (a `Num` too).
    def __mul__(self, other):
        o = as_int(other)
        return NotImplemented if o is None else Num(self.v * o)

    def __pow__(self, exponent, modulo=None):
        e = as_int(exponent)
        if e is None or e < 0:
            return NotImplemented
        p = self.v**e
        return p if modulo is None else p % modulo

    def __rpow__(self, base):
        b = as_int(base)
        return NotImplemented if b is None else b**self.v

    def __ipow__(self, exponent):
        e = as_int(exponent)
        if e is None:
            return NotImplemented
        self.v = self.v**e + 1
        return self

    def __lshift__(self, other):
        o = as_int(other)
        return NotImplemented if o is None else Num(self.v << o)

    def __rshift__(self, other):
        o = as_int(other)
        return NotImplemented if o is None else Num(self.v >> o)

    def __neg__(self):
        return Num(-self.v)

    def __pos__(self):
        return Num(self.v + 1000)

    def __abs__(self):
        return Num(abs(self.v))

    def __invert__(self):
        return Num(~self.v)

    def __float__(self):
        return self.v + 0.5

    def __index__(self):
        return self.v

    def __complex__(self):
        return complex(self.v, 1)

    def __round__(self, ndigits=None):
        return self.v + (ndigits or 0)



def norm(value):
    """Results as comparable plain data (a Num becomes its repr)."""
    if isinstance(value, (Num, m.Num)):
        return repr(value)
    if isinstance(value, tuple):
        return tuple(norm(v) for v in value)
    return value


def outcome(f, *args):
    return twin.outcome(f, *args, normalise=norm)


def same(f, *args):
    r = outcome(f, *[m.Num(a.v) if isinstance(a, Num) else a for a in args])
    p = outcome(f, *args)
    assert r == p
    return r


BINARY = [
    operator.add, operator.sub, operator.mul, operator.matmul, operator.truediv,
    operator.floordiv, operator.mod, divmod, pow, operator.lshift, operator.rshift,
    operator.and_, operator.or_, operator.xor,
]


@pytest.mark.parametrize("op", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "left, right",
    [(Num(7), Num(3)), (Num(7), 3), (7, Num(3)), (Num(7), "x"), ("x", Num(3)), (Num(7), 0), (Num(-7), 2.5)],
    ids=["num-num", "num-int", "int-num", "num-str", "str-num", "num-zero", "num-float"],
)
def test_binary_operators_match_python(op, left, right):
    same(op, left, right)


def test_wrong_operand_type_is_not_implemented():
    assert m.Num(1).__add__("x") is NotImplemented
    r = same(operator.add, Num(1), "x")
    assert r == ("raised", TypeError, "unsupported operand type(s) for +: 'Num' and 'str'")


INPLACE = [
    operator.iadd, operator.isub, operator.ixor, operator.ipow, operator.imul, operator.ior,
]


@pytest.mark.parametrize("op", INPLACE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("right", [Num(2), 2, "x"], ids=["num", "int", "str"])
def test_inplace_operators_match_python(op, right):
    def run(a, b):
        result = op(a, b)
        return (result is a, norm(result))

    same(run, Num(5), right)


@pytest.mark.parametrize("modulo", [None, 7])
def test_pow_with_and_without_modulo(modulo):
    same(lambda a: pow(a, 3, modulo), Num(4))
    same(lambda a: pow(2, a, modulo), Num(5))


UNARY = [operator.neg, operator.pos, abs, operator.invert, float, operator.index, complex, round, int, bin, math.trunc]


@pytest.mark.parametrize("op", UNARY, ids=lambda f: getattr(f, "__name__", repr(f)))
def test_unary_and_conversions_match_python(op):
    same(op, Num(-6))


def test_index_makes_it_usable_as_an_index():
    assert [10, 20, 30][m.Num(1)] == 20
    assert round(m.Num(3), 2) == round(Num(3), 2) == 5


def test_float_result_is_checked_like_python():
    class BadFloat:
        def __float__(self):
            return "nope"

    r, p = outcome(float, m.BadFloat()), outcome(float, BadFloat())
    assert r == p
    assert r[0] == "raised" and r[1] is TypeError


@pytest.mark.parametrize(
    "op",
    [operator.neg, operator.pos, abs, operator.invert, operator.index, lambda o: o + 1, lambda o: 1 - o],
    ids=["neg", "pos", "abs", "invert", "index", "add", "rsub"],
)
def test_missing_number_methods_raise_like_python(op):
    class BadFloat:
        def __float__(self):
            return "nope"

    r, p = outcome(op, m.BadFloat()), outcome(op, BadFloat())
    assert r == p
    assert r[0] == "raised" and r[1] is TypeError
