//! Functions made at run time: `PyCFunction::new_closure`, `new_with_keywords`, `new`.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::function::PyFunctionArguments;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

/// A raw `METH_VARARGS | METH_KEYWORDS` C function: returns `(args, kwargs)`.
unsafe extern "C" fn raw_args_kwargs(
    _slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let kwargs = if kwargs.is_null() {
        // SAFETY: Py_None is a valid object.
        unsafe { ffi::Py_None() }
    } else {
        kwargs
    };
    // SAFETY: both are live objects; BuildValue's "(OO)" takes new references.
    unsafe { ffi::PyTuple_Pack(2, args, kwargs) }
}

/// A raw `METH_NOARGS` C function returning `None`.
unsafe extern "C" fn raw_noargs(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: Py_None is a valid object; we return a new reference.
    unsafe {
        let none = ffi::Py_None();
        ffi::Py_IncRef(none);
        none
    }
}

pub fn register_closures(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    let total = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let counter = PyCFunction::new_closure(
        py,
        Some("accumulate"),
        Some("Adds its positional arguments to a running total."),
        move |args: &PyTuple, kwargs: Option<&PyDict>| -> PyResult<i64> {
            if kwargs.is_some_and(|k| !k.is_empty()) {
                return Err(pyo3::exceptions::PyTypeError::new_err("no keywords"));
            }
            let mut sum = 0;
            for item in args.iter() {
                sum += item.extract::<i64>()?;
            }
            Ok(total.fetch_add(sum, std::sync::atomic::Ordering::SeqCst) + sum)
        },
    )?;
    m.add("accumulate", counter)?;

    let panicking = PyCFunction::new_closure(
        py,
        None,
        None,
        |_: &PyTuple, _: Option<&PyDict>| -> PyResult<()> { panic!("closure panicked") },
    )?;
    m.add("panicking", panicking)?;

    let kwargs_echo = PyCFunction::new_closure(
        py,
        Some("kwargs_echo"),
        None,
        |args: &PyTuple, kwargs: Option<&PyDict>| -> (PyObject, PyObject) {
            let py = args.py();
            (args.into_py(py), kwargs.into_py(py))
        },
    )?;
    m.add("kwargs_echo", kwargs_echo)?;

    let raw = PyCFunction::new_with_keywords(
        raw_args_kwargs,
        "raw_args_kwargs",
        "Returns (args, kwargs).",
        PyFunctionArguments::PyModule(m),
    )?;
    m.add("raw_args_kwargs", raw)?;
    let noargs = PyCFunction::new(raw_noargs, "raw_noargs\0", "\0", py.into())?;
    m.add("raw_noargs", noargs)?;
    Ok(())
}

#[pymodule]
pub fn closures(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    register_closures(py, m)
}
