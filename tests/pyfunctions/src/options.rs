//! The options: `name`, `text_signature`, `pass_module`, `from_py_with`, `crate`, both in
//! `#[pyfunction(...)]` and `#[pyo3(...)]`, and docstrings from `///`.

use pyo3::prelude::*;

/// The runtime under another path, for `crate = "..."`.
mod reexport {
    pub use pyo3 as runtime;
}

#[pyfunction]
#[pyo3(name = "renamed")]
fn original_name(a: i64) -> i64 {
    a
}

#[pyfunction(name = "renamed_inline", signature = (a, b = 1))]
fn original_inline(a: i64, b: i64) -> i64 {
    a + b
}

#[pyfunction]
#[pyo3(text_signature = "(value, /, *, flag=False)")]
fn explicit_signature(value: i64) -> i64 {
    value
}

#[pyfunction]
#[pyo3(text_signature = None)]
fn no_signature(value: i64) -> i64 {
    value
}

/// Returns the name of the module it was created in.
#[pyfunction]
#[pyo3(pass_module)]
fn module_name(module: &PyModule) -> PyResult<String> {
    Ok(module.name()?.to_owned())
}

#[pyfunction(pass_module)]
fn module_and_arg(module: &PyModule, suffix: &str) -> PyResult<String> {
    Ok(format!("{}{}", module.name()?, suffix))
}

fn length_of(obj: &PyAny) -> PyResult<usize> {
    obj.len()
}

#[pyfunction]
#[pyo3(signature = (items, extra = 0))]
fn total_length(
    #[pyo3(from_py_with = "length_of")] items: usize,
    #[pyo3(from_py_with = "length_of")] extra: usize,
) -> usize {
    items + extra
}

#[pyfunction]
#[pyo3(crate = "crate::options::reexport::runtime")]
fn via_reexport(x: i64) -> i64 {
    x + 1
}

/// First line.
///
/// Indented block:
///     keeps its indentation
#[pyfunction]
fn documented() {}

/// Documented with a computed line:
#[doc = concat!("computed ", "line")]
#[pyfunction]
fn computed_doc() {}

#[pyfunction]
fn undocumented() {}

#[pymodule]
pub fn options(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(original_name, m)?)?;
    m.add_function(wrap_pyfunction!(original_inline, m)?)?;
    m.add_function(wrap_pyfunction!(explicit_signature, m)?)?;
    m.add_function(wrap_pyfunction!(no_signature, m)?)?;
    m.add_function(wrap_pyfunction!(module_name, m)?)?;
    m.add_function(wrap_pyfunction!(module_and_arg, m)?)?;
    m.add_function(wrap_pyfunction!(total_length, m)?)?;
    m.add_function(wrap_pyfunction!(via_reexport, m)?)?;
    m.add_function(wrap_pyfunction!(documented, m)?)?;
    m.add_function(wrap_pyfunction!(computed_doc, m)?)?;
    m.add_function(wrap_pyfunction!(undocumented, m)?)?;
    // A `pass_module` function made without a module is refused at creation.
    let refused = wrap_pyfunction!(module_name, m.py())
        .err()
        .map(|e| e.to_string());
    m.add("pass_module_without_module", refused)?;
    Ok(())
}
