//! With `#[pyo3(borrowed_iter)]` the iterator may borrow `self` only: an argument borrowed
//! from a Python object is refused.
use pyo3::prelude::*;

#[pyclass]
struct Values {
    values: Vec<u32>,
}

#[pymethods]
impl Values {
    #[pyo3(borrowed_iter)]
    fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = String> + 'a {
        self.values.iter().map(move |v| format!("{prefix}{v}"))
    }
}

fn main() {}
