"""Conversions of classes and #[derive(FromPyObject)]."""

import types

import pytest

from pyclasses import conversions as m


def test_class_values_convert_both_ways():
    item = m.Item(3)
    assert m.count_clone(item) == 3 and m.count_ref(item) == 3
    m.bump_mut(item)
    assert item.count == 4
    assert m.same_object(item) is item and m.keep(item) is item
    assert m.total([m.Item(1), m.Item(2)]) == 3
    made = m.make(5)
    assert type(made) is m.Item and made.count == 5


def test_wrong_types_name_the_class():
    with pytest.raises(TypeError, match="argument 'item': 'int' object cannot be converted to 'Item'"):
        m.count_clone(1)
    with pytest.raises(TypeError, match="'str' object cannot be converted to 'Item'"):
        m.count_ref("x")


def test_derive_struct_from_attributes_and_items():
    assert m.config(types.SimpleNamespace(name="n", verbosity=2)) == ("n", 2)
    assert m.settings({"host": "h", "port": 80, "use-tls": True}) == ("h", 80, True)
    assert m.size((2, 3)) == 6
    assert m.lengths({"a": [1, 2, 3]}) == 3


def test_derive_struct_errors():
    with pytest.raises(TypeError) as info:
        m.config(types.SimpleNamespace(name=1, verbosity=2))
    assert str(info.value) == "argument 'c': failed to extract field Config.name"
    with pytest.raises(AttributeError):
        m.config(types.SimpleNamespace(name="n"))
    with pytest.raises(KeyError):
        m.settings({"host": "h"})
    with pytest.raises(TypeError, match="expected tuple of length 2, but got tuple of length 3"):
        m.size((1, 2, 3))


def test_derive_enum_takes_the_first_variant_that_fits():
    assert m.id(5) == "number 5"
    assert m.id("x") == "name x"
    assert m.id((1, 2)) == "pair 1 2"
    assert m.id(types.SimpleNamespace(id=9)) == "object 9"


def test_derive_enum_error_lists_every_variant():
    with pytest.raises(TypeError) as info:
        m.id(1.5)
    lines = str(info.value).splitlines()
    assert lines[0] == "argument 'i': failed to extract enum Id ('Number | str | Pair | Object')"
    assert lines[1].startswith(
        "- variant Number (Number): TypeError: failed to extract field Id::Number.0, "
        "caused by TypeError: "
    )
    assert lines[2].startswith("- variant Name (str): TypeError: failed to extract field Id::Name.0")
    assert lines[3].startswith("- variant Pair (Pair): TypeError: ")
    assert lines[4].startswith("- variant Object (Object): AttributeError: ")
