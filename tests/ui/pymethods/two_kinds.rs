use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    #[staticmethod]
    #[classmethod]
    fn make() {}
}

fn main() {}
