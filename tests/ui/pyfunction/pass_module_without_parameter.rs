use pyo3::prelude::*;

#[pyfunction]
#[pyo3(pass_module)]
fn f() {}

fn main() {}
