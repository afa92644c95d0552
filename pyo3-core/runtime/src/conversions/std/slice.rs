//! Bytes: `&[u8]` borrows from `bytes`, `Cow<[u8]>` borrows `bytes` and copies
//! `bytearray`; both convert to `bytes`.

use std::borrow::Cow;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyDowncastError, PyResult};
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::{PyAny, PyBytes};

/// A new `bytes` object with a copy of `data`, as an owned reference.
pub(crate) fn new_bytes(py: Python<'_>, data: &[u8]) -> PyObject {
    // SAFETY: pointer and length describe `data`; the result is a new reference or null.
    unsafe {
        PyObject::from_owned_ptr(
            py,
            ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as ffi::Py_ssize_t),
        )
    }
}

/// A copy of the contents of a `bytearray`.
///
/// # Safety
/// `ob` must be a `bytearray`.
unsafe fn copy_bytearray(ob: &PyAny) -> Vec<u8> {
    // SAFETY: `ob` is a bytearray; we copy its buffer before anything can resize it.
    unsafe {
        let data = ffi::PyByteArray_AsString(ob.as_ptr()) as *const u8;
        let len = ffi::PyByteArray_Size(ob.as_ptr()) as usize;
        if len == 0 {
            return Vec::new();
        }
        std::slice::from_raw_parts(data, len).to_vec()
    }
}

/// A copy of the contents of `bytes` or `bytearray` (or a subclass), `None` for anything
/// else. The fast path of `Vec<u8>` extraction.
pub(crate) fn copy_byte_buffer(ob: &PyAny) -> Option<Vec<u8>> {
    if let Ok(bytes) = ob.downcast::<PyBytes>() {
        return Some(bytes.as_bytes().to_vec());
    }
    // SAFETY: `ob` is a valid object.
    if unsafe { ffi::PyByteArray_Check(ob.as_ptr()) } != 0 {
        // SAFETY: checked just above.
        return Some(unsafe { copy_bytearray(ob) });
    }
    None
}

/// Borrows the contents of a `bytes` object (they are immutable).
impl<'a> FromPyObject<'a> for &'a [u8] {
    fn extract(ob: &'a PyAny) -> PyResult<Self> {
        Ok(ob.downcast::<PyBytes>()?.as_bytes())
    }
}

/// Borrows from `bytes`, copies from `bytearray` (which may change later).
impl<'a> FromPyObject<'a> for Cow<'a, [u8]> {
    fn extract(ob: &'a PyAny) -> PyResult<Self> {
        if let Ok(bytes) = ob.downcast::<PyBytes>() {
            return Ok(Cow::Borrowed(bytes.as_bytes()));
        }
        // SAFETY: `ob` is a valid object.
        if unsafe { ffi::PyByteArray_Check(ob.as_ptr()) } != 0 {
            // SAFETY: checked just above.
            return Ok(Cow::Owned(unsafe { copy_bytearray(ob) }));
        }
        Err(PyDowncastError::new(ob, "PyByteArray").into())
    }
}

/// `bytes` (a `Vec<u8>` becomes a list of ints; `&[u8]` becomes bytes).
impl IntoPy<PyObject> for &[u8] {
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_bytes(py, self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Cow<'_, [u8]> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_bytes(py, self)
    }
}

impl IntoPy<PyObject> for Cow<'_, [u8]> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_bytes(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}
