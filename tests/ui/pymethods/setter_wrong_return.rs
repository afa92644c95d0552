use pyo3::prelude::*;

#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[setter]
    fn set_value(&mut self, value: i64) -> i64 {
        self.value = value;
        value
    }
}

fn main() {}
