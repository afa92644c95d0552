use pyo3::prelude::*;

struct S;

impl S {
    #[pymodule]
    fn m(&self, _m: &PyModule) -> PyResult<()> {
        Ok(())
    }
}

fn main() {}
