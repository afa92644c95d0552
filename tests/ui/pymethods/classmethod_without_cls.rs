use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    #[classmethod]
    fn make() {}
}

fn main() {}
