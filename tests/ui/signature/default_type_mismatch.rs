use pyo3::prelude::*;

#[pyfunction]
#[pyo3(signature = (a = "one"))]
fn f(a: i64) -> i64 {
    a
}

fn main() {}
