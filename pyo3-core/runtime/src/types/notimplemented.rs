//! `PyNotImplemented`: the type of Python's `NotImplemented`.

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// The `NotImplemented` object, which binary operators return to let the other operand
/// try; its type has no other instance.
#[repr(transparent)]
pub struct PyNotImplemented(PyAny);

crate::pyobject_native_type_base!(PyNotImplemented);
crate::pyobject_native_type_info!(
    PyNotImplemented,
    // SAFETY: `NotImplemented` is a static object whose type lives as long as the
    // interpreter.
    |_py| unsafe { ffi::Py_TYPE(ffi::Py_NotImplemented()) },
    "NotImplementedType",
    Some("builtins"),
    check = is_not_implemented
);

/// Whether `obj` is `NotImplemented`.
#[inline]
unsafe fn is_not_implemented(obj: *mut ffi::PyObject) -> std::os::raw::c_int {
    // SAFETY: reading a static's address.
    (obj == unsafe { ffi::Py_NotImplemented() }) as std::os::raw::c_int
}

impl PyNotImplemented {
    /// The `NotImplemented` object.
    #[inline]
    pub fn get(py: Python<'_>) -> &PyNotImplemented {
        // SAFETY: `NotImplemented` lives as long as the interpreter.
        unsafe { py.from_borrowed_ptr(ffi::Py_NotImplemented()) }
    }
}
