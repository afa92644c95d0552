"""The `klass` example: a class, `Class`, written in Rust."""

import inspect
import pathlib
import subprocess
import sys

import pytest

from klass import Class

import klass as _module

ABI3 = ".abi3." in (getattr(getattr(_module, "klass", _module), "__file__", None) or "")

HERE = pathlib.Path(__file__).parent


def test_greet():
    klass = Class()
    assert klass.greet("World") == "Hello, World!"
    assert klass.greet(name="Ferris") == "Hello, Ferris!"
    assert Class().greet("Grüße 🦀") == "Hello, Grüße 🦀!"


def test_is_a_class_from_the_extension():
    assert isinstance(Class, type)
    assert type(Class()) is Class
    assert Class.__name__ == "Class"
    import klass

    # Installed by maturin, `klass` is a package re-exporting the extension `klass.klass`;
    # built by plain cargo it is the extension itself.
    assert getattr(klass, "klass", klass).Class is Class


def test_signature_and_doc_come_from_rust():
    # The stable ABI cannot restore a class's text signature before 3.11, where
    # PyType_FromSpec drops it from the docstring (ARCHITECTURE.md, Classes).
    if not (ABI3 and sys.version_info < (3, 11)):
        assert str(inspect.signature(Class)) == "()"
    assert str(inspect.signature(Class.greet)) == "(self, /, name)"
    assert Class.greet.__doc__ == "Returns a greeting for `name`."


def test_argument_errors_read_like_python():
    with pytest.raises(TypeError, match=r"takes 1 positional argument but 2 were given$"):
        Class(1)
    with pytest.raises(TypeError, match=r"greet\(\) missing 1 required positional argument: 'name'$"):
        Class().greet()
    with pytest.raises(TypeError, match=r"^argument 'name': "):
        Class().greet(42)


def test_seed_snippet_prints_the_greeting():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout
    assert out == "Hello, World!\n"
