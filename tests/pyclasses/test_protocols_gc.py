"""Protocols, group 6: reference cycles through Rust fields (and an instance dict) are
freed by gc.collect() once the class has __traverse__ and __clear__."""

import gc
import weakref

from pyclasses import protocols_gc as m


def test_cycle_through_fields_is_collected():
    before = m.Node.drops()
    a, b = m.Node(), m.Node()
    a.other = b
    b.other = a
    del a, b
    assert m.Node.drops() == before  # the cycle keeps both alive
    gc.collect()
    assert m.Node.drops() == before + 2


def test_self_cycle_is_collected():
    before = m.Node.drops()
    a = m.Node()
    a.other = a
    del a
    gc.collect()
    assert m.Node.drops() == before + 1


def test_reachable_nodes_survive_collection():
    before = m.Node.drops()
    a, b = m.Node(), m.Node()
    a.other = b
    b.other = a
    gc.collect()
    assert m.Node.drops() == before
    assert a.other is b and b.other is a
    a.other = None
    del a, b


def test_traversal_visits_the_fields():
    a, b = m.Node(), m.Node()
    a.other = b
    assert gc.get_referents(a) == [b]
    assert gc.get_referents(b) == []


def test_collection_while_mutably_borrowed_skips_the_object():
    before = m.Node.drops()
    a = m.Node()
    a.other = a
    # the collector traverses `a` while `&mut self` is held: it must neither panic nor
    # free `a`; the cycle goes later
    a.while_borrowed(gc.collect)
    assert m.Node.drops() == before
    del a
    gc.collect()
    assert m.Node.drops() == before + 1


def test_cycles_through_field_and_dict_are_collected():
    before = m.DictNode.drops()
    a, b = m.DictNode(), m.DictNode()
    a.other = b
    b.attr = a  # through the instance dict
    freed = []
    weakref.finalize(a, freed.append, "a")
    del a, b
    gc.collect()
    assert freed == ["a"]
    assert m.DictNode.drops() == before + 2


def test_dict_is_visited_too():
    a = m.DictNode()
    a.x = 1
    refs = gc.get_referents(a)
    assert a.__dict__ in refs
