//! `PyMemoryView`: Python's `memoryview`.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::types::PyAny;

/// Python's `memoryview`: a view of another object's buffer.
#[repr(transparent)]
pub struct PyMemoryView(PyAny);

crate::pyobject_native_type!(
    PyMemoryView,
    ffi::PyMemoryView_Type,
    "memoryview",
    check = ffi::PyMemoryView_Check
);

impl PyMemoryView {
    /// `memoryview(src)`; fails with `TypeError` if `src` does not support the buffer
    /// protocol.
    pub fn from(src: &PyAny) -> PyResult<&PyMemoryView> {
        // SAFETY: `src` is valid; the result is a new reference or null with an error set.
        unsafe {
            src.py()
                .from_owned_ptr_or_err(ffi::PyMemoryView_FromObject(src.as_ptr()))
        }
    }
}

impl<'py> TryFrom<&'py PyAny> for &'py PyMemoryView {
    type Error = PyErr;

    /// `memoryview(value)`, as [`PyMemoryView::from`].
    fn try_from(value: &'py PyAny) -> PyResult<Self> {
        PyMemoryView::from(value)
    }
}
