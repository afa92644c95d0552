use pyo3::prelude::*;

#[pyclass]
struct Bag {}

#[pymethods]
impl Bag {
    fn __setitem__(&mut self, key: String) {
        let _ = key;
    }
}

fn main() {}
