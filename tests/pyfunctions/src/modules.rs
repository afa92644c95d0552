//! Module features: functions and constants at the top level, submodules importable as
//! `pyfunctions.<name>`, a renamed module, `add_wrapped` with both wrappers.

use pyo3::prelude::*;

/// Adds one.
#[pyfunction]
fn add_one(x: i64) -> i64 {
    x + 1
}

#[pyfunction]
fn double(x: i64) -> i64 {
    2 * x
}

/// A module whose Python name differs from the Rust function's.
#[pymodule]
#[pyo3(name = "renamed_module")]
fn rust_named_module(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add("MARKER", "renamed")
}

/// A module initialiser that takes only the module.
#[pymodule]
fn module_only(m: &PyModule) -> PyResult<()> {
    m.add("MARKER", "module only")
}

#[pyfunction]
fn inner_function() -> &'static str {
    "inner"
}

#[pymodule]
fn inner(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(inner_function, m)?)
}

/// A submodule with a submodule of its own.
#[pymodule]
fn outer(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_wrapped(wrap_pymodule!(inner))
}

/// A module that fails to initialise.
#[pymodule]
fn failing(_py: Python<'_>, _m: &PyModule) -> PyResult<()> {
    Err(pyo3::exceptions::PyRuntimeError::new_err(
        "initialiser failed",
    ))
}

pub fn register(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add_one, m)?)?;
    m.add_wrapped(wrap_pyfunction!(double))?;
    m.add("CONSTANT", 42)?;
    m.add_wrapped(wrap_pymodule!(rust_named_module))?;
    m.add_wrapped(wrap_pymodule!(module_only))?;
    m.add_wrapped(wrap_pymodule!(outer))?;

    let manual = PyModule::new(py, "manual")?;
    manual.add("MARKER", "manual")?;
    m.add_submodule(manual)?;

    let failure = failing::DEF.make_module(py).err().map(|e| e.to_string());
    m.add("failing_module_error", failure)?;
    Ok(())
}
