//! Object functions of `object.h` that `pyo3-ffi` declares only from the stable ABI version
//! that added them, while every supported CPython exports them.

#[cfg(all(Py_LIMITED_API, not(Py_3_10), not(PyPy)))]
use std::os::raw::c_void;

#[cfg(all(Py_LIMITED_API, not(Py_3_10), not(PyPy)))]
use crate::PyObject;

#[cfg(all(Py_LIMITED_API, not(Py_3_10), not(PyPy)))]
extern "C" {
    /// The generic `__dict__` getter for types with a `tp_dictoffset` (stable ABI from 3.10;
    /// exported by every CPython 3.9+).
    pub fn PyObject_GenericGetDict(obj: *mut PyObject, context: *mut c_void) -> *mut PyObject;
}
