use pyo3::prelude::*;

#[pyclass]
struct Attrs {}

#[pymethods]
impl Attrs {
    fn __getattr__(&self) -> i64 {
        1
    }

    fn __getattribute__(&self, name: &str, extra: i64) -> i64 {
        let _ = name;
        extra
    }

    fn __setattr__(&self, name: &str) {
        let _ = name;
    }

    fn __delattr__(&self, name: &str, value: i64) {
        let _ = (name, value);
    }
}

fn main() {}
