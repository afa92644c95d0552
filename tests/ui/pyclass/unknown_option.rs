use pyo3::prelude::*;

#[pyclass(froze)]
struct Point {
    x: f64,
}

fn main() {}
