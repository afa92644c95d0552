"""`#[pymodule]`: the module, its functions and constants, submodules importable as
`pyfunctions.<name>`, and a clear `ImportError` on a second initialisation."""

import ctypes
import importlib
import subprocess
import sys
import textwrap

import pytest

import pyfunctions


def test_top_level_functions_and_constants():
    assert pyfunctions.add_one(1) == 2
    assert pyfunctions.add_one.__module__ == "pyfunctions"
    assert pyfunctions.add_one.__doc__ == "Adds one."
    assert pyfunctions.double(4) == 8
    assert pyfunctions.CONSTANT == 42
    assert {"add_one", "double", "CONSTANT", "signatures"} <= set(pyfunctions.__all__)


@pytest.mark.parametrize(
    "name",
    ["signatures", "conversions", "options", "panics", "pool", "closures",
     "renamed_module", "module_only", "manual", "outer", "outer.inner"],
)
def test_submodules_are_importable_by_dotted_name(name):
    qualified = f"pyfunctions.{name}"
    module = importlib.import_module(qualified)
    parent = pyfunctions
    for part in name.split("."):
        parent = getattr(parent, part)
    assert module is parent
    assert sys.modules[qualified] is module
    assert module.__name__ == qualified


def test_nested_submodules_follow_their_parent():
    import pyfunctions.outer.inner

    assert pyfunctions.outer.inner.inner_function() == "inner"
    assert pyfunctions.outer.inner.inner_function.__module__ == "pyfunctions.outer.inner"
    assert "outer.inner" not in sys.modules
    assert "inner" not in sys.modules


def test_functions_of_submodules_name_their_module():
    assert pyfunctions.signatures.add.__module__ == "pyfunctions.signatures"


def test_from_import_of_a_submodule():
    from pyfunctions.signatures import add

    assert add(1, 2) == 3


def test_module_options():
    assert pyfunctions.renamed_module.MARKER == "renamed"
    assert pyfunctions.renamed_module.__doc__ == (
        "A module whose Python name differs from the Rust function's."
    )
    assert not hasattr(pyfunctions, "rust_named_module")
    assert pyfunctions.module_only.MARKER == "module only"
    assert pyfunctions.manual.MARKER == "manual"


def test_a_failing_initialiser_reports_its_error():
    assert pyfunctions.failing_module_error == "RuntimeError: initialiser failed"


def test_initialising_twice_raises_import_error():
    init = ctypes.PyDLL(pyfunctions.__file__).PyInit_pyfunctions
    init.restype = ctypes.py_object
    with pytest.raises(ImportError) as info:
        init()
    assert str(info.value) == (
        "module 'pyfunctions' is already initialized: modules built with pyo3-core can be "
        "initialized only once per process (reloading and re-importing after removal from "
        "sys.modules are not supported)"
    )


def run_isolated(code):
    """Runs `code` in a fresh interpreter process with the same module path."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ":".join(sys.path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_reimport_after_removal_raises_import_error():
    out = run_isolated(
        """
        import sys
        import pyfunctions
        for name in [n for n in sys.modules if n.startswith("pyfunctions")]:
            del sys.modules[name]
        try:
            import pyfunctions
        except ImportError as e:
            print(e)
        """
    )
    assert out.startswith("module 'pyfunctions' is already initialized")


def test_subinterpreter_gets_import_error_not_a_crash():
    out = run_isolated(
        """
        import os, tempfile
        import _testcapi
        import pyfunctions
        path = tempfile.mktemp()
        code = (
            "try:\\n"
            "    import pyfunctions\\n"
            "    result = 'imported'\\n"
            "except ImportError as e:\\n"
            "    result = str(e)\\n"
            f"open({path!r}, 'w').write(result)\\n"
        )
        _testcapi.run_in_subinterp(code)
        print(open(path).read())
        os.remove(path)
        """
    )
    assert out == (
        "module 'pyfunctions' cannot be loaded in this interpreter: it was first "
        "initialized in another one, and modules built with pyo3-core do not support "
        "subinterpreters"
    )
