//! `PyTuple`: Python's `tuple`.

use crate::conversion::{IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::sequence::ssize_index;
use crate::types::{PyAny, PyList, PySequence};

/// Python's `tuple`.
#[repr(transparent)]
pub struct PyTuple(PyAny);

crate::pyobject_native_type!(
    PyTuple,
    ffi::PyTuple_Type,
    "tuple",
    check = ffi::PyTuple_Check
);

impl PyTuple {
    /// Creates a tuple from the elements of an exact-size iterator.
    #[track_caller]
    pub fn new<T, U>(
        py: Python<'_>,
        elements: impl IntoIterator<Item = T, IntoIter = U>,
    ) -> &PyTuple
    where
        T: ToPyObject,
        U: ExactSizeIterator<Item = T>,
    {
        new_from_iter(py, elements.into_iter().map(|e| e.to_object(py))).into_ref(py)
    }

    /// The empty tuple.
    pub fn empty(py: Python<'_>) -> &PyTuple {
        // SAFETY: PyTuple_New(0) returns a new reference to the empty tuple.
        unsafe { py.from_owned_ptr(ffi::PyTuple_New(0)) }
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a tuple.
        unsafe { ffi::PyTuple_Size(self.as_ptr()) as usize }
    }

    /// Whether the tuple is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `self[start:end]`, clamped like Python's slicing.
    pub fn get_slice(&self, low: usize, high: usize) -> &PyTuple {
        // SAFETY: `self` is a tuple; GetSlice clamps and returns a new reference.
        unsafe {
            self.py().from_owned_ptr(ffi::PyTuple_GetSlice(
                self.as_ptr(),
                ssize_index(low),
                ssize_index(high),
            ))
        }
    }

    /// The item at `index`, or `IndexError`.
    pub fn get_item(&self, index: usize) -> PyResult<&PyAny> {
        if index < self.len() {
            // SAFETY: bounds checked; the tuple keeps the item alive as long as itself.
            Ok(unsafe { self.get_item_unchecked(index) })
        } else {
            Err(crate::exceptions::PyIndexError::new_err(
                "tuple index out of range",
            ))
        }
    }

    /// The item at `index` without a bounds check.
    ///
    /// # Safety
    /// `index` must be below `len()`.
    #[inline]
    pub unsafe fn get_item_unchecked(&self, index: usize) -> &PyAny {
        // SAFETY: in bounds (caller); tuples are immutable, so the item lives as long as the
        // tuple, which outlives this borrow.
        unsafe {
            self.py()
                .from_borrowed_ptr(tuple_item(self.as_ptr(), index))
        }
    }

    /// The items as a slice of references.
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    pub fn as_slice(&self) -> &[&PyAny] {
        // SAFETY: a tuple's item array is `len` contiguous object pointers, immutable for the
        // tuple's life; `&PyAny` has the layout of a pointer.
        unsafe {
            let items = (*(self.as_ptr() as *mut ffi::PyTupleObject))
                .ob_item
                .as_ptr();
            std::slice::from_raw_parts(items as *const &PyAny, self.len())
        }
    }

    /// The tuple as a `&PySequence`.
    pub fn as_sequence(&self) -> &PySequence {
        // SAFETY: every tuple is a sequence.
        unsafe { self.as_ref().downcast_unchecked() }
    }

    /// Whether the tuple contains `value` (Python's `in`).
    pub fn contains<V: ToPyObject>(&self, value: V) -> PyResult<bool> {
        self.as_ref().contains(value)
    }

    /// The first index of `value`, or `ValueError`.
    pub fn index<V: ToPyObject>(&self, value: V) -> PyResult<usize> {
        self.as_ref()
            .call_method1("index", (value.to_object(self.py()),))?
            .extract()
    }

    /// An iterator over the items.
    pub fn iter(&self) -> PyTupleIterator<'_> {
        PyTupleIterator {
            tuple: self,
            index: 0,
            length: self.len(),
        }
    }

    /// A new list with the same items.
    pub fn to_list(&self) -> &PyList {
        // SAFETY: PySequence_List returns a new list or null.
        unsafe {
            self.py()
                .from_owned_ptr(ffi::PySequence_List(self.as_ptr()))
        }
    }
}

/// Reads item `index` of a tuple (borrowed).
///
/// # Safety
/// `tuple` must be a tuple with more than `index` items.
#[inline(always)]
pub(crate) unsafe fn tuple_item(tuple: *mut ffi::PyObject, index: usize) -> *mut ffi::PyObject {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_GET_ITEM(tuple, index as ffi::Py_ssize_t)
    }
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_GetItem(tuple, index as ffi::Py_ssize_t)
    }
}

/// Builds a tuple from owned objects.
#[track_caller]
pub(crate) fn new_from_iter(
    py: Python<'_>,
    elements: impl ExactSizeIterator<Item = PyObject>,
) -> Py<PyTuple> {
    // SAFETY: `PyTuple_New` makes a tuple of empty slots and `set_new_item` fills one.
    unsafe { super::new_filled(py, elements, ffi::PyTuple_New, set_new_item) }
}

/// Stores the owned `item` in the empty slot `index` of a new tuple.
///
/// # Safety
/// `tuple` must be a tuple with an empty slot at `index`.
unsafe fn set_new_item(
    tuple: *mut ffi::PyObject,
    index: ffi::Py_ssize_t,
    item: *mut ffi::PyObject,
) {
    // SAFETY: forwarded from the caller; `SetItem` cannot fail on an index in range.
    unsafe {
        ffi::PyTuple_SetItem(tuple, index, item);
    }
}

/// Iterator over a tuple's items.
pub struct PyTupleIterator<'a> {
    tuple: &'a PyTuple,
    index: usize,
    length: usize,
}

impl<'a> Iterator for PyTupleIterator<'a> {
    type Item = &'a PyAny;

    #[inline]
    fn next(&mut self) -> Option<&'a PyAny> {
        if self.index < self.length {
            // SAFETY: in bounds; tuples are immutable.
            let item = unsafe { self.tuple.get_item_unchecked(self.index) };
            self.index += 1;
            Some(item)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest = self.length - self.index;
        (rest, Some(rest))
    }
}

impl DoubleEndedIterator for PyTupleIterator<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.index < self.length {
            self.length -= 1;
            // SAFETY: in bounds; tuples are immutable.
            Some(unsafe { self.tuple.get_item_unchecked(self.length) })
        } else {
            None
        }
    }
}

impl ExactSizeIterator for PyTupleIterator<'_> {}

impl<'a> IntoIterator for &'a PyTuple {
    type Item = &'a PyAny;
    type IntoIter = PyTupleIterator<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

crate::index_impls!(PyTuple, "tuple", PyTuple::len, PyTuple::get_slice);

impl IntoPy<Py<PyTuple>> for &'_ PyTuple {
    fn into_py(self, py: Python<'_>) -> Py<PyTuple> {
        // SAFETY: `self` is a live tuple; we take a new reference.
        unsafe { Py::from_borrowed_ptr(py, self.as_ptr()) }
    }
}

impl IntoPy<Py<PyTuple>> for Py<PyTuple> {
    fn into_py(self, _py: Python<'_>) -> Py<PyTuple> {
        self
    }
}
