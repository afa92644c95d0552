"""Functions made at run time: closures and raw C functions."""

import pytest

from pyfunctions import closures as m


def test_closure_keeps_its_state():
    first = m.accumulate(1, 2)
    assert m.accumulate(3) == first + 3
    assert m.accumulate.__name__ == "accumulate"
    assert m.accumulate.__doc__ == "Adds its positional arguments to a running total."


def test_closure_errors_are_raised():
    with pytest.raises(TypeError, match="^no keywords$"):
        m.accumulate(x=1)
    with pytest.raises(TypeError):
        m.accumulate("a")


def test_closure_receives_args_and_kwargs():
    assert m.kwargs_echo(1, 2) == ((1, 2), None)
    assert m.kwargs_echo(a=1) == ((), {"a": 1})


def test_closure_panic_becomes_panic_exception():
    with pytest.raises(BaseException) as info:
        m.panicking()
    assert type(info.value).__name__ == "PanicException"
    assert str(info.value) == "closure panicked"
    assert m.panicking.__name__ == "pyo3-closure"


def test_raw_c_functions():
    assert m.raw_args_kwargs(1, k=2) == ((1,), {"k": 2})
    assert m.raw_args_kwargs.__doc__ == "Returns (args, kwargs)."
    assert m.raw_args_kwargs.__module__ == "pyfunctions.closures"
    assert m.raw_noargs() is None
    assert m.raw_noargs.__doc__ is None
    with pytest.raises(TypeError):
        m.raw_noargs(1)
