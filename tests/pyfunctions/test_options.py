"""`name`, `text_signature`, `pass_module`, `from_py_with`, `crate` and docstrings."""

import inspect

import pytest

import pyfunctions
from pyfunctions import options as m


def test_name_sets_the_python_name_everywhere():
    assert m.renamed(1) == 1
    assert m.renamed.__name__ == "renamed"
    assert not hasattr(m, "original_name")
    with pytest.raises(TypeError) as info:
        m.renamed()
    assert str(info.value) == "renamed() missing 1 required positional argument: 'a'"
    assert str(inspect.signature(m.renamed)) == "(a)"


def test_options_inside_the_pyfunction_attribute():
    assert m.renamed_inline(1) == 2
    assert m.renamed_inline(1, b=5) == 6
    assert m.renamed_inline.__text_signature__ == "(a, b=1)"


def test_explicit_text_signature_is_used_verbatim():
    assert m.explicit_signature.__text_signature__ == "(value, /, *, flag=False)"
    assert str(inspect.signature(m.explicit_signature)) == "(value, /, *, flag=False)"


def test_text_signature_none_omits_it():
    assert m.no_signature.__text_signature__ is None
    assert m.no_signature.__doc__ is None
    with pytest.raises(ValueError):
        inspect.signature(m.no_signature)


def test_pass_module_receives_the_module():
    assert m.module_name() == m.__name__ == "pyfunctions.options"
    assert m.module_and_arg("!") == "pyfunctions.options!"
    assert str(inspect.signature(m.module_and_arg)) == "(suffix)"
    assert m.pass_module_without_module == (
        "TypeError: `module_name` takes its module (`pass_module`): create it with "
        "`wrap_pyfunction!(module_name, module)`"
    )


def test_from_py_with_extracts_through_the_function():
    assert m.total_length([1, 2, 3]) == 3
    assert m.total_length("ab", extra=(1, 2)) == 4
    with pytest.raises(TypeError) as info:
        m.total_length(5)
    assert str(info.value) == "argument 'items': object of type 'int' has no len()"


def test_crate_option_reaches_the_runtime_through_another_path():
    assert m.via_reexport(1) == 2


def test_docstrings_come_from_doc_comments():
    assert m.documented.__doc__ == (
        "First line.\n\nIndented block:\n    keeps its indentation"
    )
    assert m.computed_doc.__doc__ == "Documented with a computed line:\ncomputed line"
    assert m.undocumented.__doc__ is None
    assert m.module_name.__doc__ == "Returns the name of the module it was created in."
    assert pyfunctions.__doc__ == "Test module for #[pyfunction] and #[pymodule].\n\nSecond paragraph."
