use pyo3::prelude::*;

#[pyfunction]
fn f(#[pyo3(from_py_width = "len")] n: usize) -> usize {
    n
}

fn main() {}
