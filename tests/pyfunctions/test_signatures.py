"""Every signature shape against an equivalent Python ``def``: the same results, the same
``inspect.signature``, and for every bad call the same exception with the same message."""

import inspect

import pytest
from call_matrix import mismatches

from pyfunctions import signatures as rust

# The equivalent Python functions, defined in a plain namespace so that their
# ``__qualname__`` is their name: CPython 3.10+ names functions by qualname in argument
# errors, 3.9 by code name, and a built-in by its name.
REFERENCE_SOURCE = """
def noop(): return None
def one(a): return a
def add(a, b): return a + b
def kw(a, b=2, *, c=3): return a + b + c
def full(a, b=1, /, c=None, *args, d, e=2, **kwargs): return (a, b, c, args, d, e, kwargs or None)
def posonly(a, b, /, c): return (a, b, c)
def posonly_default(a, b=1, /): return (a, b)
def kwonly(*, a, b=2): return (a, b)
def required_kwonly(a, *, b, c): return (a, b, c)
def varargs(*args): return args
def varkw(**kwargs): return kwargs or None
def posonly_varkw(a, /, **kwargs): return (a, kwargs or None)
def varargs_kwonly(a, *args, b=5): return (a, args, b)
def trailing_options(a, b=None, c=None): return (a, b, c)
def five(a, b, c, d, e): return (a, b, c, d, e)
def token_anywhere(a, b): return (a, b)
def dict_kwargs(a, **kwargs): return (a, kwargs)
"""
REFERENCE = {}
exec(REFERENCE_SOURCE, REFERENCE)
NAMES = [name for name in REFERENCE if not name.startswith("__")]

POSITIONAL = [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), (1, 2, 3, 4, 5, 6)]
KEYWORDS = [
    {},
    {"a": 10},
    {"b": 20},
    {"c": 30},
    {"d": 40},
    {"e": 50},
    {"x": 60},
    {"a": 10, "b": 20},
    {"b": 20, "x": 60},
    {"x": 60, "a": 10},
    {"c": 30, "d": 40, "e": 50},
    {"a": 10, "b": 20, "c": 30, "d": 40, "e": 50},
    {"args": 70},
    {"kwargs": 80},
]


@pytest.mark.parametrize("name", NAMES)
def test_every_call_behaves_like_the_python_def(name):
    function, reference = getattr(rust, name), REFERENCE[name]
    found = mismatches(name, function, reference, POSITIONAL, KEYWORDS)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", NAMES)
def test_inspect_signature_equals_the_python_def(name):
    assert inspect.signature(getattr(rust, name)) == inspect.signature(REFERENCE[name])


@pytest.mark.parametrize("name", NAMES)
def test_name_and_module(name):
    function = getattr(rust, name)
    assert function.__name__ == name
    assert function.__qualname__ == name
    assert type(function).__name__ == "builtin_function_or_method"


# The messages spelled out, for the reader (the matrix above checks them against CPython).


def message(function, *args, **kwargs):
    with pytest.raises(TypeError) as info:
        function(*args, **kwargs)
    return str(info.value)


def test_missing_positional_arguments_are_all_named_in_order():
    assert message(rust.five, 1) == (
        "five() missing 4 required positional arguments: 'b', 'c', 'd', and 'e'"
    )
    assert message(rust.five, 1, 2, 3) == (
        "five() missing 2 required positional arguments: 'd' and 'e'"
    )
    assert message(rust.five, 1, 2, 3, 4) == (
        "five() missing 1 required positional argument: 'e'"
    )
    assert message(rust.five, b=1, d=2) == (
        "five() missing 3 required positional arguments: 'a', 'c', and 'e'"
    )


def test_missing_keyword_only_arguments():
    assert message(rust.required_kwonly, 1) == (
        "required_kwonly() missing 2 required keyword-only arguments: 'b' and 'c'"
    )
    assert message(rust.kwonly) == "kwonly() missing 1 required keyword-only argument: 'a'"


def test_too_many_positional_arguments():
    assert message(rust.noop, 1) == "noop() takes 0 positional arguments but 1 was given"
    assert message(rust.one, 1, 2) == "one() takes 1 positional argument but 2 were given"
    assert message(rust.kw, 1, 2, 3) == (
        "kw() takes from 1 to 2 positional arguments but 3 were given"
    )
    assert message(rust.kw, 1, 2, 3, c=4) == (
        "kw() takes from 1 to 2 positional arguments but 3 positional arguments "
        "(and 1 keyword-only argument) were given"
    )


def test_unexpected_and_duplicate_keywords():
    assert message(rust.add, 1, 2, x=3) == "add() got an unexpected keyword argument 'x'"
    assert message(rust.add, 1, a=2) == "add() got multiple values for argument 'a'"


def test_positional_only_passed_as_keyword():
    assert message(rust.posonly, a=1, b=2, c=3) == (
        "posonly() got some positional-only arguments passed as keyword arguments: 'a, b'"
    )
    # With **kwargs, such a keyword is just an extra keyword.
    assert rust.posonly_varkw(1, a=2) == (1, {"a": 2})


def test_keywords_match_by_value_not_only_by_interned_identity():
    # Names built at run time are not interned, so they take the string comparison path.
    c = "".join(["c"])
    assert rust.kw(1, **{c: 5}) == 8
    assert rust.kw(**{"".join(["a"]): 1}) == 6
    weird = "".join(["é"])
    assert message(rust.kw, 1, **{weird: 1}) == "kw() got an unexpected keyword argument 'é'"


def test_varargs_and_kwargs_receive_the_surplus():
    assert rust.varargs() == ()
    assert rust.varargs(1, "two", None) == (1, "two", None)
    assert rust.varkw() is None
    assert rust.varkw(a=1, b=2) == {"a": 1, "b": 2}
    assert rust.full(1, 2, 3, 4, 5, d=6, z=7) == (1, 2, 3, (4, 5), 6, 2, {"z": 7})
    # `**kwargs: &PyDict` (not Option) gets an empty dict when there is nothing extra.
    assert rust.dict_kwargs(1) == (1, {})
    assert rust.dict_kwargs(1, q=2) == (1, {"q": 2})


def test_defaults_are_rust_expressions():
    assert rust.rust_defaults(1) == (1, "xx", 5, -1, True, "q")
    assert rust.rust_defaults(1, "a", 2, 3, False, "z") == (1, "a", 2, 3, False, "z")
    # Defaults that are not Python literals show as `...` in the text signature.
    assert rust.rust_defaults.__text_signature__ == "(a, b=..., c=..., d=-1, e=True, f='q')"


def test_raw_identifiers_are_plain_python_names():
    assert rust.raw_names(1) == (1, 0)
    assert rust.raw_names(type=2, match=3) == (2, 3)
    assert str(inspect.signature(rust.raw_names)) == "(type, match=0)"


def test_docstrings_and_text_signatures():
    assert rust.noop.__doc__ == "Takes nothing."
    assert rust.add.__doc__ is None
    assert rust.token_anywhere.__doc__ == (
        "The token may sit anywhere among the parameters and is not part of the signature."
    )
    assert rust.full.__text_signature__ == "(a, b=1, /, c=None, *args, d, e=2, **kwargs)"
