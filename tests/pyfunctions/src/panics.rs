//! Panics inside functions become `PanicException` carrying the message; nothing unwinds
//! into C.

use pyo3::prelude::*;
use pyo3::types::PyList;

#[pyfunction]
fn panic_with_str() {
    panic!("static message");
}

#[pyfunction]
fn panic_with_string(n: i64) -> i64 {
    panic!("formatted message {n}");
}

#[pyfunction]
fn panic_with_payload() {
    std::panic::panic_any(42_u8);
}

/// Panics after creating pooled references: the scope still closes.
#[pyfunction]
fn panic_with_pool(py: Python<'_>) -> &PyList {
    let _list = PyList::new(py, [1, 2, 3]);
    panic!("pooled panic");
}

#[pyfunction]
#[pyo3(signature = (x = panic!("default expression panicked")))]
fn panic_in_default(x: i64) -> i64 {
    x
}

#[pymodule]
pub fn panics(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(panic_with_str, m)?)?;
    m.add_function(wrap_pyfunction!(panic_with_string, m)?)?;
    m.add_function(wrap_pyfunction!(panic_with_payload, m)?)?;
    m.add_function(wrap_pyfunction!(panic_with_pool, m)?)?;
    m.add_function(wrap_pyfunction!(panic_in_default, m)?)?;
    Ok(())
}
