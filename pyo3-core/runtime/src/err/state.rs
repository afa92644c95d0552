//! The two shapes of a `PyErr`'s exception: lazy (type + arguments, no Python work yet)
//! and normalized (an exception instance), and moving them in and out of the interpreter.

use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::PyBaseException;

/// Builds the exception's type and constructor arguments once the GIL is available.
pub(crate) type LazyFn = dyn for<'py> FnOnce(Python<'py>) -> LazyOutput + Send + Sync;

/// The pieces of a lazy error: the exception type and the value passed to it.
pub(crate) struct LazyOutput {
    pub(crate) ptype: PyObject,
    pub(crate) pvalue: PyObject,
}

/// A lazy error before it meets the interpreter.
pub(crate) enum LazyState {
    /// Any type and arguments, built by a closure.
    Boxed(Box<LazyFn>),
    /// `SomeError::new_err("a static message")`, the most common error: stored without an
    /// allocation for the arguments, raised like `PyErr_SetString`.
    Message {
        ptype: fn(Python<'_>) -> *mut ffi::PyTypeObject,
        msg: &'static str,
    },
}

/// Sets a lazy error as the interpreter's current exception, without instantiating it
/// when the type is an exception class (Python does that on demand).
pub(crate) fn restore_lazy(py: Python<'_>, lazy: LazyState) {
    // The token proves the GIL, so both references are released directly rather than by
    // `Py::drop`, which has to ask the interpreter whether this thread holds the GIL.
    let (ptype, pvalue) = match lazy {
        LazyState::Boxed(f) => {
            let LazyOutput { ptype, pvalue } = f(py);
            (ptype.into_ptr(), pvalue.into_ptr())
        }
        LazyState::Message { ptype, msg } => {
            let ptype = ptype(py).cast::<ffi::PyObject>();
            // SAFETY: the GIL is held; a new reference or null with an error set.
            let pvalue = unsafe {
                ffi::PyUnicode_FromStringAndSize(msg.as_ptr().cast(), msg.len() as ffi::Py_ssize_t)
            };
            if pvalue.is_null() {
                // The MemoryError stands in for the exception.
                return;
            }
            // SAFETY: a type object is immortal for as long as its module is loaded; the
            // reference is released below like the boxed case's.
            unsafe { ffi::Py_IncRef(ptype) };
            (ptype, pvalue)
        }
    };
    // SAFETY: the GIL is held; both are valid objects we own one reference to. A type that
    // is not an exception class gets the `TypeError` Python's `raise` would give.
    unsafe {
        if ffi::PyExceptionClass_Check(ptype) == 0 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"exceptions must derive from BaseException".as_ptr(),
            );
        } else {
            ffi::PyErr_SetObject(ptype, pvalue);
        }
        ffi::Py_DecRef(ptype);
        ffi::Py_DecRef(pvalue);
    }
}

/// Instantiates a lazy error (running the exception's constructor).
pub(crate) fn normalize_lazy(py: Python<'_>, lazy: LazyState) -> Py<PyBaseException> {
    restore_lazy(py, lazy);
    fetch_normalized(py).expect("restoring an error sets an exception")
}

/// Sets an exception instance as the interpreter's current exception.
#[cfg(Py_3_12)]
pub(crate) fn restore_normalized(_py: Python<'_>, value: Py<PyBaseException>) {
    // SAFETY: the GIL is held; SetRaisedException steals the reference.
    unsafe { ffi::PyErr_SetRaisedException(value.into_ptr()) };
}

/// Sets an exception instance as the interpreter's current exception.
#[cfg(not(Py_3_12))]
pub(crate) fn restore_normalized(_py: Python<'_>, value: Py<PyBaseException>) {
    // SAFETY: the GIL is held; PyErr_Restore steals all three references.
    unsafe {
        let ptype = ffi::Py_TYPE(value.as_ptr()) as *mut ffi::PyObject;
        ffi::Py_IncRef(ptype);
        let tb = ffi::PyException_GetTraceback(value.as_ptr());
        ffi::PyErr_Restore(ptype, value.into_ptr(), tb);
    }
}

/// Takes the current exception as an instance, or `None` if none is set.
#[cfg(Py_3_12)]
pub(crate) fn fetch_normalized(py: Python<'_>) -> Option<Py<PyBaseException>> {
    // SAFETY: the GIL is held; the result is a new reference or null.
    unsafe { Py::from_owned_ptr_or_opt(py, ffi::PyErr_GetRaisedException()) }
}

/// Takes the current exception as an instance, or `None` if none is set.
#[cfg(not(Py_3_12))]
pub(crate) fn fetch_normalized(py: Python<'_>) -> Option<Py<PyBaseException>> {
    let mut ptype = std::ptr::null_mut();
    let mut pvalue = std::ptr::null_mut();
    let mut ptraceback = std::ptr::null_mut();
    // SAFETY: the GIL is held; Fetch hands us ownership of the three (possibly null)
    // references and Normalize replaces them with normalized ones; the traceback is kept
    // on the instance so the instance alone carries the whole exception.
    unsafe {
        ffi::PyErr_Fetch(&mut ptype, &mut pvalue, &mut ptraceback);
        if ptype.is_null() {
            return None;
        }
        ffi::PyErr_NormalizeException(&mut ptype, &mut pvalue, &mut ptraceback);
        if !ptraceback.is_null() && !pvalue.is_null() {
            ffi::PyException_SetTraceback(pvalue, ptraceback);
        }
        ffi::Py_DecRef(ptype);
        if !ptraceback.is_null() {
            ffi::Py_DecRef(ptraceback);
        }
        Py::from_owned_ptr_or_opt(py, pvalue)
    }
}

/// The interpreter's error indicator, taken out on creation and put back on drop, so that
/// internal Python calls can run while an exception is pending without disturbing it.
pub(crate) struct SavedErrorIndicator {
    #[cfg(Py_3_12)]
    raised: *mut ffi::PyObject,
    #[cfg(not(Py_3_12))]
    parts: [*mut ffi::PyObject; 3],
}

impl SavedErrorIndicator {
    /// Takes the current error indicator (possibly empty) out of the interpreter.
    pub(crate) fn take(_py: Python<'_>) -> Self {
        #[cfg(Py_3_12)]
        {
            SavedErrorIndicator {
                // SAFETY: the GIL is held (token); we own the result (or null).
                raised: unsafe { ffi::PyErr_GetRaisedException() },
            }
        }
        #[cfg(not(Py_3_12))]
        {
            let mut parts = [std::ptr::null_mut(); 3];
            // SAFETY: the GIL is held (token); we own the three results (each maybe null).
            unsafe { ffi::PyErr_Fetch(&mut parts[0], &mut parts[1], &mut parts[2]) };
            SavedErrorIndicator { parts }
        }
    }
}

impl Drop for SavedErrorIndicator {
    fn drop(&mut self) {
        // SAFETY: the indicator was taken on this thread under the GIL, which is still held
        // (the guard never leaves the GIL-holding scope that made it); restoring hands our
        // references back and replaces whatever the internal calls left behind.
        #[cfg(Py_3_12)]
        unsafe {
            ffi::PyErr_SetRaisedException(self.raised)
        };
        // SAFETY: as above.
        #[cfg(not(Py_3_12))]
        unsafe {
            ffi::PyErr_Restore(self.parts[0], self.parts[1], self.parts[2])
        };
    }
}
