//! The hidden route from generated code into the runtime. Everything macros emit names
//! `::pyo3::impl_::...` only; this module re-exports what they need.

pub mod pyclass;
mod temp_ref;

pub use temp_ref::TempRef;

pub use crate::ffi;
pub use ::core;
pub use ::std;

mod exception_types;
pub use exception_types::{import_exception_type, new_exception_type};

pub use crate::gil::{flush_deferred_decrefs, PoolScope};
pub use crate::py_run::run_snippet;
