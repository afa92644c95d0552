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

use crate::err::PyErr;
use crate::exceptions::PyRuntimeError;

impl From<eyre::Report> for PyErr {
    fn from(error: eyre::Report) -> PyErr {
        let error = if error.source().is_none() {
            match error.downcast::<PyErr>() {
                Ok(err) => return err,
                Err(error) => error,
            }
        } else {
            error
        };
        PyRuntimeError::new_err(format!("{error:?}"))
    }
}
