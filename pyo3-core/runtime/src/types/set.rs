//! `PySet`: Python's mutable `set`, and the iterator shared with `frozenset`.

use std::marker::PhantomData;

use crate::conversion::ToPyObject;
use crate::err::{error_on_minus_one, PyErr, PyResult};
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::PyAny;

/// Python's `set`.
#[repr(transparent)]
pub struct PySet(PyAny);

crate::pyobject_native_type!(PySet, ffi::PySet_Type, "set", check = ffi::PySet_Check);

impl PySet {
    /// A new set of the given elements. Fails with `TypeError` if an element is unhashable.
    pub fn new<'a, 'p, T: ToPyObject + 'a>(
        py: Python<'p>,
        elements: impl IntoIterator<Item = &'a T>,
    ) -> PyResult<&'p PySet> {
        // SAFETY: PySet_New(NULL) returns a new empty set or null with an error set.
        let set: Py<PySet> =
            unsafe { Py::from_owned_ptr_or_err(py, ffi::PySet_New(std::ptr::null_mut())) }?;
        for element in elements {
            add_raw(py, set.as_ptr(), &element.to_object(py))?;
        }
        Ok(set.into_ref(py))
    }

    /// A new empty set.
    pub fn empty(py: Python<'_>) -> PyResult<&PySet> {
        // SAFETY: PySet_New(NULL) returns a new empty set or null with an error set.
        unsafe { py.from_owned_ptr_or_err(ffi::PySet_New(std::ptr::null_mut())) }
    }

    /// Removes all elements.
    pub fn clear(&self) {
        // SAFETY: `self` is a set, for which PySet_Clear cannot fail.
        unsafe { ffi::PySet_Clear(self.as_ptr()) };
    }

    /// The number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a set.
        unsafe { ffi::PySet_Size(self.as_ptr()) as usize }
    }

    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `key in self`; fails with `TypeError` if `key` is unhashable.
    pub fn contains<K: ToPyObject>(&self, key: K) -> PyResult<bool> {
        contains_raw(self.py(), self.as_ptr(), &key.to_object(self.py()))
    }

    /// Removes `key` if present; returns whether it was.
    pub fn discard<K: ToPyObject>(&self, key: K) -> PyResult<bool> {
        let py = self.py();
        let key = key.to_object(py);
        // SAFETY: both are valid objects.
        match unsafe { ffi::PySet_Discard(self.as_ptr(), key.as_ptr()) } {
            -1 => Err(PyErr::fetch(py)),
            found => Ok(found == 1),
        }
    }

    /// Adds `key`; fails with `TypeError` if it is unhashable.
    pub fn add<K: ToPyObject>(&self, key: K) -> PyResult<()> {
        add_raw(self.py(), self.as_ptr(), &key.to_object(self.py()))
    }

    /// Removes and returns an arbitrary element, or `None` if the set is empty.
    pub fn pop(&self) -> Option<PyObject> {
        let py = self.py();
        // SAFETY: `self` is a set; the result is a new reference, or null with `KeyError`
        // set when the set is empty.
        let element = unsafe { PyObject::from_owned_ptr_or_opt(py, ffi::PySet_Pop(self.as_ptr())) };
        if element.is_none() {
            drop(PyErr::take(py));
        }
        element
    }

    /// Iterates over the elements. The iterator panics if the set changes size meanwhile,
    /// where Python would raise `RuntimeError: Set changed size during iteration`.
    pub fn iter(&self) -> PySetIterator<'_> {
        PySetIterator::new(self)
    }
}

/// `set.add(key)` on a raw set or new frozenset.
pub(crate) fn add_raw(py: Python<'_>, set: *mut ffi::PyObject, key: &PyObject) -> PyResult<()> {
    // SAFETY: `set` is a set (or a frozenset nobody else has seen); `key` is valid.
    error_on_minus_one(py, unsafe { ffi::PySet_Add(set, key.as_ptr()) })
}

/// `key in set` on a raw set or frozenset.
pub(crate) fn contains_raw(
    py: Python<'_>,
    set: *mut ffi::PyObject,
    key: &PyObject,
) -> PyResult<bool> {
    // SAFETY: `set` is a set or frozenset; `key` is valid.
    match unsafe { ffi::PySet_Contains(set, key.as_ptr()) } {
        -1 => Err(PyErr::fetch(py)),
        found => Ok(found == 1),
    }
}

/// Iterator over the elements of a `set` or `frozenset`.
///
/// It drives Python's own set iterator, so a change of size during iteration is detected
/// exactly as in Python; the iterator then panics with Python's message.
pub struct PySetIterator<'py> {
    // Owned, not pooled: one iterator object per loop, released when the loop ends.
    it: PyObject,
    remaining: usize,
    _set: PhantomData<&'py PyAny>,
}

impl<'py> PySetIterator<'py> {
    /// An iterator over `set`, which must be a set or frozenset.
    pub(crate) fn new(set: &'py PyAny) -> Self {
        let py = set.py();
        // SAFETY: sets are iterable; the result is a new reference.
        let it = unsafe { PyObject::from_owned_ptr(py, ffi::PyObject_GetIter(set.as_ptr())) };
        // SAFETY: `set` is a set or frozenset.
        let remaining = unsafe { ffi::PySet_Size(set.as_ptr()) } as usize;
        PySetIterator {
            it,
            remaining,
            _set: PhantomData,
        }
    }
}

impl<'py> Iterator for PySetIterator<'py> {
    type Item = &'py PyAny;

    #[track_caller]
    fn next(&mut self) -> Option<&'py PyAny> {
        // SAFETY: the iterator type ties `'py` to a live GIL-bound set reference.
        let py: Python<'py> = unsafe { Python::assume_gil_acquired() };
        // SAFETY: `it` is a set iterator; the result is a new reference, or null at the end
        // or on error (the set changed size).
        let item = unsafe { py.from_owned_ptr_or_opt(ffi::PyIter_Next(self.it.as_ptr())) };
        match item {
            Some(item) => {
                self.remaining = self.remaining.saturating_sub(1);
                Some(item)
            }
            None => match PyErr::take(py) {
                Some(err) => panic!("{err}"),
                None => {
                    self.remaining = 0;
                    None
                }
            },
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for PySetIterator<'_> {}

impl<'a> IntoIterator for &'a PySet {
    type Item = &'a PyAny;
    type IntoIter = PySetIterator<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
