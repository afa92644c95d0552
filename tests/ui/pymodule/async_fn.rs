use pyo3::prelude::*;

#[pymodule]
async fn m(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    Ok(())
}

fn main() {}
