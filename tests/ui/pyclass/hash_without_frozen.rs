use pyo3::prelude::*;

#[pyclass(eq, hash)]
#[derive(PartialEq, Hash)]
struct Key {
    id: u64,
}

fn main() {}
