//! `PyByteArray`: Python's mutable `bytearray`.

use std::os::raw::c_char;

use crate::err::{error_on_minus_one, PyErr, PyResult};
use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `bytearray`.
///
/// Its buffer can move or change under any Python code (including code run by another
/// thread while the GIL is released), so borrowing it is `unsafe`; [`PyByteArray::to_vec`]
/// is the safe way to read it.
#[repr(transparent)]
pub struct PyByteArray(PyAny);

crate::pyobject_native_type!(
    PyByteArray,
    ffi::PyByteArray_Type,
    "bytearray",
    check = ffi::PyByteArray_Check
);

impl PyByteArray {
    /// A new `bytearray` holding a copy of `src`.
    pub fn new<'py>(py: Python<'py>, src: &[u8]) -> &'py PyByteArray {
        // SAFETY: pointer and length describe `src`; the result is a new reference.
        unsafe {
            py.from_owned_ptr(ffi::PyByteArray_FromStringAndSize(
                src.as_ptr() as *const c_char,
                src.len() as ffi::Py_ssize_t,
            ))
        }
    }

    /// A new `bytearray` of `len` zero bytes, then filled in place by `init`. If `init`
    /// fails, the object is freed and its error returned.
    pub fn new_with<F>(py: Python<'_>, len: usize, init: F) -> PyResult<&PyByteArray>
    where
        F: FnOnce(&mut [u8]) -> PyResult<()>,
    {
        // SAFETY: a null source allocates `len` uninitialised bytes; we zero them before
        // `init` sees them, and nothing else can reach the object until we return it.
        unsafe {
            let ptr = ffi::PyByteArray_FromStringAndSize(std::ptr::null(), len as ffi::Py_ssize_t);
            let array: Py<PyByteArray> = Py::from_owned_ptr_or_err(py, ptr)?;
            let buffer = ffi::PyByteArray_AsString(ptr) as *mut u8;
            std::ptr::write_bytes(buffer, 0, len);
            init(std::slice::from_raw_parts_mut(buffer, len))?;
            Ok(array.into_ref(py))
        }
    }

    /// `bytearray(src)`: a copy of any object supporting the buffer protocol, or the bytes
    /// of an iterable of ints.
    pub fn from(src: &PyAny) -> PyResult<&PyByteArray> {
        // SAFETY: `src` is valid; the result is a new reference or null with an error set.
        unsafe {
            src.py()
                .from_owned_ptr_or_err(ffi::PyByteArray_FromObject(src.as_ptr()))
        }
    }

    /// The length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a bytearray.
        unsafe { ffi::PyByteArray_Size(self.as_ptr()) as usize }
    }

    /// Whether the bytearray is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The start of the buffer. Valid only until the bytearray is resized or freed, which
    /// any Python code may do.
    #[inline]
    pub fn data(&self) -> *mut u8 {
        // SAFETY: `self` is a bytearray; the pointer is never null.
        unsafe { ffi::PyByteArray_AsString(self.as_ptr()) as *mut u8 }
    }

    /// The contents, borrowed.
    ///
    /// # Safety
    /// No Python code may run while the slice is alive (it could resize or mutate the
    /// bytearray), and the slice must not be used alongside [`PyByteArray::as_bytes_mut`].
    pub unsafe fn as_bytes(&self) -> &[u8] {
        // SAFETY: data and length describe the buffer; the caller keeps it unchanged.
        unsafe { std::slice::from_raw_parts(self.data(), self.len()) }
    }

    /// The contents, mutably borrowed.
    ///
    /// # Safety
    /// As for [`PyByteArray::as_bytes`], and no other slice of this buffer may be alive.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn as_bytes_mut(&self) -> &mut [u8] {
        // SAFETY: data and length describe the buffer; the caller guarantees exclusivity.
        unsafe { std::slice::from_raw_parts_mut(self.data(), self.len()) }
    }

    /// A copy of the contents.
    pub fn to_vec(&self) -> Vec<u8> {
        // SAFETY: the copy runs no Python code, so the buffer cannot change meanwhile.
        unsafe { self.as_bytes() }.to_vec()
    }

    /// Resizes to `len` bytes; bytes added at the end are zero. Raises `BufferError` while
    /// a `memoryview` or other buffer export is alive.
    pub fn resize(&self, len: usize) -> PyResult<()> {
        let old_len = self.len();
        // SAFETY: `self` is a bytearray.
        error_on_minus_one(self.py(), unsafe {
            ffi::PyByteArray_Resize(self.as_ptr(), len as ffi::Py_ssize_t)
        })?;
        if len > old_len {
            // CPython leaves grown bytes uninitialised; zero them so that reading the
            // buffer from Rust is never a read of uninitialised memory.
            // SAFETY: the buffer now holds `len` bytes, so the range is in bounds.
            unsafe { std::ptr::write_bytes(self.data().add(old_len), 0, len - old_len) };
        }
        Ok(())
    }
}

impl<'py> TryFrom<&'py PyAny> for &'py PyByteArray {
    type Error = PyErr;

    /// `bytearray(value)`, as [`PyByteArray::from`].
    fn try_from(value: &'py PyAny) -> PyResult<Self> {
        PyByteArray::from(value)
    }
}
