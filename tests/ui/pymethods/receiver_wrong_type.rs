use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn get(slf: i64) -> i64 {
        slf
    }
}

fn main() {}
