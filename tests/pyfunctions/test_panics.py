"""A panic inside a function becomes `PanicException` with the panic's message."""

import pytest

from pyfunctions import panics as m
from pyfunctions import pool

PanicException = None


def panic_exception(function, *args):
    with pytest.raises(BaseException) as info:
        function(*args)
    error = info.value
    assert type(error).__name__ == "PanicException"
    assert type(error).__module__ == "pyo3_runtime"
    # Not an `Exception`: a bare `except Exception` does not swallow a Rust bug.
    assert not isinstance(error, Exception)
    return error


def test_panic_message_is_carried():
    assert str(panic_exception(m.panic_with_str)) == "static message"
    assert str(panic_exception(m.panic_with_string, 7)) == "formatted message 7"


def test_non_string_payload():
    assert str(panic_exception(m.panic_with_payload)) == "panic from Rust code"


def test_panic_after_pooling_closes_the_scope():
    assert str(panic_exception(m.panic_with_pool)) == "pooled panic"
    assert pool.owned_objects() == 0


def test_panic_in_a_default_expression():
    assert str(panic_exception(m.panic_in_default)) == "default expression panicked"
    assert m.panic_in_default(3) == 3


def test_interpreter_keeps_working_after_panics():
    for _ in range(3):
        panic_exception(m.panic_with_str)
    assert pool.add(1, 2) == 3
