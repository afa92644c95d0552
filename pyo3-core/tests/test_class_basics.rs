//! `#[pyclass]` on structs: properties from fields, options, `IntoPy`/extraction, the type
//! object's names and docs.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A point in the plane.
#[pyclass(module = "geometry", get_all)]
#[derive(Clone, Debug, PartialEq)]
struct Point {
    /// The x coordinate.
    #[pyo3(set)]
    x: f64,
    y: f64,
}

#[pyclass(frozen, eq, hash, str)]
#[derive(PartialEq, Eq, Hash)]
struct Tag(#[pyo3(get, name = "label")] String);

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

#[pyclass]
#[derive(Clone, Copy, Debug, PartialEq)]
enum Color {
    Red,
    Green = 10,
    Blue,
}

#[pyclass]
#[derive(Clone, Debug)]
enum Shape {
    Circle { radius: f64 },
    Pair(i64, i64),
}

fn run(py: Python<'_>, locals: &PyDict, code: &str) {
    if let Err(err) = py.run(code, None, Some(locals)) {
        err.print(py);
        panic!("Python code failed: {code}");
    }
}

#[test]
fn struct_fields_become_properties() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals
            .set_item("p", Point { x: 1.0, y: 2.0 }.into_py(py))
            .unwrap();
        locals.set_item("Point", py.get_type::<Point>()).unwrap();
        run(py, locals, "assert (p.x, p.y) == (1.0, 2.0)");
        run(py, locals, "p.x = 5; assert p.x == 5.0");
        run(
            py,
            locals,
            "assert Point.__module__ == 'geometry' and Point.__qualname__ == 'Point'",
        );
        run(
            py,
            locals,
            "assert Point.__doc__ == 'A point in the plane.', Point.__doc__",
        );
        run(py, locals, "assert Point.x.__doc__ == 'The x coordinate.'");
        run(
            py,
            locals,
            "
try:
    p.y = 1
except AttributeError as e:
    assert 'not writable' in str(e), str(e)
else:
    raise AssertionError
try:
    Point()
except TypeError as e:
    assert str(e) == \"cannot create 'geometry.Point' instances\", str(e)
",
        );
        let p: Point = locals.get_item("p").unwrap().unwrap().extract().unwrap();
        assert_eq!(p, Point { x: 5.0, y: 2.0 });
    });
}

#[test]
fn options_derive_slots_from_rust_traits() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals.set_item("a", Tag("a".into()).into_py(py)).unwrap();
        locals.set_item("a2", Tag("a".into()).into_py(py)).unwrap();
        locals.set_item("b", Tag("b".into()).into_py(py)).unwrap();
        run(py, locals, "assert a == a2 and a != b and not (a == 1)");
        run(
            py,
            locals,
            "assert hash(a) == hash(a2) and len({a, a2, b}) == 2",
        );
        run(py, locals, "assert str(a) == '<a>' and a.label == 'a'");
    });
}

#[test]
fn simple_enums() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals.set_item("Color", py.get_type::<Color>()).unwrap();
        locals.set_item("c", Color::Green.into_py(py)).unwrap();
        run(
            py,
            locals,
            "assert repr(Color.Red) == 'Color.Red' and repr(c) == 'Color.Green'",
        );
        run(
            py,
            locals,
            "assert c == Color.Green and c != Color.Blue and int(Color.Blue) == 11",
        );
        run(
            py,
            locals,
            "assert c != 10 and hash(c) == hash(Color.Green)",
        );
        let c: Color = locals.get_item("c").unwrap().unwrap().extract().unwrap();
        assert_eq!(c, Color::Green);
    });
}

#[test]
fn complex_enums() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals.set_item("Shape", py.get_type::<Shape>()).unwrap();
        locals
            .set_item("s", Shape::Circle { radius: 2.0 }.into_py(py))
            .unwrap();
        run(
            py,
            locals,
            "assert isinstance(s, Shape) and isinstance(s, Shape.Circle)",
        );
        run(
            py,
            locals,
            "assert s.radius == 2.0 and Shape.Circle.__qualname__ == 'Shape.Circle'",
        );
        run(
            py,
            locals,
            "p = Shape.Pair(1, 2); assert (p._0, p._1) == (1, 2)",
        );
        let match_args: (String, String) = py
            .eval("Shape.Pair.__match_args__", None, Some(locals))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(match_args, ("_0".to_owned(), "_1".to_owned()));
        let p: Shape = py
            .eval("Shape.Pair(3, _1=4)", None, Some(locals))
            .unwrap()
            .extract()
            .unwrap();
        assert!(matches!(p, Shape::Pair(3, 4)));
    });
}
