//! What a `__traverse__` method receives and returns: the collector's visitor.

use std::marker::PhantomData;
use std::os::raw::{c_int, c_void};

use crate::ffi;
use crate::python::Python;
use crate::AsPyPointer;

/// The cycle collector's visitor, passed to `__traverse__`: call it on every Python object
/// the instance holds a strong reference to.
pub struct PyVisit<'p> {
    visit: ffi::visitproc,
    arg: *mut c_void,
    _py: PhantomData<Python<'p>>,
}

/// The error a visit returned; `__traverse__` passes it on with `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PyTraverseError(pub(crate) c_int);

impl std::fmt::Display for PyTraverseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cycle collector visit failed with code {}", self.0)
    }
}

impl std::error::Error for PyTraverseError {}

impl PyVisit<'_> {
    /// Visits `obj` (nothing for `None` or a null pointer).
    pub fn call<T: AsPyPointer + ?Sized>(&self, obj: &T) -> Result<(), PyTraverseError> {
        let ptr = obj.as_ptr();
        if ptr.is_null() {
            return Ok(());
        }
        // SAFETY: `visit` and `arg` are the collector's, valid for this traversal; `ptr`
        // is a live object the instance holds.
        match unsafe { (self.visit)(ptr, self.arg) } {
            0 => Ok(()),
            code => Err(PyTraverseError(code)),
        }
    }

    /// The visitor of one `tp_traverse` call.
    ///
    /// # Safety
    /// `visit` and `arg` are those the collector passed to `tp_traverse`, and the value
    /// lives only for that call.
    #[doc(hidden)]
    pub unsafe fn from_raw(visit: ffi::visitproc, arg: *mut c_void) -> Self {
        PyVisit {
            visit,
            arg,
            _py: PhantomData,
        }
    }
}
