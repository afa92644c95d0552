//! `eyre::Report` → `PyErr`, so `?` works on `eyre::Result` in functions returning
//! `PyResult`.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! eyre = "0.6"
//! pyo3-core = { version = "0.1", features = ["eyre"] }
//! ```
//!
//! An `eyre::Report` that is just a wrapped `PyErr` (no context added) gives that
//! exception back; anything else becomes `RuntimeError` with the error's debug form
//! (the message and its chain of causes).
#![cfg(feature = "eyre")]

use crate::conversions::support::report_to_pyerr;
use crate::err::PyErr;

impl From<eyre::Report> for PyErr {
    fn from(error: eyre::Report) -> PyErr {
        let is_bare = error.source().is_none();
        report_to_pyerr(error, is_bare, eyre::Report::downcast::<PyErr>)
    }
}
