use pyo3::prelude::*;

struct Handle;

#[pyclass]
struct Counter {}

#[pymethods]
impl Counter {
    fn take(&self, handle: Handle) {
        let _ = handle;
    }
}

fn main() {}
