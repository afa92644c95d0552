"""Parameter and return types, and conversion failures that name the parameter."""

import re

import pytest

from pyfunctions import conversions as m


def type_error(function, *args, **kwargs):
    with pytest.raises(TypeError) as info:
        function(*args, **kwargs)
    return info.value


def test_from_pyobject_parameters():
    assert m.int_arg(5) == 5
    assert m.int_arg(True) == 1
    assert m.float_arg(2) == 2.0
    assert m.str_arg("abc") == "ABC"
    assert m.string_arg("hi") == "hi!"
    assert m.bool_arg(False) is True
    assert m.char_arg("é") == 0xE9
    assert m.tuple_arg((1, "x")) == ("x", 1)


def test_conversion_failures_name_the_parameter():
    assert str(type_error(m.int_arg, "s")) == (
        "argument 'x': 'str' object cannot be interpreted as an integer"
    )
    assert str(type_error(m.int_arg, x=1.5)) == (
        "argument 'x': 'float' object cannot be interpreted as an integer"
    )
    # The downcast error's own wording (the target type's name) is the runtime's; the
    # `argument '...': ` prefix is the function's.
    downcast = r"argument '{}': '{}' object cannot be converted to '\w+'"
    assert re.fullmatch(downcast.format("items", "int"), str(type_error(m.list_arg, 3)))
    assert re.fullmatch(downcast.format("s", "bytes"), str(type_error(m.str_arg, b"b")))
    assert re.fullmatch(downcast.format("pair", "int"), str(type_error(m.tuple_arg, (1, 2))))


def test_other_conversion_errors_pass_through_unchanged():
    with pytest.raises(OverflowError) as info:
        m.small_int_arg(300)
    assert not str(info.value).startswith("argument")
    with pytest.raises(ValueError) as info:
        m.tuple_arg((1, "x", 3))
    assert str(info.value) == "expected tuple of length 2, but got tuple of length 3"
    with pytest.raises(ValueError, match="expected a string of length 1"):
        m.char_arg("ab")


def test_the_cause_of_a_conversion_failure_is_kept():
    error = type_error(m.caused_failure, 1)
    assert str(error) == "argument 'x': inner problem"
    assert isinstance(error.__cause__, ValueError)
    assert str(error.__cause__) == "root cause"


def test_gil_bound_parameters_are_the_objects_passed():
    marker = object()
    assert m.any_arg(marker) is marker
    assert m.list_arg([1, 2, 3]) == 3
    assert m.dict_arg({"a": 1}) == 1
    assert m.object_arg(marker) is marker
    first, second = object(), object()
    assert m.returns_tuple_of_refs(first, second) == (second, first)


def test_option_parameters():
    assert m.option_arg(3) == 6
    assert m.option_arg(None) is None
    assert m.option_arg() is None


def test_token_parameter():
    assert m.token_first(4) == (4, 4)


def test_return_types():
    assert m.returns_unit() is None
    assert m.returns_pyresult(True) == 1
    with pytest.raises(ValueError, match="^asked to fail$"):
        m.returns_pyresult(False)
    assert m.returns_custom_error(2) == 2
    with pytest.raises(ValueError, match="^-1 is not positive$"):
        m.returns_custom_error(-1)
    with pytest.raises(FileNotFoundError, match="no such thing"):
        m.returns_io_error()
    assert m.returns_new_list(4) == [0, 1, 2, 3]
