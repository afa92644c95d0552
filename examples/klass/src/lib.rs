//! The `klass` module: a class, `Class`, with a no-argument constructor and a `greet` method.

use pyo3::prelude::*;

/// A class whose instances greet.
#[pyclass]
struct Class {}

#[pymethods]
impl Class {
    /// `Class()`: Python calls this when it calls the class.
    #[new]
    fn new() -> Self {
        Class {}
    }

    /// Returns a greeting for `name`.
    fn greet(&self, name: &str) -> String {
        format!("Hello, {name}!")
    }
}

/// A module with one class written in Rust.
#[pymodule]
fn klass(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Class>()
}
