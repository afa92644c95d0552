use pyo3::prelude::*;

#[pymodule]
#[pyo3(name = "a", name = "b")]
fn m(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    Ok(())
}

fn main() {}
