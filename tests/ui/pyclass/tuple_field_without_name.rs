use pyo3::prelude::*;

#[pyclass]
struct Meters(#[pyo3(get)] f64);

fn main() {}
