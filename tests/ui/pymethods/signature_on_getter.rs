use pyo3::prelude::*;

#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[getter]
    #[pyo3(signature = ())]
    fn value(&self) -> i64 {
        self.value
    }
}

fn main() {}
