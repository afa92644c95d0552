//! `PyFloat`: Python's `float`.

use std::os::raw::c_double;

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `float`, a C `double`.
#[repr(transparent)]
pub struct PyFloat(PyAny);

crate::pyobject_native_type!(
    PyFloat,
    ffi::PyFloat_Type,
    "float",
    check = ffi::PyFloat_Check
);

impl PyFloat {
    /// A new `float`.
    pub fn new(py: Python<'_>, val: c_double) -> &PyFloat {
        // SAFETY: PyFloat_FromDouble returns a new reference (or null on memory error).
        unsafe { py.from_owned_ptr(ffi::PyFloat_FromDouble(val)) }
    }

    /// The value.
    pub fn value(&self) -> c_double {
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: `self` is a float (or a subclass, which shares the layout).
        unsafe {
            ffi::PyFloat_AS_DOUBLE(self.as_ptr())
        }
        // PyFloat_AsDouble cannot fail on a float instance.
        #[cfg(Py_LIMITED_API)]
        // SAFETY: `self` is a float.
        unsafe {
            ffi::PyFloat_AsDouble(self.as_ptr())
        }
    }
}
