use pyo3::prelude::*;

#[derive(FromPyObject)]
struct Borrowed<'a, 'b> {
    a: &'a PyAny,
    b: &'b PyAny,
}

fn main() {}
