//! Classes and their options: properties from fields, names, docs, `frozen`, `dict`,
//! `weakref`, `freelist`, `unsendable`, `rename_all`, `sequence` / `mapping`, and the
//! options derived from Rust traits (`eq`, `ord`, `hash`, `str`).

use std::fmt;

use pyo3::prelude::*;

/// The seed's class, exactly as the rust-cpython comparison shows it.
#[pyclass(module = "pyclasses.basics")]
struct MyClass {
    num: u32,
}

#[pymethods]
impl MyClass {
    #[new]
    fn new(num: u32) -> Self {
        MyClass { num }
    }

    fn half(&self) -> PyResult<u32> {
        Ok(self.num / 2)
    }
}

/// A point in the plane.
///
/// Second paragraph.
#[pyclass(module = "pyclasses.basics", get_all, set_all)]
#[derive(Clone)]
struct Point {
    /// The x coordinate.
    x: f64,
    /// The y coordinate.
    y: f64,
}

#[pymethods]
impl Point {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// Read-only and renamed properties.
#[pyclass(module = "pyclasses.basics", rename_all = "camelCase")]
struct Record {
    #[pyo3(get)]
    first_name: String,
    #[pyo3(get, set)]
    birth_year: i32,
    #[pyo3(get, name = "id")]
    record_id: u64,
    #[allow(dead_code)]
    hidden: i32,
}

#[pymethods]
impl Record {
    #[new]
    fn new(first_name: String, birth_year: i32) -> Self {
        Record {
            first_name,
            birth_year,
            record_id: 7,
            hidden: 0,
        }
    }
}

/// A value that never changes.
#[pyclass(module = "pyclasses.basics", frozen, eq, ord, hash, str)]
#[derive(PartialEq, PartialOrd, Hash)]
struct Version {
    #[pyo3(get)]
    major: u32,
    #[pyo3(get)]
    minor: u32,
}

#[pymethods]
impl Version {
    #[new]
    fn new(major: u32, minor: u32) -> Self {
        Version { major, minor }
    }

    fn bumped(&self) -> Version {
        Version {
            major: self.major,
            minor: self.minor + 1,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}", self.major, self.minor)
    }
}

/// Comparable but mutable, so not hashable.
#[pyclass(module = "pyclasses.basics", eq)]
#[derive(PartialEq)]
struct Mutable {
    #[pyo3(get, set)]
    value: i64,
}

#[pymethods]
impl Mutable {
    #[new]
    fn new(value: i64) -> Self {
        Mutable { value }
    }
}

/// Instances carry a `__dict__` and accept weak references.
#[pyclass(module = "pyclasses.basics", dict, weakref, subclass)]
struct Open {}

#[pymethods]
impl Open {
    #[new]
    fn new() -> Self {
        Open {}
    }
}

/// Keeps freed instances for reuse.
#[pyclass(module = "pyclasses.basics", freelist = 4)]
struct Pooled {
    #[pyo3(get)]
    value: i64,
}

#[pymethods]
impl Pooled {
    #[new]
    fn new(value: i64) -> Self {
        Pooled { value }
    }
}

/// Not `Send`: may only be used from the thread that created it.
#[pyclass(module = "pyclasses.basics", unsendable)]
struct Local {
    value: std::rc::Rc<i64>,
}

#[pymethods]
impl Local {
    #[new]
    fn new(value: i64) -> Self {
        Local {
            value: std::rc::Rc::new(value),
        }
    }

    fn get(&self) -> i64 {
        *self.value
    }
}

#[pyclass(module = "pyclasses.basics", sequence)]
struct Seq {}

#[pyclass(module = "pyclasses.basics", mapping)]
struct Map {}

/// Renamed in Python.
#[pyclass(module = "pyclasses.basics", name = "Renamed")]
struct RustName {}

#[pymethods]
impl RustName {
    #[new]
    fn new() -> Self {
        RustName {}
    }

    fn method(&self, a: i64) -> i64 {
        a
    }
}

/// A type object that refuses new attributes (lets CPython specialise `Sealed()`).
#[pyclass(module = "pyclasses.basics", immutable_type)]
struct Sealed {}

#[pymethods]
impl Sealed {
    #[new]
    fn new() -> Self {
        Sealed {}
    }

    #[classattr]
    const ANSWER: i64 = 42;
}

/// A class without a constructor.
#[pyclass(module = "pyclasses.basics")]
struct NoConstructor {}

/// Builds instances from Rust: `Py::new`, `PyCell::new`, `IntoPy`.
#[pyfunction]
fn make_points(py: Python<'_>) -> PyResult<(Py<Point>, &PyCell<Point>, PyObject)> {
    let a = Py::new(py, Point { x: 1.0, y: 1.0 })?;
    let b = PyCell::new(py, Point { x: 2.0, y: 2.0 })?;
    let c = Point { x: 3.0, y: 3.0 }.into_py(py);
    Ok((a, b, c))
}

/// Uses the borrow API from Rust.
#[pyfunction]
fn scale(point: &PyCell<Point>, factor: f64) -> PyResult<(f64, f64)> {
    {
        let mut p = point.try_borrow_mut()?;
        p.x *= factor;
        p.y *= factor;
    }
    let p = point.borrow();
    Ok((p.x, p.y))
}

#[pyfunction]
fn no_constructor() -> NoConstructor {
    NoConstructor {}
}

#[pymodule]
pub fn basics(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<MyClass>()?;
    m.add_class::<Point>()?;
    m.add_class::<Record>()?;
    m.add_class::<Version>()?;
    m.add_class::<Mutable>()?;
    m.add_class::<Open>()?;
    m.add_class::<Pooled>()?;
    m.add_class::<Local>()?;
    m.add_class::<Seq>()?;
    m.add_class::<Map>()?;
    m.add_class::<RustName>()?;
    m.add_class::<NoConstructor>()?;
    m.add_class::<Sealed>()?;
    m.add_function(wrap_pyfunction!(make_points, m)?)?;
    m.add_function(wrap_pyfunction!(scale, m)?)?;
    m.add_function(wrap_pyfunction!(no_constructor, m)?)?;
    Ok(())
}
