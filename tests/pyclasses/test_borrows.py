"""Borrow checking: re-entrant calls that would alias `&mut` raise RuntimeError."""

import pytest

from pyclasses import borrows as m


def test_mut_method_while_mutably_borrowed():
    cell = m.Cell(0)
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        cell.mutate_with(cell.incr)
    # The failed call's first increment happened; nothing else did.
    assert cell.value == 1


def test_ref_method_while_mutably_borrowed():
    cell = m.Cell(0)
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        cell.mutate_with(cell.get)
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        cell.mutate_with(lambda: cell.value)


def test_shared_borrows_coexist():
    cell = m.Cell(3)
    assert cell.read_with(cell.get) == 3
    assert cell.read_with(lambda: cell.read_with(lambda: cell.value)) == 3
    assert cell.call_with_self(lambda obj: obj.get()) == 3


def test_mut_method_while_shared_borrowed():
    cell = m.Cell(3)
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        cell.read_with(cell.incr)
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        cell.call_with_self(lambda obj: obj.incr())

    def set_value():
        cell.value = 5

    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        cell.read_with(set_value)
    assert cell.value == 3


def test_borrows_are_released_after_errors():
    cell = m.Cell(0)

    def boom():
        raise KeyError("boom")

    with pytest.raises(KeyError):
        cell.mutate_with(boom)
    cell.incr()
    assert cell.get() == 2


def test_merging_an_object_with_itself():
    a, b = m.Cell(1), m.Cell(2)
    a.merge(b)
    assert a.value == 3
    # Arguments are converted before the receiver is borrowed: `other` holds the shared
    # borrow when `&mut self` is taken.
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        a.merge(a)


def test_rust_guard_blocks_python_access():
    cell = m.Cell(1)
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        m.hold_borrow_mut(cell, cell.get)
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        m.hold_borrow_mut(cell, lambda: m.hold_borrow_mut(cell, lambda: None))
    assert cell.get() == 1


def test_frozen_classes_never_conflict():
    c = m.Constant(4)
    assert c.read_with(lambda: c.read_with(lambda: c.value)) == 4
