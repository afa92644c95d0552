//! `anyhow::Error` → `PyErr`, so `?` works on `anyhow::Result` in functions returning
//! `PyResult`.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! anyhow = "1"
//! pyo3-core = { version = "0.1", features = ["anyhow"] }
//! ```
//!
//! An `anyhow::Error` that is just a wrapped `PyErr` (no context added) gives that
//! exception back; anything else becomes `RuntimeError` with the error's debug form
//! (the message and its chain of causes).
#![cfg(feature = "anyhow")]

use crate::conversions::support::report_to_pyerr;
use crate::err::PyErr;

impl From<anyhow::Error> for PyErr {
    fn from(error: anyhow::Error) -> PyErr {
        let is_bare = error.source().is_none();
        report_to_pyerr(error, is_bare, anyhow::Error::downcast::<PyErr>)
    }
}
