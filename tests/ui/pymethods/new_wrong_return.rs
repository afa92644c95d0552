use pyo3::prelude::*;

#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(value: i64) -> i64 {
        value
    }
}

fn main() {}
