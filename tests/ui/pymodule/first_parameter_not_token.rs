use pyo3::prelude::*;

#[pymodule]
fn m(m: &PyModule, py: Python<'_>) -> PyResult<()> {
    let _ = (m, py);
    Ok(())
}

fn main() {}
