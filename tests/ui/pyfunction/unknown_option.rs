use pyo3::prelude::*;

#[pyfunction(nmae = "renamed")]
fn f() {}

fn main() {}
