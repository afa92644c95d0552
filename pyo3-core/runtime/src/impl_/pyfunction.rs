//! The runtime half of `#[pyfunction]`: the trait each generated function implements, the
//! one generic C trampoline per function, and the static method definition that
//! `wrap_pyfunction!` turns into a function object.

use std::ffi::CStr;

use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::impl_::extract_argument::FastcallArgs;
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
use crate::impl_::extract_argument::VectorcallLayout;
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::function::PyFunctionArguments;
use crate::types::PyCFunction;

/// Implemented by `#[pyfunction]` for a marker type per function.
pub trait PyFunctionImpl {
    /// Whether a call must open a pool scope: the function takes a `Python` token, a
    /// GIL-bound reference or the module, or returns something whose conversion may park
    /// references. Computed at compile time from the signature's types.
    const NEEDS_POOL: bool;

    /// Matches the arguments, calls the Rust function and converts its result.
    fn call<'py>(py: Python<'py>, args: FastcallArgs<'py>) -> PyResult<PyObject>;
}

/// The C entry point of every `#[pyfunction]` (`METH_FASTCALL | METH_KEYWORDS`).
///
/// # Safety
/// Called by CPython only, with the GIL held and a valid vectorcall argument array.
pub unsafe extern "C" fn fastcall_trampoline<T: PyFunctionImpl>(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython holds the GIL and passes a valid call; the borrowed arguments live
    // for the whole call, which the body cannot outlive.
    unsafe {
        trampoline::run(T::NEEDS_POOL, |py| {
            T::call(py, FastcallArgs::from_raw(slf, args, nargs, kwnames))
        })
    }
}

/// The C entry point where the limited API lacks `METH_FASTCALL` (abi3 below 3.10): the
/// tuple and dict are laid out as a vectorcall first.
///
/// # Safety
/// Called by CPython only, with the GIL held, a tuple and a dict or null.
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
pub unsafe extern "C" fn varargs_trampoline<T: PyFunctionImpl>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython holds the GIL and passes a tuple and a dict (or null).
    unsafe {
        trampoline::run(T::NEEDS_POOL, |py| {
            let layout = VectorcallLayout::new(py, args, kwargs)?;
            T::call(py, layout.args(slf))
        })
    }
}

/// The static definition of one `#[pyfunction]`: CPython keeps a pointer to the method
/// definition for the life of every function object made from it.
pub struct PyFunctionDef {
    method: ffi::PyMethodDef,
    needs_module: bool,
}

// SAFETY: the definition is immutable after construction and CPython only reads it; the raw
// pointers it holds point to static strings.
unsafe impl Sync for PyFunctionDef {}

impl PyFunctionDef {
    /// The definition of the function implemented by `T`. `name` and `doc` must end with a
    /// NUL byte and contain no other (checked at compile time); `doc` carries the text
    /// signature (`name(a, b=1)\n--\n\n`) and the docstring.
    pub const fn new<T: PyFunctionImpl>(
        name: &'static str,
        doc: &'static str,
        needs_module: bool,
    ) -> Self {
        let name = const_cstr(name);
        let doc = const_cstr(doc);
        PyFunctionDef {
            method: ffi::PyMethodDef {
                ml_name: name.as_ptr(),
                ml_meth: method_pointer::<T>(),
                ml_flags: CALL_FLAGS,
                ml_doc: if doc.is_empty() {
                    std::ptr::null()
                } else {
                    doc.as_ptr()
                },
            },
            needs_module,
        }
    }

    /// The method definition, for `PyCFunction_NewEx`.
    pub fn method_def(&'static self) -> &'static ffi::PyMethodDef {
        &self.method
    }
}

#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
pub(crate) const CALL_FLAGS: std::os::raw::c_int = ffi::METH_FASTCALL | ffi::METH_KEYWORDS;
#[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
pub(crate) const CALL_FLAGS: std::os::raw::c_int = ffi::METH_VARARGS | ffi::METH_KEYWORDS;

#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
pub(crate) const fn method_pointer<T: PyFunctionImpl>() -> ffi::PyMethodDefPointer {
    ffi::PyMethodDefPointer {
        PyCFunctionFastWithKeywords: fastcall_trampoline::<T>,
    }
}

#[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
pub(crate) const fn method_pointer<T: PyFunctionImpl>() -> ffi::PyMethodDefPointer {
    ffi::PyMethodDefPointer {
        PyCFunctionWithKeywords: varargs_trampoline::<T>,
    }
}

/// A NUL-terminated `&str` as a `CStr`, checked at compile time when used in a `const`.
pub const fn const_cstr(text: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(text.as_bytes()) {
        Ok(cstr) => cstr,
        Err(_) => panic!("a name or docstring contains a NUL byte or lacks the final one"),
    }
}

/// Creates the function object for `def`, bound to a module or free-standing
/// (`wrap_pyfunction!`).
pub fn wrap_pyfunction<'a>(
    def: &'static PyFunctionDef,
    py_or_module: impl Into<PyFunctionArguments<'a>>,
) -> PyResult<&'a PyCFunction> {
    let (py, module) = py_or_module.into().into_py_and_maybe_module();
    if def.needs_module && module.is_none() {
        let name = const_name(def);
        return Err(PyTypeError::new_err(format!(
            "`{name}` takes its module (`pass_module`): create it with \
             `wrap_pyfunction!({name}, module)`"
        )));
    }
    PyCFunction::internal_new(py, def.method_def(), module)
}

fn const_name(def: &'static PyFunctionDef) -> &'static str {
    // SAFETY: `ml_name` was built from a `&'static CStr` in `PyFunctionDef::new`.
    unsafe { CStr::from_ptr(def.method.ml_name) }
        .to_str()
        .unwrap_or("?")
}

/// Stands in for a function whose `#[pyfunction]` failed to expand, so that code naming it
/// still type-checks while the macro's error is reported.
pub struct Stub;

impl PyFunctionImpl for Stub {
    const NEEDS_POOL: bool = false;

    fn call<'py>(_py: Python<'py>, _args: FastcallArgs<'py>) -> PyResult<PyObject> {
        Err(crate::exceptions::PySystemError::new_err(
            "this function failed to compile",
        ))
    }
}
