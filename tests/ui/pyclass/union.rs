use pyo3::prelude::*;

#[pyclass]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
