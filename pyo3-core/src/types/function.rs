//! `PyCFunction` (functions implemented in C or Rust) and `PyFunction` (functions
//! written in Python).
//!
//! Wrapping Rust closures as Python callables (`PyCFunction::new_closure`) belongs to the
//! function machinery of `#[pyfunction]`, not here.

use crate::ffi;
use crate::types::PyAny;

/// A built-in function: `builtin_function_or_method`, the type of `len` and of every
/// `#[pyfunction]`.
#[repr(transparent)]
pub struct PyCFunction(PyAny);

crate::pyobject_native_type!(
    PyCFunction,
    ffi::PyCFunction_Type,
    "builtin_function_or_method",
    check = ffi::PyCFunction_Check
);

/// A function defined in Python (`def` or `lambda`): `types.FunctionType`.
///
/// Not available under the limited API, which does not expose the type.
#[cfg(not(Py_LIMITED_API))]
#[repr(transparent)]
pub struct PyFunction(PyAny);

#[cfg(not(Py_LIMITED_API))]
crate::pyobject_native_type!(
    PyFunction,
    ffi::PyFunction_Type,
    "function",
    check = ffi::PyFunction_Check
);
