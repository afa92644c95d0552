"""The `function` example: `greet(name)` written in Rust."""

import importlib.machinery
import inspect
import pathlib
import subprocess
import sys

import pytest

import function
from function import greet

HERE = pathlib.Path(__file__).parent


def test_greet():
    assert greet("World") == "Hello, World!"
    assert greet(name="Ferris") == "Hello, Ferris!"
    assert greet("") == "Hello, !"
    assert greet("Grüße 🦀") == "Hello, Grüße 🦀!"


def test_is_a_builtin_from_the_extension():
    module = getattr(function, "function", function)
    assert module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert inspect.isbuiltin(greet)
    # Installed by maturin, the extension is `function.function` inside a package that
    # re-exports it; built by plain cargo it is the top-level `function`.
    assert module.__name__ in ("function", "function.function")
    assert greet.__module__ == module.__name__


def test_signature_and_doc_come_from_rust():
    assert str(inspect.signature(greet)) == "(name)"
    assert greet.__doc__ == "Returns a greeting for `name`."


def test_argument_errors_read_like_python():
    with pytest.raises(TypeError, match=r"^greet\(\) missing 1 required positional argument: 'name'$"):
        greet()
    with pytest.raises(TypeError, match=r"^greet\(\) takes 1 positional argument but 2 were given$"):
        greet("a", "b")
    with pytest.raises(TypeError, match=r"^argument 'name': "):
        greet(42)


def test_seed_snippet_prints_the_greeting():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout
    assert out == "Hello, World!\n"
