use pyo3::prelude::*;

#[derive(FromPyObject)]
enum Never {}

fn main() {}
