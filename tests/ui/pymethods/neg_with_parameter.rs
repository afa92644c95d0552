use pyo3::prelude::*;

#[pyclass]
struct Num {}

#[pymethods]
impl Num {
    fn __neg__(&self, other: i64) -> i64 {
        -other
    }
}

fn main() {}
