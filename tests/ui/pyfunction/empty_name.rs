use pyo3::prelude::*;

#[pyfunction(name = "")]
fn f() {}

fn main() {}
