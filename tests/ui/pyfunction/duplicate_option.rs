use pyo3::prelude::*;

#[pyfunction]
#[pyo3(name = "a")]
#[pyo3(name = "b")]
fn f() {}

fn main() {}
