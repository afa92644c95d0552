//! References made inside `with_pool` die with its scope and cannot be returned.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    Python::with_gil(|py| {
        let _list = py.with_pool(|inner| PyList::empty(inner));
    });
}
