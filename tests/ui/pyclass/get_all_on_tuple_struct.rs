use pyo3::prelude::*;

#[pyclass(get_all)]
struct Pair(i64, i64);

fn main() {}
