use pyo3::prelude::*;

#[pyclass(eq)]
struct Token {
    text: String,
}

fn main() {}
