use pyo3::prelude::*;

#[pyfunction(name = renamed)]
fn f() {}

fn main() {}
