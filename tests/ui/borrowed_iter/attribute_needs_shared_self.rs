//! `#[pyo3(borrowed_iter)]` needs `&self` (the iterator borrows it) and a method whose
//! result is an object.
use pyo3::prelude::*;

#[pyclass]
struct Values {
    values: Vec<u32>,
}

#[pymethods]
impl Values {
    #[pyo3(borrowed_iter)]
    fn drain(&mut self) -> std::vec::Drain<'_, u32> {
        self.values.drain(..)
    }

    #[pyo3(borrowed_iter)]
    fn __len__(&self) -> usize {
        self.values.len()
    }

    #[pyo3(borrowed_iter)]
    #[staticmethod]
    fn none() -> std::iter::Empty<u32> {
        std::iter::empty()
    }
}

fn main() {}
