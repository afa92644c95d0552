//! The GIL token and its marker traits (PyO3 0.20 keeps them here).

pub use crate::python::{Python, PythonVersionInfo, Ungil};
