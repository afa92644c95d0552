//! The `docstring` module: a module with nothing in it but its docstring.

use pyo3::prelude::*;

/// This module is implemented in Rust.
#[pymodule]
fn docstring(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    // The doc comment above is the module's `__doc__`; there is nothing else to add.
    Ok(())
}
