use pyo3::prelude::*;

fn token(_: &PyAny) -> PyResult<i64> {
    Ok(1)
}

#[pyfunction]
fn f(#[pyo3(from_py_with = "token")] py: Python<'_>) {
    let _ = py;
}

fn main() {}
