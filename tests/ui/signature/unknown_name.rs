use pyo3::prelude::*;

#[pyfunction]
#[pyo3(signature = (a, bb = 2))]
fn f(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {}
