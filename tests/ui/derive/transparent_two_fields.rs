use pyo3::prelude::*;

#[derive(FromPyObject)]
#[pyo3(transparent)]
struct Pair {
    a: i64,
    b: i64,
}

fn main() {}
