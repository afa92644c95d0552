"""Arguments are borrowed, never pooled; a function that can create pooled references
frees them when it returns; nothing leaks."""

import sys

from pyfunctions import pool as m


def test_no_scope_is_left_open_between_calls():
    assert m.owned_objects() == 0


def test_temporaries_are_freed_when_the_call_returns():
    assert m.make_temporaries(100) == 100
    assert m.owned_objects() == 0
    for _ in range(1000):
        m.make_temporaries(10)
    assert m.owned_objects() == 0


def test_arguments_and_results_do_not_enter_the_pool():
    marker = object()
    seen, back = m.echo(marker)
    assert seen == 0
    assert back is marker


def test_calls_do_not_leak_references():
    marker = object()
    before = sys.getrefcount(marker)
    for _ in range(1000):
        m.echo(marker)
        m.echo(obj=marker)
    assert sys.getrefcount(marker) == before
    big = 10**30
    before = sys.getrefcount(big)
    for _ in range(1000):
        try:
            m.add(big, 1)
        except OverflowError:
            pass
    assert sys.getrefcount(big) == before


def test_failed_conversions_leave_nothing_in_the_pool():
    # These functions take only GIL-independent types, so their calls open no pool
    # scope: building and normalizing the errors must not park anything either.
    from pyfunctions import conversions

    for call in (
        lambda: conversions.int_arg("s"),
        lambda: conversions.tuple_arg((1, 2)),
        lambda: conversions.bool_arg(1),
        lambda: conversions.string_arg(3),
    ):
        try:
            call()
        except TypeError:
            pass
        assert m.owned_objects() == 0
