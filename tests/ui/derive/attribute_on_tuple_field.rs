use pyo3::prelude::*;

#[derive(FromPyObject)]
struct Pair(#[pyo3(attribute("a"))] i64, i64);

fn main() {}
