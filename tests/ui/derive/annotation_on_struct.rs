use pyo3::prelude::*;

#[derive(FromPyObject)]
#[pyo3(annotation = "config")]
struct Config {
    name: String,
}

fn main() {}
