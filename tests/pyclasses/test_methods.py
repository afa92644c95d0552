"""Every kind of #[pymethods] item; methods of every signature shape against an
equivalent Python class (results, errors word for word, inspect.signature); pickling."""

import inspect
import pickle

import pytest
from call_matrix import mismatches

from pyclasses import methods as m


def test_instance_methods_and_properties():
    c = m.Counter(5)
    c.incr()
    assert c.add(3) == 9
    assert c.value == 9 and c.doubled == 18 and c.halved == 4
    c.value = 2
    assert c.value == 2
    with pytest.raises(ValueError, match="must not be negative"):
        c.value = -1
    assert c.value == 2
    with pytest.raises(TypeError):
        c.value = "x"
    assert repr(c) == "Counter(2)"
    assert c.renamed() == "renamed" and not hasattr(c, "rust_name")
    c.reset()
    assert c.value == 0
    assert isinstance(c.needs_token(), str)


def test_properties_without_a_setter_or_deleter():
    c = m.Counter()
    assert c.read_only == "ro"
    with pytest.raises(AttributeError, match="not writable"):
        c.read_only = "x"
    with pytest.raises(AttributeError, match="not writable"):
        c.doubled = 1


def test_deleting_a_property_raises_like_python():
    class Reference:
        @property
        def value(self):
            return 0

        @value.setter
        def value(self, v):
            pass

    Reference.__qualname__ = "Counter"
    with pytest.raises(AttributeError) as expected:
        del Reference().value
    with pytest.raises(AttributeError) as got:
        del m.Counter().value
    assert str(got.value) == str(expected.value)


def test_receiver_kinds():
    c = m.Counter(4)
    assert c.slf_ref() == 4
    assert c.slf_mut(2) == 6
    assert c.slf_cell() == 6
    assert c.slf_py() == 6


def test_static_and_class_methods_and_attributes():
    assert m.Counter.from_pair(2, 3).value == 5
    assert m.Counter.class_name() == "Counter"
    assert m.Counter(1).class_name() == "Counter"
    made = m.Counter.make(7)
    assert type(made) is m.Counter and made.value == 7

    assert m.Counter.LIMIT == 1000
    assert isinstance(m.Counter.ZERO, m.Counter) and m.Counter.ZERO.value == 0
    assert "zero" not in m.Counter.__dict__


def test_docstrings_and_text_signatures():
    assert m.Counter.__doc__ == "Counts things."
    assert m.Counter.__text_signature__ == "(start=0)"
    assert m.Counter.incr.__doc__ == "Adds one."
    assert m.Counter.add.__text_signature__ == "($self, n)"
    assert m.Counter.value.__doc__ == "The current value."
    assert m.Counter.from_pair.__text_signature__ == "(a, b)"
    assert m.Counter.class_name.__text_signature__ == "($cls)"
    assert str(inspect.signature(m.Counter(0).add)) == "(n)"
    assert str(inspect.signature(m.Counter.add)) == "(self, /, n)"
    assert str(inspect.signature(m.Counter.from_pair)) == "(a, b)"
    assert str(inspect.signature(m.Counter.make)) == "(value)"
    assert str(inspect.signature(m.Counter)) == "(start=0)"
    assert str(inspect.signature(m.Ctor)) == "(a, b=1, *, c=2)"


def test_method_kinds_are_builtin_methods():
    assert type(m.Counter.__dict__["incr"]).__name__ == "method_descriptor"
    assert type(m.Counter.__dict__["from_pair"]).__name__ == "staticmethod"
    assert type(m.Counter.__dict__["class_name"]).__name__ == "classmethod_descriptor"
    assert type(m.Counter.__dict__["value"]).__name__ == "getset_descriptor"


def test_constructor_errors():
    assert m.Ctor(1).args == (1, 1, 2)
    assert m.Ctor(1, 2, c=3).args == (1, 2, 3)
    with pytest.raises(ValueError, match="0 is not positive"):
        m.Positive(0)
    assert m.Positive(3).value == 3


# The equivalent Python classes, defined in a plain namespace so their __qualname__ is
# their name, as the Rust classes' is.
REFERENCE_SOURCE = """
class Sig:
    def noop(self): return None
    def one(self, a): return a
    def add(self, a, b): return a + b
    def kw(self, a, b=2, *, c=3): return a + b + c
    def full(self, a, b=1, /, c=None, *args, d, e=2, **kwargs):
        return (a, b, c, args, d, e, kwargs or None)
    def posonly(self, a, b, /, c): return (a, b, c)
    def kwonly(self, *, a, b=2): return (a, b)
    def varargs(self, *args): return args
    @staticmethod
    def s_add(a, b): return a + b
    @staticmethod
    def s_kw(a, b=2, *, c=3): return a + b + c
    @classmethod
    def c_add(cls, a, b): return a + b
    @classmethod
    def c_posonly(cls, a, /, b=2): return (a, b)

class Ctor:
    def __new__(cls, a, b=1, *, c=2):
        self = object.__new__(cls)
        self.args = (a, b, c)
        return self
"""
REFERENCE = {}
exec(REFERENCE_SOURCE, REFERENCE)
METHODS = [name for name in vars(REFERENCE["Sig"]) if not name.startswith("__")]

POSITIONAL = [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), (1, 2, 3, 4, 5, 6)]
KEYWORDS = [
    {},
    {"a": 10},
    {"b": 20},
    {"c": 30},
    {"d": 40},
    {"a": 10, "b": 20},
    {"b": 20, "x": 60},
    {"c": 30, "d": 40, "e": 50},
    {"a": 10, "b": 20, "c": 30, "d": 40, "e": 50},
    {"self": 1},
    {"cls": 1},
]


def builtin_noargs_method(qualname):
    """A callable that fails like a C method without arguments (METH_NOARGS) named
    ``qualname``: CPython's own errors, taken from ``list.clear`` with the name replaced."""
    cls_name, name = qualname.split(".")

    def call(*args, **kwargs):
        try:
            return [].clear(*args, **kwargs)
        except TypeError as exc:
            # 3.10+ name the method "list.clear", 3.9 "clear".
            message = str(exc).replace("list.clear", qualname)
            if message == str(exc):
                message = message.replace("clear", name)
            raise TypeError(message) from None

    return call


@pytest.mark.parametrize("name", METHODS)
def test_every_call_behaves_like_the_python_method(name):
    rust_obj, reference_obj = m.Sig(), REFERENCE["Sig"]()
    found = []
    for target_rust, target_ref in [(rust_obj, reference_obj), (m.Sig, REFERENCE["Sig"])]:
        if target_rust is m.Sig and not isinstance(
            REFERENCE["Sig"].__dict__[name], (staticmethod, classmethod)
        ):
            continue
        function, reference = getattr(target_rust, name), getattr(target_ref, name)
        if name == "noop":
            # A method without arguments is a METH_NOARGS method, as in C: it fails like
            # `[].clear(1)`, not like a Python `def`.
            reference = builtin_noargs_method("Sig.noop")
        found += mismatches(name, function, reference, POSITIONAL, KEYWORDS)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", METHODS)
def test_bound_signature_equals_the_python_method(name):
    assert inspect.signature(getattr(m.Sig(), name)) == inspect.signature(
        getattr(REFERENCE["Sig"](), name)
    )


def test_unbound_methods_called_with_the_wrong_self():
    with pytest.raises(TypeError, match="'add' for 'pyclasses.methods.Sig' objects doesn't apply"):
        m.Sig.add(1, 2, 3)


def test_constructor_calls_behave_like_the_python_class():
    found = mismatches(
        "Ctor",
        lambda *a, **k: m.Ctor(*a, **k).args,
        lambda *a, **k: REFERENCE["Ctor"](*a, **k).args,
        POSITIONAL,
        KEYWORDS,
    )
    assert not found, "\n".join(found)


def test_messages_spelled_out():
    c = m.Counter()
    with pytest.raises(TypeError) as info:
        c.add()
    assert str(info.value).endswith("add() missing 1 required positional argument: 'n'")
    with pytest.raises(TypeError) as info:
        c.add(1, 2)
    assert str(info.value).endswith("add() takes 2 positional arguments but 3 were given")
    with pytest.raises(TypeError) as info:
        c.add("x")
    assert str(info.value).startswith("argument 'n': ")


def test_pickling_uses_reduce_or_fails_clearly():
    r = pickle.loads(pickle.dumps(m.Reducible(42)))
    assert type(r) is m.Reducible and r.value == 42
    with pytest.raises(TypeError, match="cannot pickle 'pyclasses.methods.Counter' object"):
        pickle.dumps(m.Counter(1))


def test_magic_methods_from_the_dunder_table():
    a, b = m.Money(150), m.Money(275)
    assert repr(a) == "Money(150)" and str(b) == "$2.75" and int(a) == 150
    assert hash(a) == 150 and len({a, m.Money(150)}) == 1
    assert a < b and b > a and a != b and a == m.Money(150) and a <= m.Money(150)
    # Another type fails the `other: PyRef<Money>` extraction: NotImplemented, so Python
    # falls back to identity for == and raises for <.
    assert (a == 1) is False
    with pytest.raises(TypeError):
        a < 1
    assert m.Money.parse("3.05") == m.Money(305)
    with pytest.raises(ValueError, match="^bad amount$"):  # only TypeErrors get the prefix
        m.Money.parse("x")
    assert m.Money.__text_signature__ == "(cents, /)"
