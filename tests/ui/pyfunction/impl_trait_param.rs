use pyo3::prelude::*;

#[pyfunction]
fn show(value: impl std::fmt::Display) -> String {
    value.to_string()
}

fn main() {}
