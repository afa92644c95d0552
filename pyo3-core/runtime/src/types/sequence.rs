//! `PySequence`: any object following the sequence protocol (`collections.abc.Sequence`).

use crate::conversion::ToPyObject;
use crate::err::{error_on_minus_one, PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use crate::type_object::{PyNativeType, PyTypeInfo};
use crate::types::abc::{self, sequence_abc};
use crate::types::{PyAny, PyList, PyTuple};

/// Any sequence: `list`, `tuple`, `str`, `range`, and every class registered as a
/// `collections.abc.Sequence`.
///
/// `obj.downcast::<PySequence>()` accepts lists and tuples directly and asks
/// `isinstance(obj, collections.abc.Sequence)` for anything else, so a class that merely
/// defines `__getitem__` (a custom mapping, say) is not taken for a sequence. Register
/// such classes with [`PySequence::register`].
#[repr(transparent)]
pub struct PySequence(PyAny);

// Lists and tuples need no `isinstance` call.
abc::abc_protocol_type!(PySequence, "Sequence", sequence_abc, |ptr| {
    ffi::PyList_Check(ptr) != 0 || ffi::PyTuple_Check(ptr) != 0
});

/// Clamps a Rust index to the C API's `Py_ssize_t`; anything larger than `isize::MAX` is
/// out of range for every sequence anyway.
#[inline]
pub(crate) fn ssize_index(index: usize) -> ffi::Py_ssize_t {
    index.min(isize::MAX as usize) as ffi::Py_ssize_t
}

/// Converts a size or an index returned by the C API, where `-1` means an exception is set.
#[inline]
pub(crate) fn size_or_err(py: Python<'_>, n: ffi::Py_ssize_t) -> PyResult<usize> {
    if n == -1 {
        Err(PyErr::fetch(py))
    } else {
        Ok(n as usize)
    }
}

impl PySequence {
    /// Wraps a new reference returned by a sequence operation.
    #[inline]
    fn owned_sequence(&self, ptr: *mut ffi::PyObject) -> PyResult<&PySequence> {
        // SAFETY: callers pass a new reference (or null with an error set); sequence
        // operations return sequences, and `PySequence` adds no layout requirement.
        unsafe { self.py().from_owned_ptr_or_err(ptr) }
    }

    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: `self` is a valid object.
        size_or_err(self.py(), unsafe { ffi::PySequence_Size(self.as_ptr()) })
    }

    /// Whether `len(self) == 0`.
    #[inline]
    pub fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|l| l == 0)
    }

    /// `self + other`.
    pub fn concat(&self, other: &PySequence) -> PyResult<&PySequence> {
        // SAFETY: both are valid objects; the result is a new reference or null.
        self.owned_sequence(unsafe { ffi::PySequence_Concat(self.as_ptr(), other.as_ptr()) })
    }

    /// `self * count`.
    pub fn repeat(&self, count: usize) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new reference or null.
        self.owned_sequence(unsafe { ffi::PySequence_Repeat(self.as_ptr(), ssize_index(count)) })
    }

    /// `self += other`: mutates `self` if it supports it (a list), else returns a new
    /// sequence.
    pub fn in_place_concat(&self, other: &PySequence) -> PyResult<&PySequence> {
        // SAFETY: both are valid objects; the result is a new reference or null.
        self.owned_sequence(unsafe { ffi::PySequence_InPlaceConcat(self.as_ptr(), other.as_ptr()) })
    }

    /// `self *= count`: mutates `self` if it supports it (a list), else returns a new
    /// sequence.
    pub fn in_place_repeat(&self, count: usize) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new reference or null.
        self.owned_sequence(unsafe {
            ffi::PySequence_InPlaceRepeat(self.as_ptr(), ssize_index(count))
        })
    }

    /// `self[index]`; fails with `IndexError` when out of range.
    pub fn get_item(&self, index: usize) -> PyResult<&PyAny> {
        // SAFETY: `self` is valid; the result is a new reference or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PySequence_GetItem(self.as_ptr(), ssize_index(index)))
        }
    }

    /// `self[begin:end]`, clamped like Python's slicing.
    pub fn get_slice(&self, begin: usize, end: usize) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new reference or null.
        self.owned_sequence(unsafe {
            ffi::PySequence_GetSlice(self.as_ptr(), ssize_index(begin), ssize_index(end))
        })
    }

    /// `self[index] = item`.
    pub fn set_item<I: ToPyObject>(&self, index: usize, item: I) -> PyResult<()> {
        let py = self.py();
        let item = item.to_object(py);
        // SAFETY: both are valid objects; SetItem takes its own reference.
        error_on_minus_one(py, unsafe {
            ffi::PySequence_SetItem(self.as_ptr(), ssize_index(index), item.as_ptr())
        })
    }

    /// `del self[index]`.
    pub fn del_item(&self, index: usize) -> PyResult<()> {
        // SAFETY: `self` is a valid object.
        error_on_minus_one(self.py(), unsafe {
            ffi::PySequence_DelItem(self.as_ptr(), ssize_index(index))
        })
    }

    /// `self[begin:end] = value`.
    pub fn set_slice(&self, begin: usize, end: usize, value: &PyAny) -> PyResult<()> {
        // SAFETY: both are valid objects.
        error_on_minus_one(self.py(), unsafe {
            ffi::PySequence_SetSlice(
                self.as_ptr(),
                ssize_index(begin),
                ssize_index(end),
                value.as_ptr(),
            )
        })
    }

    /// `del self[begin:end]`.
    pub fn del_slice(&self, begin: usize, end: usize) -> PyResult<()> {
        // SAFETY: `self` is a valid object.
        error_on_minus_one(self.py(), unsafe {
            ffi::PySequence_DelSlice(self.as_ptr(), ssize_index(begin), ssize_index(end))
        })
    }

    /// The number of items equal to `value` (`self.count(value)`).
    #[cfg(not(PyPy))]
    pub fn count<V: ToPyObject>(&self, value: V) -> PyResult<usize> {
        let value = value.to_object(self.py());
        // SAFETY: both are valid objects.
        size_or_err(self.py(), unsafe {
            ffi::PySequence_Count(self.as_ptr(), value.as_ptr())
        })
    }

    /// `value in self`.
    pub fn contains<V: ToPyObject>(&self, value: V) -> PyResult<bool> {
        let value = value.to_object(self.py());
        // SAFETY: both are valid objects.
        match unsafe { ffi::PySequence_Contains(self.as_ptr(), value.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            found => Ok(found == 1),
        }
    }

    /// The first index of `value` (`self.index(value)`); fails with
    /// `ValueError: sequence.index(x): x not in sequence` when absent.
    pub fn index<V: ToPyObject>(&self, value: V) -> PyResult<usize> {
        let value = value.to_object(self.py());
        // SAFETY: both are valid objects.
        size_or_err(self.py(), unsafe {
            ffi::PySequence_Index(self.as_ptr(), value.as_ptr())
        })
    }

    /// `list(self)`.
    pub fn to_list(&self) -> PyResult<&PyList> {
        // SAFETY: `self` is valid; the result is a new list or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PySequence_List(self.as_ptr()))
        }
    }

    /// `tuple(self)`.
    pub fn to_tuple(&self) -> PyResult<&PyTuple> {
        // SAFETY: `self` is valid; the result is a new tuple or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PySequence_Tuple(self.as_ptr()))
        }
    }

    /// Registers `T`'s Python type as a virtual subclass of `collections.abc.Sequence`,
    /// so that its instances pass `downcast::<PySequence>()`.
    pub fn register<T: PyTypeInfo>(py: Python<'_>) -> PyResult<()> {
        abc::register::<T>(py, sequence_abc)
    }
}

fn sequence_len(seq: &PySequence) -> usize {
    seq.len().expect("failed to get sequence length")
}

fn sequence_slice(seq: &PySequence, begin: usize, end: usize) -> &PySequence {
    seq.get_slice(begin, end)
        .expect("sequence slice operation failed")
}

crate::index_impls!(PySequence, "sequence", sequence_len, sequence_slice);
