//! `_PyDict_NewPresized`, from CPython's `Include/cpython/dictobject.h` (3.9 to 3.13).
//!
//! An underscore function of the full (non-limited) API that `pyo3-ffi` skips; every
//! CPython from 3.9 to 3.13 declares it in its public `cpython/` headers and exports it.

use crate::{PyObject, Py_ssize_t};

extern "C" {
    /// A new empty dict with room for `minused` items without resizing; a new reference,
    /// or null with an exception set.
    pub fn _PyDict_NewPresized(minused: Py_ssize_t) -> *mut PyObject;
}
