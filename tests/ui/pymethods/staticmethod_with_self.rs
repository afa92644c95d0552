use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    #[staticmethod]
    fn make(&self) -> i64 {
        1
    }
}

fn main() {}
