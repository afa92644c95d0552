//! `PyNone`: the type of Python's `None`.

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// The `None` object; `NoneType` has no other instance.
#[repr(transparent)]
pub struct PyNone(PyAny);

crate::pyobject_native_type_base!(PyNone);
crate::pyobject_native_type_info!(
    PyNone,
    // SAFETY: `None` is a static object whose type lives as long as the interpreter.
    |_py| unsafe { ffi::Py_TYPE(ffi::Py_None()) },
    "NoneType",
    Some("builtins"),
    check = is_none
);

/// Whether `obj` is `None` (the only instance of `NoneType`, which cannot be subclassed).
#[inline]
unsafe fn is_none(obj: *mut ffi::PyObject) -> std::os::raw::c_int {
    // SAFETY: reading a static's address.
    (obj == unsafe { ffi::Py_None() }) as std::os::raw::c_int
}

impl PyNone {
    /// The `None` object.
    #[inline]
    pub fn get(py: Python<'_>) -> &PyNone {
        // SAFETY: `None` lives as long as the interpreter.
        unsafe { py.from_borrowed_ptr(ffi::Py_None()) }
    }
}
