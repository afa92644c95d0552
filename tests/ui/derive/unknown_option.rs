use pyo3::prelude::*;

#[derive(FromPyObject)]
struct Config {
    #[pyo3(itme)]
    name: String,
}

fn main() {}
