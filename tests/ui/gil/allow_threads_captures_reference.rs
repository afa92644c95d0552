//! `allow_threads` releases the GIL, so its closure cannot use a GIL-bound reference.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    Python::with_gil(|py| {
        let list = PyList::empty(py);
        py.allow_threads(|| list.len());
    });
}
