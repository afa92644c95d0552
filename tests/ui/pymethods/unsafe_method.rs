use pyo3::prelude::*;

#[pyclass]
struct Thing {}

#[pymethods]
impl Thing {
    unsafe fn frobnicate(&self, n: i64) -> i64 {
        n
    }
}

fn main() {}
