use pyo3::prelude::*;

#[pyfunction]
struct Point {
    x: i64,
}

fn main() {}
