use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Default for Counter {
    fn default() -> Self {
        Counter {}
    }
}

fn main() {}
