//! `PyFrozenSet`: Python's immutable `frozenset`, and its builder.

use crate::conversion::ToPyObject;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::types::set::{add_raw, contains_raw, PySetIterator};
use crate::types::PyAny;

/// Python's `frozenset`.
#[repr(transparent)]
pub struct PyFrozenSet(PyAny);

crate::pyobject_native_type!(
    PyFrozenSet,
    ffi::PyFrozenSet_Type,
    "frozenset",
    check = ffi::PyFrozenSet_Check
);

/// The iterator over a frozenset's elements (the same type as a set's).
pub type PyFrozenSetIterator<'py> = PySetIterator<'py>;

impl PyFrozenSet {
    /// A new frozenset of the given elements. Fails with `TypeError` if an element is
    /// unhashable.
    pub fn new<'a, 'p, T: ToPyObject + 'a>(
        py: Python<'p>,
        elements: impl IntoIterator<Item = &'a T>,
    ) -> PyResult<&'p PyFrozenSet> {
        let mut builder = PyFrozenSetBuilder::new(py)?;
        for element in elements {
            builder.add(element)?;
        }
        Ok(builder.finalize())
    }

    /// The empty frozenset.
    pub fn empty(py: Python<'_>) -> PyResult<&PyFrozenSet> {
        // SAFETY: the result is a new reference or null with an error set.
        unsafe { py.from_owned_ptr_or_err(ffi::PyFrozenSet_New(std::ptr::null_mut())) }
    }

    /// The number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a frozenset.
        unsafe { ffi::PySet_Size(self.as_ptr()) as usize }
    }

    /// Whether the frozenset is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `key in self`; fails with `TypeError` if `key` is unhashable.
    pub fn contains<K: ToPyObject>(&self, key: K) -> PyResult<bool> {
        contains_raw(self.py(), self.as_ptr(), &key.to_object(self.py()))
    }

    /// Iterates over the elements.
    pub fn iter(&self) -> PyFrozenSetIterator<'_> {
        PySetIterator::new(self)
    }
}

impl<'a> IntoIterator for &'a PyFrozenSet {
    type Item = &'a PyAny;
    type IntoIter = PyFrozenSetIterator<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Builds a frozenset element by element, without an intermediate `set`.
pub struct PyFrozenSetBuilder<'py> {
    // Held only here, so its reference count stays 1 and the C API lets us add to it.
    set: Py<PyFrozenSet>,
    py: Python<'py>,
}

impl<'py> PyFrozenSetBuilder<'py> {
    /// Starts an empty frozenset.
    pub fn new(py: Python<'py>) -> PyResult<PyFrozenSetBuilder<'py>> {
        // SAFETY: the result is a new, unshared frozenset, or null with an error set.
        let set =
            unsafe { Py::from_owned_ptr_or_err(py, ffi::PyFrozenSet_New(std::ptr::null_mut())) }?;
        Ok(PyFrozenSetBuilder { set, py })
    }

    /// Adds an element; fails with `TypeError` if it is unhashable.
    pub fn add<K: ToPyObject>(&mut self, key: K) -> PyResult<()> {
        add_raw(self.py, self.set.as_ptr(), &key.to_object(self.py))
    }

    /// The finished frozenset.
    pub fn finalize(self) -> &'py PyFrozenSet {
        self.set.into_ref(self.py)
    }
}
