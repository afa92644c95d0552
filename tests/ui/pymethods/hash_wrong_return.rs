use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn __hash__(&self) -> String {
        String::new()
    }
}

fn main() {}
