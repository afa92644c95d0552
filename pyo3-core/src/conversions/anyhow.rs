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

use crate::err::PyErr;
use crate::exceptions::PyRuntimeError;

impl From<anyhow::Error> for PyErr {
    fn from(error: anyhow::Error) -> PyErr {
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
