use pyo3::prelude::*;

#[pyclass(eq, eq_int)]
#[derive(PartialEq)]
struct Number {
    value: i64,
}

fn main() {}
