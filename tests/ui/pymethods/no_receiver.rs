use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn helper() -> i64 {
        1
    }
}

fn main() {}
