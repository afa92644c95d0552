//! The runtime's part of the prelude; `pyo3::prelude` adds the macros.

pub use crate::conversion::{FromPyObject, IntoPy, PyTryFrom, PyTryInto, ToPyObject};
pub use crate::err::{PyErr, PyResult};
pub use crate::instance::{Py, PyObject};
pub use crate::pycell::{PyBorrowedIter, PyCell, PyRef, PyRefMut};
pub use crate::python::Python;
pub use crate::types::{PyAny, PyModule};
pub use crate::AsPyPointer;
pub use crate::{wrap_pyfunction, wrap_pymodule};
