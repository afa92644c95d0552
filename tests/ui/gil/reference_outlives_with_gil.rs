//! A GIL-bound reference cannot outlive the `with_gil` call that made it.
use pyo3::prelude::*;
use pyo3::types::PyList;

fn main() {
    let leaked: &PyList = Python::with_gil(|py| PyList::empty(py));
    println!("{}", leaked.len());
}
