//! The iterator may borrow only from the owner: a `&'py str` borrowed from a pooled Python
//! string lives for the GIL scope, not for as long as the owner, and is refused.
use pyo3::prelude::*;
use pyo3::types::PyString;

#[pyclass]
struct Names {
    names: Vec<String>,
}

fn iterate<'py>(py: Python<'py>, slf: PyRef<'py, Names>) -> PyResult<Py<PyBorrowedIter>> {
    let extra: &'py str = PyString::new(py, "extra").to_str()?;
    PyBorrowedIter::new(slf, |n| Box::new(n.names.iter().map(|s| s.as_str()).chain([extra])))
}

fn main() {
    Python::with_gil(|py| {
        let names = PyCell::new(py, Names { names: vec![] }).unwrap();
        let _ = iterate(py, names.borrow());
    });
}
