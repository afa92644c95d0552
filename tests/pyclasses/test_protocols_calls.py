"""Protocols, group 3: __call__ with a full signature, context managers and descriptors,
against Python classes written the same way (results, exceptions and messages)."""

import pytest
from twin import same

from pyclasses import protocols_calls as m


class Adder:
    def __init__(self, base):
        self.base = base

    def __call__(self, a, b=10, *rest, scale=1, **extra):
        total = self.base + a + b + sum(rest)
        if total < 0:
            raise ValueError("negative total")
        return (total * scale, len(extra))


class Recorder:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, ty, value, traceback):
        name = "None" if ty is None else ty.__name__
        self.log.append(f"exit {name}")
        return name == "KeyError"




CALLS = {
    "positional": lambda o: o(1),
    "two": lambda o: o(1, 2),
    "star_args": lambda o: o(1, 2, 3, 4),
    "keywords": lambda o: o(a=1, b=2, scale=3),
    "kwargs": lambda o: o(1, x=1, y=2),
    "missing": lambda o: o(),
    "duplicate": lambda o: o(1, a=2),
    "raises": lambda o: o(-100),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_call_matches_python(call):
    r = same(call, m.Adder(5), Adder(5))
    if call is CALLS["star_args"]:
        assert r == ("ok", (15, 0))


def test_call_wrong_type_names_the_argument():
    with pytest.raises(TypeError, match="^argument 'a': "):
        m.Adder(0)("x")


def test_callable_and_not_callable():
    assert callable(m.Adder(0))
    assert not callable(m.Recorder())
    r = same(lambda o: o(), m.Recorder(), Recorder.__new__(type("Recorder", (), {})))
    assert r[0] == "raised" and r[1] is TypeError


@pytest.mark.parametrize("exc", [None, KeyError, ValueError])
def test_context_manager_matches_python(exc):
    def run(rec):
        with rec as entered:
            assert entered is rec
            if exc is not None:
                raise exc("boom")
        return list(rec.log)

    r = same(run, m.Recorder(), Recorder())
    if exc is KeyError:
        assert r == ("ok", ["enter", "exit KeyError"])


def make_holder(doubled_cls, constant_cls, set_only_cls):
    class Holder:
        value = doubled_cls()
        constant = constant_cls()
        fixed = set_only_cls()

    return Holder


class Doubled:
    def __init__(self):
        self.name = None

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj.__dict__[self.name] * 2

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value

    def __delete__(self, obj):
        del obj.__dict__[self.name]


class Constant:
    def __get__(self, obj, owner=None):
        return "class" if obj is None else "instance"


class SetOnly:
    def __get__(self, obj, owner=None):
        return 0

    def __set__(self, obj, value):
        pass


RUST_HOLDER = make_holder(m.Doubled, m.Constant, m.SetOnly)
PY_HOLDER = make_holder(Doubled, Constant, SetOnly)


def test_set_name_is_called():
    assert RUST_HOLDER.__dict__["value"].name == PY_HOLDER.__dict__["value"].name == "_value"


def test_data_descriptor_get_set_delete():
    def run(holder_cls):
        h = holder_cls()
        h.value = 21
        got = h.value
        del h.value
        return got, sorted(h.__dict__)

    assert same(run, RUST_HOLDER, PY_HOLDER) == ("ok", (42, []))
    assert isinstance(RUST_HOLDER.value, m.Doubled)


def test_get_before_set_raises_like_python():
    r = same(lambda c: c().value, RUST_HOLDER, PY_HOLDER)
    assert r == ("raised", KeyError, "'_value'")


def test_non_data_descriptor_is_shadowed_by_the_instance_dict():
    def run(holder_cls):
        h = holder_cls()
        first = (holder_cls.constant, h.constant)
        h.constant = "own"
        return first, h.constant

    assert same(run, RUST_HOLDER, PY_HOLDER) == ("ok", (("class", "instance"), "own"))


def test_delete_without_delete_method_raises_like_python():
    def run(holder_cls):
        h = holder_cls()
        h.fixed = 5
        got = h.fixed
        del h.fixed

    r = same(run, RUST_HOLDER, PY_HOLDER)
    assert r == ("raised", AttributeError, "__delete__")
