//! Objects made with the outer token inside `with_pool` would land in the inner scope and
//! be freed when it closes, so the closure cannot capture that token.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    Python::with_gil(|py| {
        py.with_pool(|_inner| {
            let _list = PyList::empty(py);
        });
    });
}
