//! Python callables made from plain Rust functions over the raw C API, for tests of the
//! runtime that must not depend on `#[pyfunction]`: a "scoped" one behaves like a generated
//! trampoline (own pool scope, panics become `PanicException`), a "bare" one like the fast
//! path that opens no scope and gets no token.

#![allow(dead_code)]

use std::ffi::{c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PanicException;
use pyo3::ffi;
use pyo3::gil::PoolScope;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A body run with a token and the positional arguments, inside its own pool scope.
pub type ScopedBody = for<'py> fn(Python<'py>, &'py PyTuple) -> PyResult<PyObject>;

/// A body run with no token and no scope; it must take the GIL itself to create references.
pub type BareBody = fn(Py<PyTuple>) -> PyResult<PyObject>;

/// A Python callable that runs `body` in a fresh pool scope.
pub fn scoped<'py>(py: Python<'py>, name: &'static CStr, body: ScopedBody) -> &'py PyAny {
    make(py, name, scoped_trampoline, body as usize)
}

/// A Python callable that runs `body` without a token or a pool scope.
pub fn bare<'py>(py: Python<'py>, name: &'static CStr, body: BareBody) -> &'py PyAny {
    make(py, name, bare_trampoline, body as usize)
}

fn make<'py>(
    py: Python<'py>,
    name: &'static CStr,
    meth: ffi::PyCFunction,
    body: usize,
) -> &'py PyAny {
    // Leaked on purpose: CPython keeps pointing at the definition for the function's life.
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer { PyCFunction: meth },
        ml_flags: ffi::METH_VARARGS,
        ml_doc: std::ptr::null(),
    }));
    // SAFETY: the GIL is held; the function's `self` is an int holding the body's address,
    // and both results are new references (or null with an error set).
    unsafe {
        let address: &PyAny = py.from_owned_ptr(ffi::PyLong_FromVoidPtr(body as *mut c_void));
        py.from_owned_ptr(ffi::PyCFunction_NewEx(
            def,
            address.as_ptr(),
            std::ptr::null_mut(),
        ))
    }
}

/// Reads the body's address back out of the function's `self`.
///
/// # Safety
/// `slf` must be the int made by `make`.
unsafe fn body_address(slf: *mut ffi::PyObject) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyLong_AsVoidPtr(slf) as usize }
}

/// Turns a body's outcome into the C convention: a new reference, or null with the error
/// (or a `PanicException` for a panic) set.
fn finish(py: Python<'_>, outcome: std::thread::Result<PyResult<PyObject>>) -> *mut ffi::PyObject {
    let err = match outcome {
        Ok(Ok(value)) => return value.into_ptr(),
        Ok(Err(err)) => err,
        Err(payload) => PanicException::from_panic_payload(payload),
    };
    err.restore(py);
    std::ptr::null_mut()
}

unsafe extern "C" fn scoped_trampoline(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls us with the GIL held; the scope closes before we return; `slf`
    // is ours and `args` is the argument tuple, alive for the call.
    unsafe {
        let _scope = PoolScope::open();
        let py = Python::assume_gil_acquired();
        let body: ScopedBody = std::mem::transmute::<usize, ScopedBody>(body_address(slf));
        let args: &PyTuple = py.from_borrowed_ptr(args);
        finish(py, catch_unwind(AssertUnwindSafe(|| body(py, args))))
    }
}

unsafe extern "C" fn bare_trampoline(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls us with the GIL held; `slf` is ours and `args` the argument
    // tuple. No token reaches the body, only an owned handle.
    unsafe {
        let py = Python::assume_gil_acquired();
        let body: BareBody = std::mem::transmute::<usize, BareBody>(body_address(slf));
        let args: Py<PyTuple> = Py::from_borrowed_ptr(py, args);
        finish(py, catch_unwind(AssertUnwindSafe(|| body(args))))
    }
}
