"""Inheritance: Rust subclasses, native bases, Python subclasses."""

import pytest

from pyclasses import inheritance as m


def test_rust_class_chain():
    d = m.Dog("rex", 2)
    assert (d.name, d.tricks) == ("rex", 2)
    assert d.speak() == "rex barks"
    assert d.kind() == "animal"
    assert m.Animal.speak(d) == "rex makes a sound"
    assert isinstance(d, m.Animal) and issubclass(m.Dog, m.Animal)
    assert d.learn() == 3 and d.name == "clever dog (3)"
    p = m.Puppy("bit")
    assert (p.name, p.tricks, p.age) == ("bit", 0, 1)
    assert isinstance(p, m.Dog) and m.Puppy.__mro__[1:3] == (m.Dog, m.Animal)


def test_python_subclasses():
    class Cat(m.Animal):
        def __init__(self, name, lives=9):
            super().__init__()
            self.lives = lives

        def speak(self):
            return super().speak().replace("a sound", "a meow")

        def __new__(cls, name, lives=9):
            return super().__new__(cls, name)

    cat = Cat("tom", lives=7)
    assert cat.speak() == "tom makes a meow" and cat.lives == 7
    cat.rename("felix")
    assert cat.name == "felix" and isinstance(cat, m.Animal)
    assert type(cat).__mro__[1] is m.Animal

    class Pup(m.Dog):
        pass

    pup = Pup("fido")
    assert pup.speak() == "fido barks" and pup.learn() == 1


def test_classes_without_subclass_cannot_be_extended():
    with pytest.raises(TypeError, match="is not an acceptable base type"):

        class Nope(m.Puppy):
            pass


def test_exception_subclasses_raise_and_catch_with_fields():
    with pytest.raises(m.AppError) as info:
        raise m.AppError("broken", 42)
    assert info.value.code == 42 and info.value.args == ("broken", 42)
    with pytest.raises(TypeError, match="takes no keyword arguments"):
        m.AppError("broken", code=42)  # BaseException.__init__, as for a Python subclass
    assert str(m.AppError("plain")) == "plain"
    assert issubclass(m.AppError, Exception)
    try:
        raise m.AppError("default")
    except Exception as exc:
        assert exc.code == 1
    with pytest.raises(ValueError) as info:
        raise m.BadInput("bad", "age")
    assert isinstance(info.value, m.BadInput) and info.value.field == "age"


def test_exceptions_raised_from_rust():
    with pytest.raises(m.AppError) as info:
        m.fail(7)
    assert info.value.code == 7


def test_python_subclass_of_a_rust_exception():
    class Detailed(m.AppError):
        pass

    with pytest.raises(m.AppError) as info:
        raise Detailed("x", 3)
    assert type(info.value) is Detailed and info.value.code == 3


def test_dict_and_list_bases():
    d = m.CountingDict(a=1)
    d.put("b", 2)
    d["c"] = 3
    assert d == {"a": 1, "b": 2, "c": 3} and d.writes == 1
    assert isinstance(d, dict) and len(d) == 3
    lst = m.LabelledList("ab")
    lst.append(3)
    assert lst == ["a", "b", 3] and lst.label == "ab" and isinstance(lst, list)
