use pyo3::prelude::*;

#[pyfunction]
fn first<T: Clone>(items: Vec<T>) -> T {
    items[0].clone()
}

fn main() {}
