//! Functions of every signature shape. Each returns what it received, so the tests can
//! compare calls, errors and `inspect.signature` with an equivalent Python `def`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Takes nothing.
#[pyfunction]
fn noop() {}

#[pyfunction]
fn one(a: i64) -> i64 {
    a
}

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pyfunction]
#[pyo3(signature = (a, b = 2, *, c = 3))]
fn kw(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

type Full<'py> = (
    i64,
    i64,
    Option<i64>,
    &'py PyTuple,
    i64,
    i64,
    Option<&'py PyDict>,
);

#[pyfunction]
#[pyo3(signature = (a, b = 1, /, c = None, *args, d, e = 2, **kwargs))]
fn full<'py>(
    a: i64,
    b: i64,
    c: Option<i64>,
    args: &'py PyTuple,
    d: i64,
    e: i64,
    kwargs: Option<&'py PyDict>,
) -> Full<'py> {
    (a, b, c, args, d, e, kwargs)
}

#[pyfunction]
#[pyo3(signature = (a, b, /, c))]
fn posonly(a: i64, b: i64, c: i64) -> (i64, i64, i64) {
    (a, b, c)
}

#[pyfunction]
#[pyo3(signature = (a, b = 1, /))]
fn posonly_default(a: i64, b: i64) -> (i64, i64) {
    (a, b)
}

#[pyfunction]
#[pyo3(signature = (*, a, b = 2))]
fn kwonly(a: i64, b: i64) -> (i64, i64) {
    (a, b)
}

#[pyfunction]
#[pyo3(signature = (a, *, b, c))]
fn required_kwonly(a: i64, b: i64, c: i64) -> (i64, i64, i64) {
    (a, b, c)
}

#[pyfunction]
#[pyo3(signature = (*args))]
fn varargs(args: &PyTuple) -> &PyTuple {
    args
}

#[pyfunction]
#[pyo3(signature = (**kwargs))]
fn varkw(kwargs: Option<&PyDict>) -> Option<&PyDict> {
    kwargs
}

#[pyfunction]
#[pyo3(signature = (a, /, **kwargs))]
fn posonly_varkw(a: i64, kwargs: Option<&PyDict>) -> (i64, Option<&PyDict>) {
    (a, kwargs)
}

#[pyfunction]
#[pyo3(signature = (a, *args, b = 5))]
fn varargs_kwonly(a: i64, args: &PyTuple, b: i64) -> (i64, &PyTuple, i64) {
    (a, args, b)
}

#[pyfunction]
fn trailing_options(a: i64, b: Option<i64>, c: Option<i64>) -> (i64, Option<i64>, Option<i64>) {
    (a, b, c)
}

#[pyfunction]
fn five(a: i64, b: i64, c: i64, d: i64, e: i64) -> (i64, i64, i64, i64, i64) {
    (a, b, c, d, e)
}

/// The token may sit anywhere among the parameters and is not part of the signature.
#[pyfunction]
fn token_anywhere(a: i64, py: Python<'_>, b: i64) -> (i64, i64) {
    let _ = py;
    (a, b)
}

/// `**kwargs` as `&PyDict` (not `Option`): an empty dict when there are no extra keywords.
#[pyfunction]
#[pyo3(signature = (a, **kwargs))]
fn dict_kwargs(a: i64, kwargs: &PyDict) -> (i64, &PyDict) {
    (a, kwargs)
}

/// Defaults that are not Python literals show as `...` in the signature.
#[pyfunction]
#[pyo3(signature = (a, b = "x".repeat(2), c = 2 + 3, d = -1, e = true, f = 'q'))]
fn rust_defaults(
    a: i64,
    b: String,
    c: i64,
    d: i64,
    e: bool,
    f: char,
) -> (i64, String, i64, i64, bool, char) {
    (a, b, c, d, e, f)
}

/// Raw identifiers lose their `r#` in Python.
#[pyfunction]
#[pyo3(signature = (r#type, r#match = 0))]
fn raw_names(r#type: i64, r#match: i64) -> (i64, i64) {
    (r#type, r#match)
}

#[pymodule]
pub fn signatures(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(one, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(kw, m)?)?;
    m.add_function(wrap_pyfunction!(full, m)?)?;
    m.add_function(wrap_pyfunction!(posonly, m)?)?;
    m.add_function(wrap_pyfunction!(posonly_default, m)?)?;
    m.add_function(wrap_pyfunction!(kwonly, m)?)?;
    m.add_function(wrap_pyfunction!(required_kwonly, m)?)?;
    m.add_function(wrap_pyfunction!(varargs, m)?)?;
    m.add_function(wrap_pyfunction!(varkw, m)?)?;
    m.add_function(wrap_pyfunction!(posonly_varkw, m)?)?;
    m.add_function(wrap_pyfunction!(varargs_kwonly, m)?)?;
    m.add_function(wrap_pyfunction!(trailing_options, m)?)?;
    m.add_function(wrap_pyfunction!(five, m)?)?;
    m.add_function(wrap_pyfunction!(token_anywhere, m)?)?;
    m.add_function(wrap_pyfunction!(dict_kwargs, m)?)?;
    m.add_function(wrap_pyfunction!(rust_defaults, m)?)?;
    m.add_function(wrap_pyfunction!(raw_names, m)?)?;
    Ok(())
}
