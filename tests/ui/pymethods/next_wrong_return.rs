use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn __next__(&mut self) -> i64 {
        0
    }
}

fn main() {}
