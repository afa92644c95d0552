//! The `wrapper` module: `HashSet`, a Rust `HashSet<u32>` as a Python class whose
//! iterator borrows the set instead of cloning it.

use pyo3::prelude::*;

/// A set of unsigned 32-bit integers, stored in a Rust `HashSet`.
#[pyclass]
#[derive(Default)]
struct HashSet {
    inner: std::collections::HashSet<u32>,
}

#[pymethods]
impl HashSet {
    /// `HashSet()`: an empty set.
    #[new]
    fn new() -> Self {
        HashSet::default()
    }

    /// Adds `v` to the set.
    fn add(&mut self, v: u32) {
        self.inner.insert(v);
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, v: &PyAny) -> bool {
        // Like a Python set, anything that is not one of our elements is simply absent.
        v.extract::<u32>().is_ok_and(|v| self.inner.contains(&v))
    }

    /// An iterator over the set itself: it keeps the set alive, and adding to the set
    /// while iterating makes its next step raise `RuntimeError`. (`borrowed_iter` wraps
    /// the Rust iterator in `PyBorrowedIter::new(slf, |set| Box::new(set.inner.iter()))`.)
    #[pyo3(borrowed_iter)]
    fn __iter__(&self) -> impl Iterator<Item = &u32> + '_ {
        self.inner.iter()
    }
}

/// A Rust collection wrapped as a Python class.
#[pymodule]
fn wrapper(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<HashSet>()
}
