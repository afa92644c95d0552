use pyo3::prelude::*;

struct Plain {}

#[pymethods]
impl Plain {
    fn get(&self) -> i64 {
        1
    }
}

fn main() {}
