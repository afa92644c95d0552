//! `PySlice`: Python's `slice`, and the indices it selects from a sequence.

use std::os::raw::c_long;

use crate::conversion::ToPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `slice`.
#[repr(transparent)]
pub struct PySlice(PyAny);

crate::pyobject_native_type!(
    PySlice,
    ffi::PySlice_Type,
    "slice",
    check = ffi::PySlice_Check
);

/// What a slice selects from a sequence of a given length, as [`PySlice::indices`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PySliceIndices {
    /// The first index (`-1` only when `step` is negative and nothing is selected).
    pub start: isize,
    /// The index one past the last, in the direction of `step`.
    pub stop: isize,
    /// The step, never zero.
    pub step: isize,
    /// The number of selected items.
    pub slicelength: isize,
}

impl PySliceIndices {
    /// Indices with the given bounds and a `slicelength` of 0.
    pub fn new(start: isize, stop: isize, step: isize) -> PySliceIndices {
        PySliceIndices {
            start,
            stop,
            step,
            slicelength: 0,
        }
    }
}

impl PySlice {
    /// `slice(start, stop, step)`.
    pub fn new(py: Python<'_>, start: isize, stop: isize, step: isize) -> &PySlice {
        // SAFETY: `new_raw` returns a new slice reference.
        unsafe { py.from_owned_ptr(new_raw(py, start, stop, step)) }
    }

    /// `slice(None)`, which selects everything (`[:]`).
    pub fn full(py: Python<'_>) -> &PySlice {
        // SAFETY: null bounds mean `None`; the result is a new reference.
        unsafe {
            py.from_owned_ptr(ffi::PySlice_New(
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            ))
        }
    }

    /// The indices the slice selects from a sequence of `length` items, clamped as Python
    /// does (`slice.indices(length)`). Fails with `ValueError: slice step cannot be zero`,
    /// or `TypeError` when a bound is not an integer or `None`.
    pub fn indices(&self, length: c_long) -> PyResult<PySliceIndices> {
        let (mut start, mut stop, mut step) = (0, 0, 0);
        // SAFETY: `self` is a slice; the out-pointers are valid for writes.
        if unsafe { ffi::PySlice_Unpack(self.as_ptr(), &mut start, &mut stop, &mut step) } < 0 {
            return Err(PyErr::fetch(self.py()));
        }
        // SAFETY: a pure computation on the unpacked values.
        let slicelength = unsafe {
            ffi::PySlice_AdjustIndices(length as ffi::Py_ssize_t, &mut start, &mut stop, step)
        };
        Ok(PySliceIndices {
            start,
            stop,
            step,
            slicelength,
        })
    }
}

/// A new `slice(start, stop, step)`, as an owned pointer (null on memory error).
fn new_raw(py: Python<'_>, start: isize, stop: isize, step: isize) -> *mut ffi::PyObject {
    let (start, stop, step) = (start.to_object(py), stop.to_object(py), step.to_object(py));
    // SAFETY: all three are valid ints; PySlice_New takes its own references.
    unsafe { ffi::PySlice_New(start.as_ptr(), stop.as_ptr(), step.as_ptr()) }
}

impl ToPyObject for PySliceIndices {
    /// `slice(start, stop, step)`.
    fn to_object(&self, py: Python<'_>) -> PyObject {
        // SAFETY: `new_raw` returns a new slice reference.
        unsafe { PyObject::from_owned_ptr(py, new_raw(py, self.start, self.stop, self.step)) }
    }
}
