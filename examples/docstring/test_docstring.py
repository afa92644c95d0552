"""The `docstring` example: a module whose only content is its docstring."""

import importlib.machinery
import pathlib
import subprocess
import sys

import docstring

HERE = pathlib.Path(__file__).parent


def extension_of(package):
    """The compiled module behind an import name: maturin installs `name/name.<abi>.so`
    with an `__init__.py` that re-exports it; the plain-cargo route puts `name.so` itself
    on the path."""
    module = getattr(package, package.__name__, package)
    assert module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    return module


def test_docstring_is_the_doc_comment():
    assert docstring.__doc__ == "This module is implemented in Rust."
    assert extension_of(docstring).__doc__ == "This module is implemented in Rust."


def test_module_defines_nothing_else():
    names = {n for n in vars(extension_of(docstring)) if not n.startswith("__")}
    assert names == set()


def test_seed_snippet_prints_the_docstring():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout
    assert out == "This module is implemented in Rust.\n"
