use pyo3::prelude::*;

#[pymodule]
fn m(_py: Python<'_>, _m: &PyModule) -> Result<(), String> {
    Ok(())
}

fn main() {}
