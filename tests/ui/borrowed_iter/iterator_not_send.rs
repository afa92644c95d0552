//! Any thread holding the GIL may advance or free the iterator, so it must be `Send`.
use std::rc::Rc;

use pyo3::prelude::*;

#[pyclass(unsendable)]
struct Shared {
    values: Vec<Rc<u32>>,
}

fn iterate(slf: PyRef<'_, Shared>) -> PyResult<Py<PyBorrowedIter>> {
    PyBorrowedIter::new(slf, |s| Box::new(s.values.iter().map(|v| **v)))
}

fn main() {
    Python::with_gil(|py| {
        let shared = PyCell::new(py, Shared { values: vec![] }).unwrap();
        let _ = iterate(shared.borrow());
    });
}
