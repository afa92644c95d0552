"""The `myclass` example: the seed's `MyClass { num: u32 }` with `#[new]` and `half()`."""

import inspect
import pathlib
import subprocess
import sys

import pytest

from myclass import MyClass

import myclass as _module

ABI3 = ".abi3." in (getattr(getattr(_module, "myclass", _module), "__file__", None) or "")

HERE = pathlib.Path(__file__).parent


def test_half_rounds_down():
    assert MyClass(10).half() == 5
    assert MyClass(7).half() == 3
    assert MyClass(num=1).half() == 0
    assert MyClass(2**32 - 1).half() == 2**31 - 1


def test_instances_keep_their_own_number():
    a, b = MyClass(4), MyClass(100)
    assert (a.half(), b.half()) == (2, 50)
    # `num` is not exposed: the field has no `#[pyo3(get)]`.
    assert not hasattr(a, "num")


def test_signature_and_doc_come_from_rust():
    # The stable ABI cannot restore a class's text signature before 3.11, where
    # PyType_FromSpec drops it from the docstring (ARCHITECTURE.md, Classes).
    if not (ABI3 and sys.version_info < (3, 11)):
        assert str(inspect.signature(MyClass)) == "(num)"
    assert MyClass.half.__doc__ == "Returns half of the number, rounded down."
    assert MyClass.__doc__.startswith("A number that can be halved.")


def test_bad_numbers_raise_like_pyo3():
    with pytest.raises(OverflowError):
        MyClass(-1)
    with pytest.raises(OverflowError):
        MyClass(2**32)
    with pytest.raises(TypeError, match=r"^argument 'num': "):
        MyClass("10")
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'num'$"):
        MyClass()


def test_demo_prints_half_of_ten():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout
    assert out == "5\n"
