use pyo3::prelude::*;

#[pyclass(ord)]
#[derive(PartialEq, PartialOrd)]
struct Rank {
    level: u8,
}

fn main() {}
