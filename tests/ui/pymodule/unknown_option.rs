use pyo3::prelude::*;

#[pymodule(nmae = "renamed")]
fn m(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    Ok(())
}

fn main() {}
