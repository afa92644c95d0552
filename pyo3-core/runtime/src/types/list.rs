//! `PyList`: Python's `list`.

use crate::conversion::ToPyObject;
use crate::err::{error_on_minus_one, PyResult};
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::sequence::ssize_index;
use crate::types::{PyAny, PySequence, PyTuple};

/// Python's `list`.
#[repr(transparent)]
pub struct PyList(PyAny);

crate::pyobject_native_type!(PyList, ffi::PyList_Type, "list", check = ffi::PyList_Check);

impl PyList {
    /// Creates a list from the elements of an exact-size iterator.
    #[track_caller]
    pub fn new<T, U>(py: Python<'_>, elements: impl IntoIterator<Item = T, IntoIter = U>) -> &PyList
    where
        T: ToPyObject,
        U: ExactSizeIterator<Item = T>,
    {
        new_from_iter(py, elements.into_iter().map(|e| e.to_object(py))).into_ref(py)
    }

    /// A new empty list.
    pub fn empty(py: Python<'_>) -> &PyList {
        // SAFETY: PyList_New returns a new reference or null.
        unsafe { py.from_owned_ptr(ffi::PyList_New(0)) }
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a list.
        unsafe { ffi::PyList_Size(self.as_ptr()) as usize }
    }

    /// Whether the list is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list as a `&PySequence`.
    pub fn as_sequence(&self) -> &PySequence {
        // SAFETY: every list is a sequence.
        unsafe { self.as_ref().downcast_unchecked() }
    }

    /// The item at `index`, or `IndexError`.
    pub fn get_item(&self, index: usize) -> PyResult<&PyAny> {
        let index = ssize_index(index);
        // SAFETY: `self` is a list; GetItem checks bounds and returns a borrowed reference,
        // which we turn into a pooled one since the list may change.
        unsafe {
            let item = ffi::PyList_GetItem(self.as_ptr(), index);
            if !item.is_null() {
                ffi::Py_IncRef(item);
            }
            self.py().from_owned_ptr_or_err(item)
        }
    }

    /// The item at `index` without a bounds check.
    ///
    /// # Safety
    /// `index` must be below `len()`.
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    pub unsafe fn get_item_unchecked(&self, index: usize) -> &PyAny {
        // SAFETY: in bounds (caller); we take a pooled reference.
        unsafe {
            let item = ffi::PyList_GET_ITEM(self.as_ptr(), index as ffi::Py_ssize_t);
            ffi::Py_IncRef(item);
            self.py().from_owned_ptr(item)
        }
    }

    /// `self[low:high]`, clamped like Python's slicing.
    pub fn get_slice(&self, low: usize, high: usize) -> &PyList {
        // SAFETY: `self` is a list; GetSlice returns a new reference.
        unsafe {
            self.py().from_owned_ptr(ffi::PyList_GetSlice(
                self.as_ptr(),
                ssize_index(low),
                ssize_index(high),
            ))
        }
    }

    /// `self[index] = item`.
    pub fn set_item<I: ToPyObject>(&self, index: usize, item: I) -> PyResult<()> {
        let py = self.py();
        let item = item.to_object(py);
        // SAFETY: `self` is a list; SetItem steals the item reference and checks bounds.
        error_on_minus_one(py, unsafe {
            ffi::PyList_SetItem(self.as_ptr(), index as ffi::Py_ssize_t, item.into_ptr())
        })
    }

    /// `del self[index]`.
    pub fn del_item(&self, index: usize) -> PyResult<()> {
        self.as_ref().del_item(index)
    }

    /// `self[low:high] = seq`.
    pub fn set_slice(&self, low: usize, high: usize, seq: &PyAny) -> PyResult<()> {
        // SAFETY: `self` is a list; `seq` is a valid object.
        error_on_minus_one(self.py(), unsafe {
            ffi::PyList_SetSlice(
                self.as_ptr(),
                low as ffi::Py_ssize_t,
                high as ffi::Py_ssize_t,
                seq.as_ptr(),
            )
        })
    }

    /// `del self[low:high]`.
    pub fn del_slice(&self, low: usize, high: usize) -> PyResult<()> {
        // SAFETY: a null sequence deletes the slice.
        error_on_minus_one(self.py(), unsafe {
            ffi::PyList_SetSlice(
                self.as_ptr(),
                low as ffi::Py_ssize_t,
                high as ffi::Py_ssize_t,
                std::ptr::null_mut(),
            )
        })
    }

    /// Appends an item.
    pub fn append<I: ToPyObject>(&self, item: I) -> PyResult<()> {
        let py = self.py();
        let item = item.to_object(py);
        // SAFETY: both are valid objects; Append takes its own reference.
        error_on_minus_one(py, unsafe {
            ffi::PyList_Append(self.as_ptr(), item.as_ptr())
        })
    }

    /// Inserts an item before `index`.
    pub fn insert<I: ToPyObject>(&self, index: usize, item: I) -> PyResult<()> {
        let py = self.py();
        let item = item.to_object(py);
        // SAFETY: both are valid objects; Insert takes its own reference.
        error_on_minus_one(py, unsafe {
            ffi::PyList_Insert(self.as_ptr(), index as ffi::Py_ssize_t, item.as_ptr())
        })
    }

    /// Whether the list contains `value`.
    pub fn contains<V: ToPyObject>(&self, value: V) -> PyResult<bool> {
        self.as_ref().contains(value)
    }

    /// The first index of `value`, or `ValueError`.
    pub fn index<V: ToPyObject>(&self, value: V) -> PyResult<usize> {
        self.as_ref()
            .call_method1("index", (value.to_object(self.py()),))?
            .extract()
    }

    /// Sorts in place (`list.sort()`).
    pub fn sort(&self) -> PyResult<()> {
        // SAFETY: `self` is a list.
        error_on_minus_one(self.py(), unsafe { ffi::PyList_Sort(self.as_ptr()) })
    }

    /// Reverses in place.
    pub fn reverse(&self) -> PyResult<()> {
        // SAFETY: `self` is a list.
        error_on_minus_one(self.py(), unsafe { ffi::PyList_Reverse(self.as_ptr()) })
    }

    /// A tuple with the same items.
    pub fn to_tuple(&self) -> &PyTuple {
        // SAFETY: `self` is a list; AsTuple returns a new tuple.
        unsafe { self.py().from_owned_ptr(ffi::PyList_AsTuple(self.as_ptr())) }
    }

    /// Iterates over the items; the list may change during iteration (as in Python, the
    /// iterator then sees the current contents).
    pub fn iter(&self) -> PyListIterator<'_> {
        PyListIterator {
            list: self,
            index: 0,
            end: usize::MAX,
        }
    }
}

/// Builds a list from owned objects.
#[track_caller]
pub(crate) fn new_from_iter(
    py: Python<'_>,
    elements: impl ExactSizeIterator<Item = PyObject>,
) -> Py<PyList> {
    // SAFETY: `PyList_New` makes a list of empty slots and `set_new_item` fills one.
    unsafe { super::new_filled(py, elements, ffi::PyList_New, set_new_item) }
}

/// Stores the owned `item` in the empty slot `index` of a new list.
///
/// # Safety
/// `list` must be a list with an empty slot at `index`.
unsafe fn set_new_item(list: *mut ffi::PyObject, index: ffi::Py_ssize_t, item: *mut ffi::PyObject) {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyList_SET_ITEM(list, index, item)
    }
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller; `SetItem` cannot fail on an index in range.
    unsafe {
        ffi::PyList_SetItem(list, index, item);
    }
}

/// Iterator over a list's items. The list may change while it runs: the iterator reads
/// the current contents and stops at the current end.
pub struct PyListIterator<'a> {
    list: &'a PyList,
    index: usize,
    // One past the last index to yield from the back; clamped to the current length.
    end: usize,
}

impl<'a> PyListIterator<'a> {
    fn end(&self) -> usize {
        self.end.min(self.list.len())
    }
}

impl<'a> Iterator for PyListIterator<'a> {
    type Item = &'a PyAny;

    #[inline]
    fn next(&mut self) -> Option<&'a PyAny> {
        if self.index < self.end() {
            let item = self.list.get_item(self.index).ok()?;
            self.index += 1;
            Some(item)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest = self.end().saturating_sub(self.index);
        (rest, Some(rest))
    }
}

impl DoubleEndedIterator for PyListIterator<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let end = self.end();
        if self.index < end {
            let item = self.list.get_item(end - 1).ok()?;
            self.end = end - 1;
            Some(item)
        } else {
            None
        }
    }
}

impl ExactSizeIterator for PyListIterator<'_> {}

impl<'a> IntoIterator for &'a PyList {
    type Item = &'a PyAny;
    type IntoIter = PyListIterator<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

crate::index_impls!(PyList, "list", PyList::len, PyList::get_slice);
