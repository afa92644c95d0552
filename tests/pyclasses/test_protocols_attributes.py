"""Protocols, group 5: attribute access hooks, against Python classes written the same
way (results, exceptions and messages)."""

import pytest
from twin import same

from pyclasses import protocols_attributes as m


class Fallback:
    __slots__ = ()
    real = 1

    def method(self):
        return "method"

    def __getattr__(self, name):
        if name.startswith("no"):
            raise AttributeError(name)
        return f"virtual {name}"


class Everything:
    def __getattribute__(self, name):
        if name == "missing":
            raise AttributeError("not here")
        return f"got {name}"

    def __getattr__(self, name):
        return f"fallback {name}"


class Record:
    def __init__(self):
        object.__setattr__(self, "fields", {})

    def keys(self):
        return sorted(self.fields)

    def __getattr__(self, name):
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self.fields[name] = value

    def __delattr__(self, name):
        if name not in self.fields:
            raise AttributeError(name)
        del self.fields[name]


class Frozen:
    __slots__ = ()

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")




@pytest.mark.parametrize(
    "f",
    [lambda o: o.real, lambda o: o.method(), lambda o: o.anything, lambda o: o.nothing,
     lambda o: getattr(o, "nope", "default"), lambda o: hasattr(o, "nope")],
    ids=["real", "method", "virtual", "missing", "getattr-default", "hasattr"],
)
def test_getattr_is_a_fallback(f):
    same(f, m.Fallback(), Fallback())


@pytest.mark.parametrize(
    "f",
    [lambda o: o.x, lambda o: o.missing, lambda o: getattr(o, "y")],
    ids=["seen", "fallback", "getattr"],
)
def test_getattribute_sees_everything(f):
    r = same(f, m.Everything(), Everything())
    assert r[0] == "ok"


def test_setattr_delattr_and_getattr_round_trip():
    def run(o):
        o.a = 1
        o.b = 2
        o.a = 3
        del o.b
        return (o.a, o.keys(), hasattr(o, "b"))

    assert same(run, m.Record(), Record()) == ("ok", (3, ["a"], False))


def test_delattr_error_propagates():
    def run(o):
        del o.never

    assert same(run, m.Record(), Record()) == ("raised", AttributeError, "never")


def test_wrong_value_type_in_setattr_raises_type_error():
    with pytest.raises(TypeError, match="^argument 'value': "):
        m.Record().a = "x"


@pytest.mark.parametrize(
    "f",
    [lambda o: setattr(o, "x", 1), lambda o: delattr(o, "x")],
    ids=["set", "delete-falls-back-to-generic"],
)
def test_only_setattr(f):
    same(f, m.Frozen(), Frozen())
