//! `PyBytes`: Python's immutable `bytes`.

use crate::err::PyResult;
use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `bytes`.
#[repr(transparent)]
pub struct PyBytes(PyAny);

crate::pyobject_native_type!(
    PyBytes,
    ffi::PyBytes_Type,
    "bytes",
    check = ffi::PyBytes_Check
);

impl PyBytes {
    /// A new `bytes` object with a copy of `s`.
    pub fn new<'p>(py: Python<'p>, s: &[u8]) -> &'p PyBytes {
        // SAFETY: pointer and length describe `s`; the result is a new reference.
        unsafe {
            py.from_owned_ptr(ffi::PyBytes_FromStringAndSize(
                s.as_ptr() as *const std::os::raw::c_char,
                s.len() as ffi::Py_ssize_t,
            ))
        }
    }

    /// A new `bytes` object of `len` bytes filled in place by `init` (no extra copy).
    pub fn new_with<F>(py: Python<'_>, len: usize, init: F) -> PyResult<&PyBytes>
    where
        F: FnOnce(&mut [u8]) -> PyResult<()>,
    {
        // SAFETY: a null source allocates an uninitialised buffer of `len` bytes, which we
        // zero before exposing it, and only this function sees it until it returns. It is
        // pooled only on success, so a failed `init` frees it at once.
        unsafe {
            let ptr = ffi::PyBytes_FromStringAndSize(std::ptr::null(), len as ffi::Py_ssize_t);
            let bytes: Py<PyBytes> = Py::from_owned_ptr_or_err(py, ptr)?;
            let buffer = ffi::PyBytes_AsString(ptr) as *mut u8;
            std::ptr::write_bytes(buffer, 0, len);
            init(std::slice::from_raw_parts_mut(buffer, len))?;
            Ok(bytes.into_ref(py))
        }
    }

    /// A new `bytes` object with a copy of `len` bytes at `ptr`.
    ///
    /// # Safety
    /// `ptr` must be valid for reads of `len` bytes.
    pub unsafe fn from_ptr(py: Python<'_>, ptr: *const u8, len: usize) -> &PyBytes {
        // SAFETY: forwarded from the caller; the result is a new reference.
        unsafe {
            py.from_owned_ptr(ffi::PyBytes_FromStringAndSize(
                ptr as *const std::os::raw::c_char,
                len as ffi::Py_ssize_t,
            ))
        }
    }

    /// The contents, borrowed from the object (bytes are immutable).
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: `self` is bytes; its buffer is immutable and lives as long as the object.
        unsafe {
            let data = ffi::PyBytes_AsString(self.as_ptr()) as *const u8;
            let len = ffi::PyBytes_Size(self.as_ptr()) as usize;
            std::slice::from_raw_parts(data, len)
        }
    }
}

impl<I: std::slice::SliceIndex<[u8]>> std::ops::Index<I> for PyBytes {
    type Output = I::Output;

    /// Indexes the contents like a byte slice (panics when out of range).
    fn index(&self, index: I) -> &Self::Output {
        &self.as_bytes()[index]
    }
}
