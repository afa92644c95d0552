use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn __richcmp__(&self, other: &Self) -> bool {
        let _ = other;
        true
    }
}

fn main() {}
