use pyo3::prelude::*;
use pyo3::types::PyDict;

#[pyfunction]
#[pyo3(signature = (**kwargs, a))]
fn f(kwargs: Option<&PyDict>, a: i64) -> i64 {
    let _ = kwargs;
    a
}

fn main() {}
