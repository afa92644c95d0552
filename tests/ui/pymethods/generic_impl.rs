use pyo3::prelude::*;

#[pyclass]
struct Counter {}

#[pymethods]
impl<T> Counter {
    fn get(&self) {}
}

fn main() {}
