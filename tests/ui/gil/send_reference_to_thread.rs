//! A GIL-bound reference cannot move to another thread.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    Python::with_gil(|py| {
        let list = PyList::empty(py);
        std::thread::spawn(move || list.len());
    });
}
