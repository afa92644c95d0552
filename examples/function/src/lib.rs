//! The `function` module: one plain Rust function, `greet`, exposed to Python.

use pyo3::prelude::*;

/// Returns a greeting for `name`.
#[pyfunction]
fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}

/// A module with one function written in Rust.
#[pymodule]
fn function(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(greet, m)?)
}
