//! `#[derive(FromPyObject)]`: structs from attributes or items, tuple structs, newtypes,
//! enums, and the errors of each.

use pyo3::prelude::*;
use pyo3::types::PyDict;

#[derive(FromPyObject, Debug, PartialEq)]
struct FromAttributes {
    name: String,
    #[pyo3(attribute("size"))]
    length: usize,
}

#[derive(FromPyObject, Debug, PartialEq)]
struct FromItems {
    #[pyo3(item)]
    a: i64,
    #[pyo3(item("b-key"))]
    b: Option<String>,
    #[pyo3(item, from_py_with = "length")]
    c: usize,
}

fn length(obj: &PyAny) -> PyResult<usize> {
    obj.len()
}

#[derive(FromPyObject, Debug, PartialEq)]
#[pyo3(from_item_all)]
struct AllItems {
    x: i64,
    y: i64,
}

#[derive(FromPyObject, Debug, PartialEq)]
struct Pair(i64, String);

#[derive(FromPyObject, Debug, PartialEq)]
struct Meters(f64);

#[derive(FromPyObject, Debug, PartialEq)]
#[pyo3(transparent)]
struct Wrapper {
    inner: Vec<i64>,
}

#[derive(FromPyObject, Debug)]
struct Borrowing<'a> {
    #[pyo3(item)]
    key: &'a PyAny,
}

#[derive(FromPyObject, Debug, PartialEq)]
enum Value {
    Int(i64),
    #[pyo3(annotation = "str")]
    Text(String),
    Point {
        x: f64,
        y: f64,
    },
    Pair(i64, i64),
}

fn eval<'py>(py: Python<'py>, code: &str) -> &'py PyAny {
    let globals = PyDict::new(py);
    py.run(
        "class Obj:\n    def __init__(self, **kw):\n        self.__dict__.update(kw)\n",
        Some(globals),
        None,
    )
    .unwrap();
    py.eval(code, Some(globals), None).unwrap()
}

#[test]
fn structs_read_attributes_and_items() {
    Python::with_gil(|py| {
        let v: FromAttributes = eval(py, "Obj(name='n', size=3)").extract().unwrap();
        assert_eq!(
            v,
            FromAttributes {
                name: "n".into(),
                length: 3
            }
        );
        let v: FromItems = eval(py, "{'a': 1, 'b-key': None, 'c': [1, 2]}")
            .extract()
            .unwrap();
        assert_eq!(
            v,
            FromItems {
                a: 1,
                b: None,
                c: 2
            }
        );
        let v: AllItems = eval(py, "{'x': 1, 'y': 2}").extract().unwrap();
        assert_eq!(v, AllItems { x: 1, y: 2 });
        let v: Pair = eval(py, "(1, 's')").extract().unwrap();
        assert_eq!(v, Pair(1, "s".into()));
        let v: Meters = eval(py, "2.5").extract().unwrap();
        assert_eq!(v, Meters(2.5));
        let v: Wrapper = eval(py, "[1, 2]").extract().unwrap();
        assert_eq!(v, Wrapper { inner: vec![1, 2] });
        let v: Borrowing<'_> = eval(py, "{'key': 'k'}").extract().unwrap();
        assert_eq!(v.key.extract::<String>().unwrap(), "k");
    });
}

#[test]
fn struct_errors_name_the_field() {
    Python::with_gil(|py| {
        let err = eval(py, "Obj(name=1, size=3)")
            .extract::<FromAttributes>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: failed to extract field FromAttributes.name"
        );
        assert!(err
            .cause(py)
            .unwrap()
            .to_string()
            .starts_with("TypeError: "));
        let err = eval(py, "Obj(name='n')")
            .extract::<FromAttributes>()
            .unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyAttributeError>(py));
        let err = eval(py, "(1, 2, 3)").extract::<Pair>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: expected tuple of length 2, but got tuple of length 3"
        );
        let err = eval(py, "'x'").extract::<Meters>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: failed to extract field Meters.0"
        );
    });
}

#[test]
fn enums_take_the_first_variant_that_fits() {
    Python::with_gil(|py| {
        assert_eq!(eval(py, "5").extract::<Value>().unwrap(), Value::Int(5));
        assert_eq!(
            eval(py, "'s'").extract::<Value>().unwrap(),
            Value::Text("s".into())
        );
        assert_eq!(
            eval(py, "Obj(x=1.0, y=2.0)").extract::<Value>().unwrap(),
            Value::Point { x: 1.0, y: 2.0 }
        );
        assert_eq!(
            eval(py, "(1, 2)").extract::<Value>().unwrap(),
            Value::Pair(1, 2)
        );
        let err = eval(py, "[1.5]").extract::<Value>().unwrap_err();
        let message = err.to_string();
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(
            lines[0],
            "TypeError: failed to extract enum Value ('Int | str | Point | Pair')"
        );
        assert!(lines[1].starts_with("- variant Int (Int): TypeError: failed to extract field Value::Int.0, caused by TypeError: "), "{}", lines[1]);
        assert!(lines[2].starts_with("- variant Text (str): TypeError: failed to extract field Value::Text.0, caused by TypeError: "), "{}", lines[2]);
        assert!(
            lines[3].starts_with("- variant Point (Point): AttributeError: "),
            "{}",
            lines[3]
        );
        assert!(
            lines[4].starts_with("- variant Pair (Pair): TypeError: "),
            "{}",
            lines[4]
        );
    });
}
