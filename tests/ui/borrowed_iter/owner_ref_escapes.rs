//! The `&T` given to the closure cannot escape it.
use pyo3::prelude::*;

#[pyclass]
struct Values {
    values: Vec<u32>,
}

fn main() {
    Python::with_gil(|py| {
        let values = PyCell::new(py, Values { values: vec![1] }).unwrap();
        let mut leaked: Option<&Vec<u32>> = None;
        let _ = PyBorrowedIter::new(values.borrow(), |v| {
            leaked = Some(&v.values);
            Box::new(v.values.iter())
        });
        drop(values.borrow_mut());
        println!("{:?}", leaked);
    });
}
