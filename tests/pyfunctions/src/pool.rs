//! The pool decision: functions that may create pooled references open a scope and free
//! them on return; the others touch no pool at all. Arguments are never pooled.

use pyo3::prelude::*;
use pyo3::types::PyList;

/// References parked in this thread's pool right now.
#[pyfunction]
fn owned_objects() -> usize {
    pyo3::gil::owned_object_count()
}

/// Creates `n` pooled temporaries and returns how many were parked during the call.
#[pyfunction]
fn make_temporaries(py: Python<'_>, n: usize) -> usize {
    let before = pyo3::gil::owned_object_count();
    for i in 0..n {
        let _ = PyList::new(py, [i]);
    }
    pyo3::gil::owned_object_count() - before
}

/// A GIL-bound argument and result: neither is pooled (the result leaves as an owned
/// pointer), so this returns the pool size seen inside the call.
#[pyfunction]
fn echo(obj: &PyAny) -> (usize, &PyAny) {
    (pyo3::gil::owned_object_count(), obj)
}

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pymodule]
pub fn pool(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(owned_objects, m)?)?;
    m.add_function(wrap_pyfunction!(make_temporaries, m)?)?;
    m.add_function(wrap_pyfunction!(echo, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    Ok(())
}
