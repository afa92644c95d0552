use pyo3::prelude::*;

#[pyclass]
struct Point {
    #[pyo3(get, sett)]
    x: f64,
}

fn main() {}
