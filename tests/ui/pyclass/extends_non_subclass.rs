use pyo3::prelude::*;

#[pyclass]
struct Base {}

#[pyclass(extends = Base)]
struct Child {}

fn main() {}
