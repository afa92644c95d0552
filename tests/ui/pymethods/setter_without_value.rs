use pyo3::prelude::*;

#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[setter]
    fn set_value(&mut self) {
        self.value = 0;
    }
}

fn main() {}
