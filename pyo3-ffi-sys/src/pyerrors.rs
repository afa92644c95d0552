//! Exception instance layouts that `pyo3-ffi` does not declare (CPython's
//! `Include/cpython/pyerrors.h`), needed to subclass these exceptions from Rust.

use crate::PyObject;

/// `PyAttributeErrorObject` (3.10+): `AttributeError` carries the object and the name.
#[repr(C)]
#[derive(Debug)]
pub struct PyAttributeErrorObject {
    /// The common exception header.
    pub ob_base: crate::PyBaseExceptionObject,
    /// The object whose attribute was missing.
    pub obj: *mut PyObject,
    /// The missing attribute's name.
    pub name: *mut PyObject,
}

/// `PyNameErrorObject` (3.10+): `NameError` carries the missing name.
#[repr(C)]
#[derive(Debug)]
pub struct PyNameErrorObject {
    /// The common exception header.
    pub ob_base: crate::PyBaseExceptionObject,
    /// The missing name.
    pub name: *mut PyObject,
}
