//! The per-parameter extraction helpers that generated code calls, and the compile-time
//! probes that decide whether a call needs a pool scope.

use super::errors::{argument_extraction_error, unfilled_slot};
use super::raw::new_dict;
use super::{FastcallArgs, VarArgs};
use crate::conversion::FromPyObject;
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Extracts a parameter's value, naming the parameter in a `TypeError`.
#[inline(always)]
pub fn extract_argument<'a, T: FromPyObject<'a>>(
    obj: &'a PyAny,
    name: &'static str,
) -> PyResult<T> {
    match T::extract(obj) {
        Ok(value) => Ok(value),
        Err(err) => Err(argument_extraction_error(obj.py(), name, err)),
    }
}

/// Extracts a required parameter (matching guarantees its slot is filled).
#[inline(always)]
pub fn extract_required<'a, T: FromPyObject<'a>>(
    slot: Option<&'a PyAny>,
    name: &'static str,
) -> PyResult<T> {
    match slot {
        Some(obj) => extract_argument(obj, name),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts a parameter with a default; `default` runs only when the argument is absent.
#[inline(always)]
pub fn extract_optional<'a, T: FromPyObject<'a>, D: FnOnce() -> T>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    default: D,
) -> PyResult<T> {
    match slot {
        Some(obj) => extract_argument(obj, name),
        None => Ok(default()),
    }
}

/// Extracts a required parameter with a `from_py_with` function.
#[inline(always)]
pub fn extract_required_with<'a, T, F: FnOnce(&'a PyAny) -> PyResult<T>>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    extractor: F,
) -> PyResult<T> {
    match slot {
        Some(obj) => extractor(obj).map_err(|err| argument_extraction_error(obj.py(), name, err)),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts a parameter with a default with a `from_py_with` function.
#[inline(always)]
pub fn extract_optional_with<'a, T, F, D>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    extractor: F,
    default: D,
) -> PyResult<T>
where
    F: FnOnce(&'a PyAny) -> PyResult<T>,
    D: FnOnce() -> T,
{
    match slot {
        Some(obj) => extractor(obj).map_err(|err| argument_extraction_error(obj.py(), name, err)),
        None => Ok(default()),
    }
}

/// Extracts the `*args` parameter from the tuple of surplus positional arguments.
pub fn extract_varargs<'a, T: FromPyObject<'a>>(
    var: &'a VarArgs,
    name: &'static str,
) -> PyResult<T> {
    match &var.args {
        Some(tuple) => extract_argument(tuple.as_any(), name),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts the `**kwargs` parameter: `None` (for `Option<&PyDict>`) when the call had no
/// surplus keywords, else the dict. A type that cannot take `None` gets an empty dict.
pub fn extract_varkwargs<'a, T: FromPyObject<'a>>(
    py: Python<'a>,
    var: &'a VarArgs,
    name: &'static str,
) -> PyResult<T> {
    match &var.kwargs {
        Some(dict) => extract_argument(dict.as_any(), name),
        None => {
            // SAFETY: `None` is a static object.
            let none = unsafe { &*ffi::Py_None().cast::<PyAny>() };
            match T::extract(none) {
                Ok(value) => Ok(value),
                Err(_) => {
                    if var.empty_kwargs.get().is_none() {
                        let _ = var.empty_kwargs.set(new_dict(py)?);
                    }
                    match var.empty_kwargs.get() {
                        Some(dict) => extract_argument(dict.as_any(), name),
                        None => Err(unfilled_slot(name)),
                    }
                }
            }
        }
    }
}

/// Extracts the module a `pass_module` function receives as its first parameter.
pub fn extract_module<'a, T: FromPyObject<'a>>(call: &FastcallArgs<'a>) -> PyResult<T> {
    match call.module() {
        Some(module) => T::extract(module),
        None => Err(PyTypeError::new_err(
            "this function takes its module (`pass_module`) but was created without one",
        )),
    }
}

/// Compile-time probe used by generated code to decide whether a call needs a pool scope:
/// `ArgumentProbe::<T>::GIL_INDEPENDENT` is `T`'s constant when `T: FromPyObject`, and
/// `false` (through [`ProbeFallback`]) when it is not, so that a type that cannot be
/// extracted is reported once, by the extraction itself.
pub struct ArgumentProbe<T>(std::marker::PhantomData<T>);

impl<T: FromPyObject<'static>> ArgumentProbe<T> {
    /// Whether extracting `T` can hand out GIL-bound references.
    pub const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}

/// The fallback of the compile-time probes: not GIL-independent.
pub trait ProbeFallback {
    /// The conservative answer: the call needs a pool scope.
    const GIL_INDEPENDENT: bool = false;
}

impl<T> ProbeFallback for ArgumentProbe<T> {}
