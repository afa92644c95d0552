use pyo3::prelude::*;

struct Handle;

#[pyfunction]
fn open() -> Handle {
    Handle
}

fn main() {}
