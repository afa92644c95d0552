use pyo3::prelude::*;

#[pyclass]
struct Flag {}

#[pymethods]
impl Flag {
    fn __bool__(&self) -> String {
        String::new()
    }
}

fn main() {}
