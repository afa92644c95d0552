use pyo3::prelude::*;

#[pyclass]
struct Bag {}

#[pymethods]
impl Bag {
    fn __len__(&self) -> String {
        String::new()
    }
}

fn main() {}
