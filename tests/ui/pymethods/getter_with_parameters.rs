use pyo3::prelude::*;

#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[getter]
    fn value(&self, scale: i64) -> i64 {
        self.value * scale
    }
}

fn main() {}
