use pyo3::prelude::*;

#[pyfunction]
#[pyo3(pass_module, signature = (m, a))]
fn f(m: &PyModule, a: i64) -> i64 {
    let _ = m;
    a
}

fn main() {}
