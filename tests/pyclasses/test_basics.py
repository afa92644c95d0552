"""Classes and their options: properties, names and docs, frozen/dict/weakref/freelist/
unsendable, rename_all, sequence/mapping, and eq/ord/hash/str from the Rust impls."""

import collections.abc
import gc
import pickle
import sys
import threading
import weakref

import pytest

from pyclasses import basics as m


def test_the_seed_class_works_as_shown():
    obj = m.MyClass(10)
    assert obj.half() == 5
    assert m.MyClass(7).half() == 3
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'num'"):
        m.MyClass()
    with pytest.raises(OverflowError):
        m.MyClass(-1)


def test_names_module_and_docs():
    assert m.Point.__name__ == "Point"
    assert m.Point.__qualname__ == "Point"
    assert m.Point.__module__ == "pyclasses.basics"
    assert m.Point.__doc__ == "A point in the plane.\n\nSecond paragraph."
    assert m.Point.__text_signature__ == "(x, y)"
    assert m.Point.x.__doc__ == "The x coordinate."
    assert m.Renamed.__name__ == "Renamed" and m.Renamed().method(2) == 2
    assert not hasattr(m, "RustName")
    assert m.Seq.__doc__ is None
    assert type(m.Point) is type


def test_fields_with_get_all_and_set_all():
    p = m.Point(1.0, 2.0)
    assert (p.x, p.y) == (1.0, 2.0)
    p.x = 5
    assert p.x == 5.0
    with pytest.raises(TypeError):
        p.y = "not a number"
    assert p.y == 2.0


def test_read_only_renamed_and_hidden_fields():
    r = m.Record("Ada", 1815)
    assert (r.firstName, r.birthYear, r.id) == ("Ada", 1815, 7)
    r.birthYear = 1816
    assert r.birthYear == 1816
    with pytest.raises(AttributeError, match="not writable"):
        r.firstName = "x"
    assert not hasattr(r, "hidden") and not hasattr(r, "first_name")


def test_deleting_a_settable_field_raises_attribute_error():
    p = m.Point(1.0, 2.0)
    with pytest.raises(AttributeError):
        del p.x
    assert p.x == 1.0


def test_frozen_class_with_eq_ord_hash_str():
    a, b, c = m.Version(1, 2), m.Version(1, 2), m.Version(1, 3)
    assert a == b and a != c and not (a == "v1.2")
    assert a < c and c > a and a <= b and a >= b
    assert hash(a) == hash(b) and len({a, b, c}) == 2
    assert str(a) == "v1.2" and a.bumped() == c
    with pytest.raises(TypeError):
        a < 1
    with pytest.raises(AttributeError):
        a.major = 3


def test_eq_without_hash_is_unhashable():
    assert m.Mutable(1) == m.Mutable(1)
    assert m.Mutable(1) != m.Mutable(2)
    with pytest.raises(TypeError, match="unhashable"):
        hash(m.Mutable(1))
    assert m.Mutable.__hash__ is None


def test_dict_and_weakref():
    o = m.Open()
    o.attribute = 1
    assert o.__dict__ == {"attribute": 1}
    r = weakref.ref(o)
    assert r() is o
    del o
    gc.collect()
    assert r() is None
    with pytest.raises(AttributeError):
        m.Point(0, 0).extra = 1
    with pytest.raises(TypeError):
        weakref.ref(m.Point(0, 0))


def test_freelist_reuses_instances_correctly():
    objects = [m.Pooled(i) for i in range(10)]
    assert [o.value for o in objects] == list(range(10))
    del objects
    for i in range(100):
        assert m.Pooled(i).value == i
    again = [m.Pooled(i) for i in range(10)]
    assert [o.value for o in again] == list(range(10))


def test_unsendable_instances_raise_on_other_threads():
    local = m.Local(5)
    assert local.get() == 5
    errors = []

    def use():
        try:
            local.get()
        except RuntimeError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "unsendable" in errors[0]


def test_sequence_and_mapping_flags():
    assert issubclass(m.Seq, collections.abc.Sequence)
    assert issubclass(m.Map, collections.abc.Mapping)
    assert not issubclass(m.Map, collections.abc.Sequence)


def test_class_without_constructor():
    with pytest.raises(TypeError, match="cannot create 'pyclasses.basics.NoConstructor' instances"):
        m.NoConstructor()
    assert type(m.no_constructor()) is m.NoConstructor


def test_instances_made_in_rust():
    a, b, c = m.make_points()
    assert [p.x for p in (a, b, c)] == [1.0, 2.0, 3.0]
    assert all(type(p) is m.Point for p in (a, b, c))
    assert m.scale(m.Point(1.0, 2.0), 3.0) == (3.0, 6.0)


def test_pickling_fails_clearly():
    # CPython names the type by its tp_name, the dotted name of extension types.
    with pytest.raises(TypeError, match="cannot pickle 'pyclasses.basics.Point' object"):
        pickle.dumps(m.Point(1.0, 2.0))
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(m.Version(1, 2), protocol=0)


def test_immutable_type():
    assert m.Sealed.ANSWER == 42 and type(m.Sealed()) is m.Sealed
    if sys.version_info >= (3, 10):
        with pytest.raises(TypeError, match="immutable type"):
            m.Sealed.extra = 1
    # Classes are mutable by default, as in PyO3 (monkeypatching, mock.patch.object).
    m.Point.extra = 1
    del m.Point.extra
