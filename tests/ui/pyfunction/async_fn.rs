use pyo3::prelude::*;

#[pyfunction]
async fn fetch() -> i64 {
    1
}

fn main() {}
