use pyo3::prelude::*;

#[pyclass]
enum Never {}

fn main() {}
