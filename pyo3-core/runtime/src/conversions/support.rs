//! Helpers shared by the conversions: calls that hand back owned references without
//! touching the pool, and Python objects looked up once per interpreter.

use std::ffi::CStr;

use crate::conversion::IntoPy;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::{PyAny, PyString, PyTuple};

/// `callable(*args)`, as an owned reference.
pub(crate) fn call(
    py: Python<'_>,
    callable: &PyAny,
    args: impl IntoPy<Py<PyTuple>>,
) -> PyResult<PyObject> {
    let args = args.into_py(py);
    // SAFETY: both are valid objects; the result is a new reference or null with an error.
    unsafe {
        PyObject::from_owned_ptr_or_err(
            py,
            ffi::PyObject_Call(callable.as_ptr(), args.as_ptr(), std::ptr::null_mut()),
        )
    }
}

/// `obj.name()`, as an owned reference.
pub(crate) fn call_method0(py: Python<'_>, obj: &PyAny, name: &PyString) -> PyResult<PyObject> {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: both are valid objects; the result is a new reference or null with an error.
    unsafe {
        PyObject::from_owned_ptr_or_err(
            py,
            ffi::PyObject_CallMethodNoArgs(obj.as_ptr(), name.as_ptr()),
        )
    }
    #[cfg(Py_LIMITED_API)]
    {
        let method = getattr(py, obj, name)?;
        // SAFETY: `method` is valid; a null argument tuple means no arguments.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                ffi::PyObject_CallObject(method.as_ptr(), std::ptr::null_mut()),
            )
        }
    }
}

/// `callable(*args, **kwargs)`, as an owned reference.
#[cfg(Py_LIMITED_API)]
pub(crate) fn call_with_kwargs(
    py: Python<'_>,
    callable: &PyAny,
    args: impl IntoPy<Py<PyTuple>>,
    kwargs: &PyAny,
) -> PyResult<PyObject> {
    let args = args.into_py(py);
    // SAFETY: all are valid objects; the result is a new reference or null with an error.
    unsafe {
        PyObject::from_owned_ptr_or_err(
            py,
            ffi::PyObject_Call(callable.as_ptr(), args.as_ptr(), kwargs.as_ptr()),
        )
    }
}

/// `obj.name`, as an owned reference.
pub(crate) fn getattr(py: Python<'_>, obj: &PyAny, name: &PyString) -> PyResult<PyObject> {
    // SAFETY: both are valid objects; the result is a new reference or null with an error.
    unsafe {
        PyObject::from_owned_ptr_or_err(py, ffi::PyObject_GetAttr(obj.as_ptr(), name.as_ptr()))
    }
}

/// An attribute of a module (a class, a constant), imported on first use and kept for the
/// life of the interpreter.
pub(crate) struct ModuleAttr {
    module: &'static CStr,
    name: &'static CStr,
    value: GILOnceCell<PyObject>,
}

impl ModuleAttr {
    /// Describes `module.name`; nothing is imported yet.
    pub(crate) const fn new(module: &'static CStr, name: &'static CStr) -> Self {
        ModuleAttr {
            module,
            name,
            value: GILOnceCell::new(),
        }
    }

    /// The attribute, imported on first use.
    pub(crate) fn get<'py>(&'py self, py: Python<'py>) -> PyResult<&'py PyAny> {
        let value = self.value.get_or_try_init(py, || {
            // SAFETY: the name is NUL-terminated; the result is a new reference or null.
            let module = unsafe {
                PyObject::from_owned_ptr_or_err(
                    py,
                    ffi::PyImport_ImportModule(self.module.as_ptr()),
                )
            }?;
            // SAFETY: `module` is a valid object and the name NUL-terminated.
            unsafe {
                PyObject::from_owned_ptr_or_err(
                    py,
                    ffi::PyObject_GetAttrString(module.as_ptr(), self.name.as_ptr()),
                )
            }
        })?;
        Ok(value.as_any(py))
    }
}

/// An error report of `anyhow` or `eyre` as a `PyErr`. A report that only wraps a `PyErr`
/// (`is_bare`: no context added, so no source) gives that exception back, which
/// `into_pyerr` (the report's `downcast::<PyErr>`) recovers; anything else becomes
/// `RuntimeError` with the report's debug form (the message and its chain of causes).
#[cfg(any(feature = "anyhow", feature = "eyre"))]
pub(crate) fn report_to_pyerr<R: std::fmt::Debug>(
    report: R,
    is_bare: bool,
    into_pyerr: fn(R) -> Result<crate::PyErr, R>,
) -> crate::PyErr {
    let report = if is_bare {
        match into_pyerr(report) {
            Ok(err) => return err,
            Err(report) => report,
        }
    } else {
        report
    };
    crate::exceptions::PyRuntimeError::new_err(format!("{report:?}"))
}
