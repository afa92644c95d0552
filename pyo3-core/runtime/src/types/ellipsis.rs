//! `PyEllipsis`: the type of Python's `Ellipsis` (`...`).

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// The `Ellipsis` object; its type has no other instance.
#[repr(transparent)]
pub struct PyEllipsis(PyAny);

crate::pyobject_native_type_base!(PyEllipsis);
crate::pyobject_native_type_info!(
    PyEllipsis,
    |_py| std::ptr::addr_of_mut!(ffi::PyEllipsis_Type),
    "ellipsis",
    Some("builtins"),
    check = is_ellipsis
);

/// Whether `obj` is `Ellipsis`.
#[inline]
unsafe fn is_ellipsis(obj: *mut ffi::PyObject) -> std::os::raw::c_int {
    // SAFETY: reading a static's address.
    (obj == unsafe { ffi::Py_Ellipsis() }) as std::os::raw::c_int
}

impl PyEllipsis {
    /// The `Ellipsis` object.
    #[inline]
    pub fn get(py: Python<'_>) -> &PyEllipsis {
        // SAFETY: `Ellipsis` lives as long as the interpreter.
        unsafe { py.from_borrowed_ptr(ffi::Py_Ellipsis()) }
    }
}
