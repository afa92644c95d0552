//! Raw CPython C-API declarations: everything of `pyo3-ffi`, plus what it lacks.
#![allow(non_snake_case, non_camel_case_types, non_upper_case_globals)]

pub use pyo3_ffi::*;

#[cfg(all(Py_3_10, not(any(PyPy, GraalPy, Py_LIMITED_API))))]
mod pyerrors;
#[cfg(all(Py_3_10, not(any(PyPy, GraalPy, Py_LIMITED_API))))]
pub use pyerrors::*;

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
mod complexobject;
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
pub use complexobject::*;

#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
mod dictobject;
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
pub use dictobject::*;

mod object;
#[allow(unused_imports)]
pub use object::*;

mod pystate;
#[allow(unused_imports)]
pub use pystate::*;
