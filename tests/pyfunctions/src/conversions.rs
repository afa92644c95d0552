//! Parameter and return types: anything `FromPyObject`, GIL-bound references, `Option`,
//! the token; returns of `T`, `PyResult<T>`, `Result<T, E: Into<PyErr>>` and `()`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

#[pyfunction]
fn int_arg(x: i64) -> i64 {
    x
}

#[pyfunction]
fn small_int_arg(x: u8) -> u8 {
    x
}

#[pyfunction]
fn float_arg(x: f64) -> f64 {
    x
}

#[pyfunction]
fn str_arg(s: &str) -> String {
    s.to_uppercase()
}

#[pyfunction]
fn string_arg(s: String) -> String {
    s + "!"
}

#[pyfunction]
fn bool_arg(b: bool) -> bool {
    !b
}

#[pyfunction]
fn char_arg(c: char) -> u32 {
    c as u32
}

#[pyfunction]
fn any_arg(obj: &PyAny) -> &PyAny {
    obj
}

#[pyfunction]
fn list_arg(items: &PyList) -> usize {
    items.len()
}

#[pyfunction]
fn dict_arg(mapping: &PyDict) -> usize {
    mapping.len()
}

#[pyfunction]
fn tuple_arg(pair: (i64, String)) -> (String, i64) {
    (pair.1, pair.0)
}

#[pyfunction]
fn option_arg(x: Option<i64>) -> Option<i64> {
    x.map(|v| v * 2)
}

#[pyfunction]
fn object_arg(obj: PyObject) -> PyObject {
    obj
}

#[pyfunction]
fn token_first(py: Python<'_>, x: i64) -> PyObject {
    (x, x).into_py(py)
}

#[pyfunction]
fn returns_unit() {}

#[pyfunction]
fn returns_pyresult(ok: bool) -> PyResult<i64> {
    if ok {
        Ok(1)
    } else {
        Err(PyValueError::new_err("asked to fail"))
    }
}

/// A Rust error type with its own conversion into a Python exception.
struct NotPositive(i64);

impl From<NotPositive> for PyErr {
    fn from(err: NotPositive) -> PyErr {
        PyValueError::new_err(format!("{} is not positive", err.0))
    }
}

#[pyfunction]
fn returns_custom_error(x: i64) -> Result<i64, NotPositive> {
    if x > 0 {
        Ok(x)
    } else {
        Err(NotPositive(x))
    }
}

#[pyfunction]
fn returns_io_error() -> Result<(), std::io::Error> {
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        "no such thing",
    ))
}

#[pyfunction]
fn returns_new_list(py: Python<'_>, n: i32) -> &PyList {
    PyList::new(py, 0..n)
}

#[pyfunction]
fn returns_tuple_of_refs<'py>(a: &'py PyAny, b: &'py PyAny) -> &'py PyTuple {
    PyTuple::new(a.py(), [b, a])
}

/// A conversion that fails with a `TypeError` that has a cause: the cause survives the
/// `argument 'x':` prefix.
fn failing_extractor(_obj: &PyAny) -> PyResult<i64> {
    let err = PyTypeError::new_err("inner problem");
    Python::with_gil(|py| err.set_cause(py, Some(PyValueError::new_err("root cause"))));
    Err(err)
}

#[pyfunction]
fn caused_failure(#[pyo3(from_py_with = "failing_extractor")] x: i64) -> i64 {
    x
}

#[pymodule]
pub fn conversions(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(int_arg, m)?)?;
    m.add_function(wrap_pyfunction!(small_int_arg, m)?)?;
    m.add_function(wrap_pyfunction!(float_arg, m)?)?;
    m.add_function(wrap_pyfunction!(str_arg, m)?)?;
    m.add_function(wrap_pyfunction!(string_arg, m)?)?;
    m.add_function(wrap_pyfunction!(bool_arg, m)?)?;
    m.add_function(wrap_pyfunction!(char_arg, m)?)?;
    m.add_function(wrap_pyfunction!(any_arg, m)?)?;
    m.add_function(wrap_pyfunction!(list_arg, m)?)?;
    m.add_function(wrap_pyfunction!(dict_arg, m)?)?;
    m.add_function(wrap_pyfunction!(tuple_arg, m)?)?;
    m.add_function(wrap_pyfunction!(option_arg, m)?)?;
    m.add_function(wrap_pyfunction!(object_arg, m)?)?;
    m.add_function(wrap_pyfunction!(token_first, m)?)?;
    m.add_function(wrap_pyfunction!(returns_unit, m)?)?;
    m.add_function(wrap_pyfunction!(returns_pyresult, m)?)?;
    m.add_function(wrap_pyfunction!(returns_custom_error, m)?)?;
    m.add_function(wrap_pyfunction!(returns_io_error, m)?)?;
    m.add_function(wrap_pyfunction!(returns_new_list, m)?)?;
    m.add_function(wrap_pyfunction!(returns_tuple_of_refs, m)?)?;
    m.add_function(wrap_pyfunction!(caused_failure, m)?)?;
    Ok(())
}
