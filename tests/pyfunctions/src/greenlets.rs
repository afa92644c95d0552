//! Calls that stay suspended inside Rust while greenlets switch: each call's pooled
//! temporaries must survive other greenlets' calls ending in between.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// Creates pooled temporaries tagged `tag`, calls `switch` (which moves to another greenlet
/// that may run and finish its own calls), then checks every temporary is intact.
#[pyfunction]
fn hold_across(py: Python<'_>, tag: &str, switch: &PyAny) -> PyResult<String> {
    let strings: Vec<&PyString> = (0..200)
        .map(|i| PyString::new(py, &format!("{tag}-{i}-{}", "x".repeat(i % 7))))
        .collect();
    let list = PyList::new(py, (0..50).map(|i| format!("{tag}{i}")));
    switch.call0()?;
    for (i, s) in strings.iter().enumerate() {
        let expected = format!("{tag}-{i}-{}", "x".repeat(i % 7));
        if s.to_str()? != expected {
            return Err(pyo3::exceptions::PyAssertionError::new_err(format!(
                "temporary {i} of {tag} changed: {:?}",
                s.to_str()?
            )));
        }
    }
    for (i, item) in list.iter().enumerate() {
        let text: &str = item.extract()?;
        if text != format!("{tag}{i}") {
            return Err(pyo3::exceptions::PyAssertionError::new_err(format!(
                "list item {i} of {tag} changed"
            )));
        }
    }
    Ok(format!("{tag}:ok"))
}

#[pymodule]
pub fn greenlets(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hold_across, m)?)?;
    Ok(())
}
