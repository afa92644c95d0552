use pyo3::prelude::*;

#[pyclass]
struct Num {}

#[pymethods]
impl Num {
    fn __add__(&self) -> i64 {
        0
    }
}

fn main() {}
