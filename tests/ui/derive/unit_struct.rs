use pyo3::prelude::*;

#[derive(FromPyObject)]
struct Marker;

fn main() {}
