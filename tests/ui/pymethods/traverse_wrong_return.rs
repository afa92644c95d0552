use pyo3::prelude::*;
use pyo3::PyVisit;

#[pyclass]
struct Node {}

#[pymethods]
impl Node {
    fn __traverse__(&self, visit: PyVisit<'_>) -> bool {
        let _ = visit;
        true
    }
}

fn main() {}
