use pyo3::prelude::*;

#[pyclass(frozen)]
struct Config {
    #[pyo3(get, set)]
    name: String,
}

fn main() {}
