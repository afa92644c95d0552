//! A reference of the outer scope carries the outer token (`.py()`), so it cannot be
//! captured by a `with_pool` closure either.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    Python::with_gil(|py| {
        let list = PyList::empty(py);
        py.with_pool(|_inner| list.len());
    });
}
