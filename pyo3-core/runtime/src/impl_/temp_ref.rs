//! `TempRef`: a strong reference held on the stack, never in the pool.

use std::ptr::NonNull;

use crate::ffi;
use crate::types::PyAny;

/// A strong reference owned by the current stack frame: incremented on creation,
/// decremented on drop. Used where a temporary must stay alive during a conversion without
/// the cost of the pool.
pub struct TempRef(NonNull<ffi::PyObject>);

impl TempRef {
    /// Takes a new reference to `ptr`.
    ///
    /// # Safety
    /// `ptr` must be a live object and the GIL must be held until the guard is dropped.
    #[inline]
    pub unsafe fn from_borrowed(ptr: NonNull<ffi::PyObject>) -> TempRef {
        // SAFETY: forwarded from the caller.
        unsafe { ffi::Py_INCREF(ptr.as_ptr()) };
        TempRef(ptr)
    }

    /// Takes ownership of a new reference.
    ///
    /// # Safety
    /// `ptr` must be an owned reference and the GIL must be held until the guard is dropped.
    #[inline]
    pub unsafe fn from_owned(ptr: NonNull<ffi::PyObject>) -> TempRef {
        TempRef(ptr)
    }

    /// The object, borrowed for as long as the guard lives.
    #[inline]
    pub fn as_any(&self) -> &PyAny {
        // SAFETY: the guard owns a reference for its whole life.
        unsafe { &*(self.0.as_ptr() as *const PyAny) }
    }
}

impl Drop for TempRef {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference; the GIL is held (contract of the constructors).
        unsafe { ffi::Py_DECREF(self.0.as_ptr()) };
    }
}
