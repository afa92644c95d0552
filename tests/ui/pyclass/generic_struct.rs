use pyo3::prelude::*;

#[pyclass]
struct Wrapper<T> {
    value: T,
}

fn main() {}
