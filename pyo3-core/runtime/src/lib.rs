//! The runtime of pyo3-core: everything but the proc-macros. Users depend on `pyo3-core`
//! (library `pyo3`), which re-exports this crate and the macros; see that crate's
//! documentation. The split lets this crate compile while syn and the macros do.

#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
pub mod buffer;
pub mod conversion;
pub mod conversions;
pub mod err;
pub mod exceptions;
pub mod gil;
#[doc(hidden)]
pub mod impl_;
mod instance;
/// Where PyO3 0.20's examples import `IterNextOutput` from.
pub mod iter {
    pub use crate::pyclass::{IterNextOutput, PyIterNextOutput};
}
#[macro_use]
mod macros;
pub mod marker;
pub mod prelude;
mod py_run;
pub mod pycell;
pub mod pyclass;
mod python;
pub mod sync;
pub mod type_object;
pub mod types;

/// The raw C API (the `pyo3-ffi` declarations plus additions).
pub use pyo3_ffi_sys as ffi;

pub use crate::conversion::{
    AsPyPointer, FromPyObject, FromPyPointer, IntoPy, IntoPyPointer, PyTryFrom, PyTryInto,
    ToPyObject,
};
pub use crate::err::{PyDowncastError, PyErr, PyErrArguments, PyResult};
pub use crate::gil::{prepare_freethreaded_python, with_embedded_python_interpreter, GILPool};
pub use crate::instance::{Py, PyObject};
pub use crate::pycell::{PyBorrowedIter, PyCell, PyRef, PyRefMut};
pub use crate::pyclass::{PyClass, PyTraverseError, PyVisit};
pub use crate::python::{Python, PythonVersionInfo, Ungil};
pub use crate::type_object::{PyNativeType, PyTypeCheck, PyTypeInfo};
pub use crate::types::PyAny;
