//! The iterator cannot borrow a local of the method instead of the owner.
use pyo3::prelude::*;

#[pyclass]
struct Values {
    values: Vec<u32>,
}

fn iterate(slf: PyRef<'_, Values>) -> PyResult<Py<PyBorrowedIter>> {
    let local = vec![1u32, 2, 3];
    PyBorrowedIter::new(slf, |_| Box::new(local.iter()))
}

fn main() {
    Python::with_gil(|py| {
        let values = PyCell::new(py, Values { values: vec![] }).unwrap();
        let _ = iterate(values.borrow());
    });
}
