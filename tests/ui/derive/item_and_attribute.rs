use pyo3::prelude::*;

#[derive(FromPyObject)]
struct Config {
    #[pyo3(item, attribute)]
    name: String,
}

fn main() {}
