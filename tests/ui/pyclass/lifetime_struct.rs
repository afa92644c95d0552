use pyo3::prelude::*;

#[pyclass]
struct View<'a> {
    data: &'a [u8],
}

fn main() {}
