//! A GIL-bound `&PyAny` cannot be carried by the iterator (it is neither `Send` nor
//! as long-lived as the owner).
use pyo3::prelude::*;

#[pyclass]
struct Values {
    values: Vec<u32>,
}

fn iterate<'py>(py: Python<'py>, slf: PyRef<'py, Values>) -> PyResult<Py<PyBorrowedIter>> {
    let extra: &'py PyAny = 7u32.into_py(py).into_ref(py);
    PyBorrowedIter::new(slf, |v| Box::new(v.values.iter().map(move |_| extra)))
}

fn main() {
    Python::with_gil(|py| {
        let values = PyCell::new(py, Values { values: vec![] }).unwrap();
        let _ = iterate(py, values.borrow());
    });
}
