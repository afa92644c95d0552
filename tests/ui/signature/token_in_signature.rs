use pyo3::prelude::*;

#[pyfunction]
#[pyo3(signature = (py, a))]
fn f(py: Python<'_>, a: i64) -> i64 {
    let _ = py;
    a
}

fn main() {}
