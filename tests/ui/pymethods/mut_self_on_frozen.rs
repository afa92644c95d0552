use pyo3::prelude::*;

#[pyclass(frozen)]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    fn incr(&mut self) {
        self.value += 1;
    }
}

fn main() {}
