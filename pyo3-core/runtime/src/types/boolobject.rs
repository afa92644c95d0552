//! `PyBool`: Python's `bool`.

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `bool`.
#[repr(transparent)]
pub struct PyBool(PyAny);

crate::pyobject_native_type!(PyBool, ffi::PyBool_Type, "bool", check = ffi::PyBool_Check);

impl PyBool {
    /// `True` or `False`.
    #[inline]
    pub fn new(py: Python<'_>, val: bool) -> &PyBool {
        // SAFETY: True and False live as long as the interpreter.
        unsafe { py.from_borrowed_ptr(if val { ffi::Py_True() } else { ffi::Py_False() }) }
    }

    /// The Rust value.
    #[inline]
    pub fn is_true(&self) -> bool {
        // SAFETY: reading a static's address.
        self.as_ptr() == unsafe { ffi::Py_True() }
    }
}
