//! `PyCFunction` (built-in functions, including every `#[pyfunction]`) and `PyFunction`
//! (functions written in Python).

use std::ffi::{CStr, CString};
use std::os::raw::c_void;
use std::panic::{self, AssertUnwindSafe};

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::callback::CallbackOutput;
use crate::impl_::trampoline;
use crate::python::Python;
use crate::types::{PyAny, PyDict, PyModule, PyTuple};

/// A built-in function object (`builtin_function_or_method`): what `#[pyfunction]`,
/// closures and raw C functions become in Python.
#[repr(transparent)]
pub struct PyCFunction(PyAny);

crate::pyobject_native_type!(
    PyCFunction,
    ffi::PyCFunction_Type,
    "builtin_function_or_method",
    check = ffi::PyCFunction_Check
);

/// Where a new function lives: free-standing (a token) or in a module, which becomes its
/// `__module__` and, for `pass_module` functions, their first argument.
#[derive(Clone, Copy)]
pub enum PyFunctionArguments<'a> {
    /// No module.
    Python(Python<'a>),
    /// Bound to this module.
    PyModule(&'a PyModule),
}

impl<'a> PyFunctionArguments<'a> {
    /// The token, and the module if there is one.
    pub fn into_py_and_maybe_module(self) -> (Python<'a>, Option<&'a PyModule>) {
        match self {
            PyFunctionArguments::Python(py) => (py, None),
            PyFunctionArguments::PyModule(module) => (module.py(), Some(module)),
        }
    }
}

impl<'a> From<Python<'a>> for PyFunctionArguments<'a> {
    fn from(py: Python<'a>) -> Self {
        PyFunctionArguments::Python(py)
    }
}

impl<'a> From<&'a PyModule> for PyFunctionArguments<'a> {
    fn from(module: &'a PyModule) -> Self {
        PyFunctionArguments::PyModule(module)
    }
}

impl PyCFunction {
    /// A function from a raw C function taking `(self, args, kwargs)`
    /// (`METH_VARARGS | METH_KEYWORDS`).
    ///
    /// The method definition CPython needs is leaked, so create such functions once (at
    /// module initialisation), not per call.
    pub fn new_with_keywords<'a>(
        fun: ffi::PyCFunctionWithKeywords,
        name: &'static str,
        doc: &'static str,
        py_or_module: PyFunctionArguments<'a>,
    ) -> PyResult<&'a PyCFunction> {
        let meth = ffi::PyMethodDefPointer {
            PyCFunctionWithKeywords: fun,
        };
        let flags = ffi::METH_VARARGS | ffi::METH_KEYWORDS;
        Self::new_leaked(name, doc, meth, flags, py_or_module)
    }

    /// A function from a raw C function taking no arguments (`METH_NOARGS`).
    ///
    /// The method definition is leaked, as for [`PyCFunction::new_with_keywords`].
    pub fn new<'a>(
        fun: ffi::PyCFunction,
        name: &'static str,
        doc: &'static str,
        py_or_module: PyFunctionArguments<'a>,
    ) -> PyResult<&'a PyCFunction> {
        let meth = ffi::PyMethodDefPointer { PyCFunction: fun };
        Self::new_leaked(name, doc, meth, ffi::METH_NOARGS, py_or_module)
    }

    /// A function from a method definition made of these parts and leaked, since CPython
    /// keeps a pointer to it for the function's life.
    fn new_leaked<'a>(
        name: &'static str,
        doc: &'static str,
        meth: ffi::PyMethodDefPointer,
        flags: std::os::raw::c_int,
        py_or_module: PyFunctionArguments<'a>,
    ) -> PyResult<&'a PyCFunction> {
        let def = Box::leak(Box::new(ffi::PyMethodDef {
            ml_name: leaked_cstr(name)?.as_ptr(),
            ml_meth: meth,
            ml_flags: flags,
            ml_doc: doc_ptr(leaked_cstr(doc)?),
        }));
        let (py, module) = py_or_module.into_py_and_maybe_module();
        Self::internal_new(py, def, module)
    }

    /// A function that calls a Rust closure with the call's `args` tuple and `kwargs` dict.
    ///
    /// The closure, its name and doc live as long as the function object and are freed
    /// with it. Panics inside become `PanicException`.
    ///
    /// ```
    /// use pyo3::prelude::*;
    /// use pyo3::types::{PyCFunction, PyDict, PyTuple};
    ///
    /// Python::with_gil(|py| {
    ///     let add_one = PyCFunction::new_closure(py, Some("add_one"), None,
    ///         |args: &PyTuple, _kwargs: Option<&PyDict>| -> PyResult<i64> {
    ///             Ok(args.get_item(0)?.extract::<i64>()? + 1)
    ///         },
    ///     ).unwrap();
    ///     let three: i64 = add_one.call1((2,)).unwrap().extract().unwrap();
    ///     assert_eq!(three, 3);
    /// });
    /// ```
    pub fn new_closure<'a, F, R>(
        py: Python<'a>,
        name: Option<&'static str>,
        doc: Option<&'static str>,
        closure: F,
    ) -> PyResult<&'a PyCFunction>
    where
        F: Fn(&PyTuple, Option<&PyDict>) -> R + Send + 'static,
        R: CallbackOutput,
    {
        let name = c_string(name.unwrap_or("pyo3-closure"))?;
        let doc = c_string(doc.unwrap_or(""))?;
        let data = Box::new(ClosureData {
            def: ffi::PyMethodDef {
                ml_name: std::ptr::null(),
                ml_meth: ffi::PyMethodDefPointer {
                    PyCFunctionWithKeywords: closure_trampoline::<F, R>,
                },
                ml_flags: ffi::METH_VARARGS | ffi::METH_KEYWORDS,
                ml_doc: std::ptr::null(),
            },
            name,
            doc,
            closure,
        });
        let data = Box::into_raw(data);
        // SAFETY: `data` is a fresh, exclusively owned allocation; the strings it points to
        // are owned by the same allocation and never move (they are heap buffers).
        unsafe {
            (*data).def.ml_name = (*data).name.as_ptr();
            (*data).def.ml_doc = doc_ptr(&(*data).doc);
        }
        // SAFETY: the capsule takes ownership of `data` and frees it in its destructor;
        // on failure we free it here.
        let capsule = unsafe {
            ffi::PyCapsule_New(
                data.cast::<c_void>(),
                CLOSURE_CAPSULE.as_ptr(),
                Some(drop_closure::<F>),
            )
        };
        if capsule.is_null() {
            // SAFETY: the capsule was not created, so we still own `data`.
            drop(unsafe { Box::from_raw(data) });
            return Err(PyErr::fetch(py));
        }
        // SAFETY: `capsule` is an owned reference; the function object takes its own
        // reference to it (as `self`), which keeps the method definition alive.
        unsafe {
            let capsule =
                crate::impl_::TempRef::from_owned(std::ptr::NonNull::new_unchecked(capsule));
            let function = ffi::PyCFunction_NewEx(
                std::ptr::addr_of_mut!((*data).def),
                capsule.as_any().as_ptr(),
                std::ptr::null_mut(),
            );
            py.from_owned_ptr_or_err(function)
        }
    }

    /// Creates a function object from a static method definition, bound to `module` if
    /// given (used by `wrap_pyfunction!`).
    #[doc(hidden)]
    pub fn internal_new<'a>(
        py: Python<'a>,
        method_def: &'static ffi::PyMethodDef,
        module: Option<&'a PyModule>,
    ) -> PyResult<&'a PyCFunction> {
        let (slf, module_name) = match module {
            Some(module) => {
                // SAFETY: `module` is a module; the result is a new reference or null.
                let name = unsafe { ffi::PyModule_GetNameObject(module.as_ptr()) };
                let name = std::ptr::NonNull::new(name).ok_or_else(|| PyErr::fetch(py))?;
                // SAFETY: an owned reference, released when the guard drops.
                (
                    module.as_ptr(),
                    Some(unsafe { crate::impl_::TempRef::from_owned(name) }),
                )
            }
            None => (std::ptr::null_mut(), None),
        };
        let module_name_ptr = module_name
            .as_ref()
            .map_or(std::ptr::null_mut(), |n| n.as_any().as_ptr());
        // SAFETY: the definition is static (CPython never writes it); `slf` and the name
        // are live or null; the result is a new reference or null.
        unsafe {
            let function = ffi::PyCFunction_NewEx(
                method_def as *const ffi::PyMethodDef as *mut ffi::PyMethodDef,
                slf,
                module_name_ptr,
            );
            py.from_owned_ptr_or_err(function)
        }
    }
}

/// The capsule name that marks closure data.
const CLOSURE_CAPSULE: &CStr = c"pyo3-core.closure";

/// A closure and the method definition of its function object, in one allocation owned by
/// the capsule that is the function's `self`.
struct ClosureData<F> {
    def: ffi::PyMethodDef,
    name: CString,
    doc: CString,
    closure: F,
}

/// # Safety
/// Called by CPython with the GIL held; `capsule` is the closure capsule.
unsafe extern "C" fn closure_trampoline<F, R>(
    capsule: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject
where
    F: Fn(&PyTuple, Option<&PyDict>) -> R + Send + 'static,
    R: CallbackOutput,
{
    // SAFETY: the GIL is held; `capsule` holds a `ClosureData<F>` that outlives the call
    // (the function object keeps the capsule alive); `args` is a tuple and `kwargs` a dict
    // or null, both alive for the call.
    unsafe {
        trampoline::run(true, |py| {
            let data = ffi::PyCapsule_GetPointer(capsule, CLOSURE_CAPSULE.as_ptr());
            if data.is_null() {
                return Err(PyErr::fetch(py));
            }
            let data = &*data.cast::<ClosureData<F>>();
            let args = py.from_borrowed_ptr::<PyTuple>(args);
            let kwargs = py.from_borrowed_ptr_or_opt::<PyDict>(kwargs);
            (data.closure)(args, kwargs).convert(py)
        })
    }
}

/// Frees the closure data when the capsule dies.
///
/// # Safety
/// Called by CPython on a closure capsule, with the GIL held.
unsafe extern "C" fn drop_closure<F>(capsule: *mut ffi::PyObject) {
    // SAFETY: the capsule owns the `ClosureData<F>` allocated in `new_closure`.
    let data = unsafe { ffi::PyCapsule_GetPointer(capsule, CLOSURE_CAPSULE.as_ptr()) };
    if data.is_null() {
        // SAFETY: the GIL is held; there is nothing to free and nowhere to report.
        unsafe { ffi::PyErr_Clear() };
        return;
    }
    // A panicking destructor must not unwind into CPython's deallocation.
    let dropped = panic::catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: ownership of the allocation passes back to us exactly once.
        drop(unsafe { Box::from_raw(data.cast::<ClosureData<F>>()) });
    }));
    if dropped.is_err() {
        eprintln!("pyo3-core: a closure's destructor panicked; the panic was discarded");
    }
}

/// A static C string for `text`: borrowed if it already ends with NUL, else leaked.
fn leaked_cstr(text: &'static str) -> PyResult<&'static CStr> {
    match CStr::from_bytes_with_nul(text.as_bytes()) {
        Ok(cstr) => Ok(cstr),
        Err(_) => Ok(Box::leak(c_string(text)?.into_boxed_c_str())),
    }
}

fn c_string(text: &str) -> PyResult<CString> {
    CString::new(text).map_err(|_| {
        crate::exceptions::PyValueError::new_err(format!(
            "function name or doc contains a NUL byte: {text:?}"
        ))
    })
}

/// The `ml_doc` of a method definition: no docstring (null) for an empty `doc`.
fn doc_ptr(doc: &CStr) -> *const std::os::raw::c_char {
    if doc.is_empty() {
        std::ptr::null()
    } else {
        doc.as_ptr()
    }
}

/// A function written in Python (`types.FunctionType`).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[repr(transparent)]
pub struct PyFunction(PyAny);

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
crate::pyobject_native_type!(
    PyFunction,
    ffi::PyFunction_Type,
    "function",
    check = ffi::PyFunction_Check
);
