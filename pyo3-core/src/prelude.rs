//! The items most code needs: `use pyo3::prelude::*;`.

pub use crate::conversion::{FromPyObject, IntoPy, PyTryFrom, PyTryInto, ToPyObject};
pub use crate::err::{PyErr, PyResult};
pub use crate::instance::{Py, PyObject};
pub use crate::pycell::{PyBorrowedIter, PyCell, PyRef, PyRefMut};
pub use crate::python::Python;
pub use crate::types::{PyAny, PyModule};
pub use crate::AsPyPointer;
pub use crate::{wrap_pyfunction, wrap_pymodule};

#[cfg(feature = "macros")]
pub use pyo3_macros::{pyclass, pyfunction, pymethods, pymodule, FromPyObject};
