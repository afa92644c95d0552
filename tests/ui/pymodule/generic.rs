use pyo3::prelude::*;

#[pymodule]
fn m<T>(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    Ok(())
}

fn main() {}
