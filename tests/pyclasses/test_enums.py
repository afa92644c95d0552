"""Enums: field-less ones and enums with data."""

import sys

import pytest

from pyclasses import enums as m


def test_variants_are_class_attributes():
    assert isinstance(m.Color.Red, m.Color)
    assert repr(m.Color.Red) == "Color.Red" and repr(m.Color.Blue) == "Color.Blue"
    assert int(m.Color.Red) == 0 and int(m.Color.Green) == 10 and int(m.Color.Blue) == 11
    assert m.Color.Red.is_warm() and not m.Color.Blue.is_warm()
    assert m.Color.all() == [m.Color.Red, m.Color.Green, m.Color.Blue]
    assert m.color_name(m.Color.Green) == "Green"


def test_equality_and_hashing():
    assert m.Color.Red == m.Color.Red and m.Color.Red != m.Color.Green
    assert m.Color.Green != 10 and m.Color.Red != "Red"
    assert len({m.Color.Red, m.Color.Red, m.Color.Blue}) == 2
    assert hash(m.Color.Green) == hash(10)
    with pytest.raises(TypeError):
        m.Color.Red < m.Color.Green


def test_eq_int_and_rename_all():
    assert m.Level.LOW == 1 and m.Level.VERY_HIGH == 3 and m.Level.LOW != 3
    assert 3 == m.Level.VERY_HIGH
    assert repr(m.Level.VERY_HIGH) == "Level.VERY_HIGH"
    assert hash(m.Level.LOW) == hash(1)


def test_simple_enums_have_no_constructor():
    with pytest.raises(TypeError, match="cannot create"):
        m.Color()


def test_variants_with_data_are_subclasses():
    circle = m.Shape.Circle(radius=2.0)
    assert isinstance(circle, m.Shape) and type(circle) is m.Shape.Circle
    assert circle.radius == 2.0 and circle.area() == 12.0
    assert m.Shape.Circle.__qualname__ == "Shape.Circle"
    assert m.Shape.Circle.__name__ == "Circle"
    assert m.Shape.Circle.__module__ == "pyclasses.enums"
    assert m.Shape.Circle.__doc__ == "A circle."
    assert m.Shape.Circle.__text_signature__ == "(radius)"
    rect = m.Shape.Rect(2.0, 3.0)
    assert (rect.width, rect.height) == (2.0, 3.0)
    point = m.Shape.Point(1, 2)
    assert (point._0, point._1) == (1, 2)
    assert m.Shape.Nothing().area() == 0.0
    # Qualified by the class from Python 3.10, as for Python methods.
    with pytest.raises(TypeError, match=r"__new__\(\) missing 1 required positional argument: .radius."):
        m.Shape.Circle()
    with pytest.raises(TypeError, match="cannot create"):
        m.Shape()
    with pytest.raises(AttributeError):
        circle.radius = 1.0


MATCH_SOURCE = """
def describe(shape):
    match shape:
        case Shape.Circle(r):
            return f"circle {r}"
        case Shape.Rect(width=w, height=h):
            return f"rect {w}x{h}"
        case Shape.Point(x, y):
            return f"point {x},{y}"
        case _:
            return "other"
"""


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match needs Python 3.10")
def test_match_statements():
    namespace = {"Shape": m.Shape}
    exec(MATCH_SOURCE, namespace)
    describe = namespace["describe"]
    assert describe(m.Shape.Circle(1.0)) == "circle 1.0"
    assert describe(m.Shape.Rect(1.0, 2.0)) == "rect 1.0x2.0"
    assert describe(m.Shape.Point(3, 4)) == "point 3,4"
    assert describe(m.Shape.Nothing()) == "other"


def test_match_args():
    assert m.Shape.Rect.__match_args__ == ("width", "height")
    assert m.Shape.Point.__match_args__ == ("_0", "_1")
    assert m.Shape.Nothing.__match_args__ == ()


def test_conversions_of_data_enums():
    shapes = [m.Shape.Circle(1.0), m.Shape.Rect(3.0, 3.0), m.Shape.Point(0, 0)]
    largest = m.largest(shapes)
    assert type(largest) is m.Shape.Rect and largest == m.Shape.Rect(3.0, 3.0)
    assert m.Shape.Circle(1.0) != m.Shape.Circle(2.0)
    assert m.largest([]) is None
