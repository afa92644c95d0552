use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    #[classattr]
    fn limit(&self) -> i64 {
        10
    }
}

fn main() {}
