//! The guard around every entry point that Python calls: a pool scope only when the callee
//! can create pooled references, panics caught and raised as `PanicException`, errors
//! restored into the interpreter. Nothing unwinds into C.

use std::panic::{self, AssertUnwindSafe};

use crate::err::{PyErr, PyResult};
use crate::exceptions::PanicException;
use crate::ffi;
use crate::gil::{self, PoolScope};
use crate::instance::PyObject;
use crate::python::Python;

/// Runs `body` as the implementation of a C entry point returning an object: a new
/// reference on success, null with the exception set on error or panic.
///
/// With `needs_pool` false (decided at compile time) the call touches no thread-local
/// storage: the deferred-decref check is one atomic load. With `needs_pool` true it opens
/// a *nested* pool scope, so the call's temporaries are freed when it returns even if an
/// outer scope is open (a Python loop calling this function keeps memory flat). Nesting is
/// sound here, unlike in `with_gil`: the body cannot capture an outer token or reference,
/// because entry points are plain functions or `'static + Send` closures, and the result
/// leaves as an owned pointer.
///
/// # Safety
/// The GIL must be held for the whole call (true for anything CPython calls).
#[inline(always)]
pub unsafe fn run<F>(needs_pool: bool, body: F) -> *mut ffi::PyObject
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<PyObject>,
{
    // SAFETY: the caller holds the GIL for the whole call.
    let py = unsafe { Python::assume_gil_acquired() };
    // As in `run_with`, written out so that each entry point has one closure, not two.
    let mut body = Some(body);
    let mut result = std::ptr::null_mut();
    let mut call = |py: Python<'_>| -> Option<PyErr> {
        match body.take().map(|f| f(py)) {
            Some(Ok(object)) => {
                result = object.into_ptr();
                None
            }
            Some(Err(err)) => Some(err),
            None => None,
        }
    };
    if guarded(py, needs_pool, &mut call) {
        result
    } else {
        std::ptr::null_mut()
    }
}

/// Like [`run`] for entry points with another return type: `error_value` (`-1`, null, ...)
/// is returned with the exception set when `body` fails or panics.
///
/// # Safety
/// The GIL must be held for the whole call.
#[inline(always)]
pub unsafe fn run_with<R, F>(needs_pool: bool, error_value: R, body: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<R>,
{
    // SAFETY: the caller holds the GIL for the whole call.
    let py = unsafe { Python::assume_gil_acquired() };
    // The body runs behind a `dyn FnMut`, so that the unwinding machinery around it is
    // one piece of code for all entry points instead of one copy per function (most of a
    // binding crate's compile time otherwise); inlining makes the call direct again.
    let mut body = Some(body);
    let mut value = None;
    let mut call = |py: Python<'_>| -> Option<PyErr> {
        match body.take().map(|f| f(py)) {
            Some(Ok(v)) => {
                value = Some(v);
                None
            }
            Some(Err(err)) => Some(err),
            None => None,
        }
    };
    let ok = guarded(py, needs_pool, &mut call);
    match value {
        Some(v) if ok => v,
        _ => error_value,
    }
}

/// The non-generic part of [`run_with`]: the pool scope, the panic guard, raising the
/// error, the deferred decrefs. Returns whether `body` succeeded.
#[inline(always)]
fn guarded(
    py: Python<'_>,
    needs_pool: bool,
    body: &mut dyn FnMut(Python<'_>) -> Option<PyErr>,
) -> bool {
    let scope = if needs_pool {
        // SAFETY: the GIL is held (the caller's contract); the scope closes before we
        // return, and nothing created inside escapes (the body's result is owned).
        Some(unsafe { PoolScope::open() })
    } else {
        None
    };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(py)));
    let ok = match outcome {
        Ok(None) => {
            drop(scope);
            true
        }
        Ok(Some(err)) => {
            raise(py, scope, Ok(err));
            false
        }
        Err(payload) => {
            raise(py, scope, Err(payload));
            false
        }
    };
    // Decrefs queued by threads without the GIL are applied on the way out rather than
    // in: nothing then has to survive the (rare) flush call, so the common path keeps
    // the arguments in scratch registers.
    gil::flush_deferred_decrefs(py);
    ok
}

/// Sets the exception for a failed call, inside a pool scope (restoring a lazy error may
/// create pooled references), and never lets a second panic escape.
#[cold]
#[inline(never)]
fn raise(
    py: Python<'_>,
    scope: Option<PoolScope>,
    failure: Result<PyErr, Box<dyn std::any::Any + Send>>,
) {
    let scope = scope.or_else(|| {
        // SAFETY: the GIL is held; the scope closes at the end of this function.
        Some(unsafe { PoolScope::open() })
    });
    let restored = panic::catch_unwind(AssertUnwindSafe(move || {
        let err = match failure {
            Ok(err) => err,
            Err(payload) => PanicException::from_panic_payload(payload),
        };
        err.restore(py);
    }));
    if restored.is_err() {
        // SAFETY: the GIL is held; the message is a static NUL-terminated string.
        unsafe {
            ffi::PyErr_SetString(
                ffi::PyExc_SystemError,
                c"a panic occurred while raising a Python exception".as_ptr(),
            )
        };
    }
    drop(scope);
}
