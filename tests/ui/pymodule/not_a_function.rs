use pyo3::prelude::*;

#[pymodule]
mod m {}

fn main() {}
