//! The hidden route from generated code into the runtime. Everything macros emit names
//! `::pyo3::impl_::...` only; this module re-exports what they need.

pub mod buffer_slots;
pub mod callback;
pub mod extract_argument;
pub mod freelist;
pub mod frompyobject;
pub mod method_slots;
pub mod number_slots;
pub mod pyclass;
pub mod pyfunction;
pub mod pymethods;
pub mod pymodule;
pub mod slots;
pub mod trampoline;

mod exception_types;
mod runtime_version;
mod temp_ref;

pub use exception_types::{import_exception_type, new_exception_type};
pub use temp_ref::TempRef;

pub use crate::conversion::{FromPyObject, IntoPy};
pub use crate::err::{PyErr, PyResult};
pub use crate::ffi;
pub use crate::gil::{flush_deferred_decrefs, PoolScope};
pub use crate::instance::{Py, PyObject};
pub use crate::py_run::run_snippet;
pub use crate::pycell::{PyBorrowedIter, PyCell, PyRef, PyRefMut};
pub use crate::pyclass::{PyClass, PyClassInitializer};
pub use crate::python::Python;
pub use crate::sync::Interned;
pub use crate::type_object::PyTypeInfo;
pub use crate::types::{PyAny, PyModule, PyType};
pub use ::core;
pub use ::std;
#[cfg(feature = "macros")]
pub use inventory;
