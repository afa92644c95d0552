//! `bench_iter`: a wrapped `HashSet<u32>` iterated three ways (a borrowing
//! `PyBorrowedIter`, a clone into a list, the seed's cloned `SetIterator`), and a
//! `Counter` whose `incr` measures the cost of a `&mut self` call.

use pyo3::prelude::*;

/// A set of `u32` in a Rust `HashSet`.
#[pyclass]
struct IntSet {
    inner: std::collections::HashSet<u32>,
}

#[pymethods]
impl IntSet {
    /// `IntSet(n)`: the set `{0, ..., n - 1}`.
    #[new]
    fn new(n: u32) -> Self {
        IntSet {
            inner: (0..n).collect(),
        }
    }

    /// Borrows the set: nothing is cloned.
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |set| Box::new(set.inner.iter()))
    }

    /// Clones the elements into a Python list.
    fn to_list(&self) -> Vec<u32> {
        self.inner.iter().copied().collect()
    }

    /// Walks the set in Rust only (the floor of any iterator over it): the sum of the
    /// elements, through `black_box` so the walk is not folded away.
    fn rust_walk(&self) -> u64 {
        self.inner
            .iter()
            .fold(0u64, |sum, &x| std::hint::black_box(sum + u64::from(x)))
    }

    /// The seed's approach: clone the set into an iterator class.
    fn cloned_iter(&self) -> SetIterator {
        SetIterator {
            iter: self.inner.clone().into_iter(),
        }
    }
}

/// An owning iterator over a cloned set (rust-cpython's `SetIterator`).
#[pyclass]
struct SetIterator {
    iter: std::collections::hash_set::IntoIter<u32>,
}

#[pymethods]
impl SetIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<u32> {
        self.iter.next()
    }
}

/// A counter, as in the main benchmark's SPEC.
#[pyclass]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(value: i64) -> Self {
        Counter { value }
    }

    /// `&mut self`: takes the exclusive borrow, which bumps the mutation generation.
    fn incr(&mut self) {
        self.value += 1;
    }
}

/// The iteration benchmark module.
#[pymodule]
fn bench_iter(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<IntSet>()?;
    m.add_class::<Counter>()?;
    Ok(())
}
