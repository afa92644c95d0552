use pyo3::prelude::*;

#[pyfunction(crate = "not a path")]
fn f() {}

fn main() {}
