use pyo3::prelude::*;

#[derive(FromPyObject)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
