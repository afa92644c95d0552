//! bench_ours: the benchmark surface (shared/bench/SPEC.md) with pyo3-core, written the way
//! a PyO3 0.20 user writes it (plain Rust types in signatures, GIL-refs where Python
//! types appear).

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

#[pyfunction]
fn noop() {}

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

#[pyfunction]
fn echo_str(s: String) -> String {
    s
}

#[pyfunction]
#[pyo3(signature = (a, b = 2, *, c = 3))]
fn kw(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

#[pyfunction]
fn sum_list(xs: Vec<i64>) -> i64 {
    xs.iter().sum()
}

#[pyfunction]
fn make_list(n: i64) -> Vec<i64> {
    (0..n).collect()
}

#[pyfunction]
fn dict_roundtrip(d: HashMap<String, i64>) -> HashMap<String, i64> {
    d
}

#[pyfunction]
fn raise_value_error() -> PyResult<()> {
    Err(PyValueError::new_err("boom"))
}

/// Counter(start): holds an i64.
#[pyclass]
struct Counter {
    #[pyo3(get, set)]
    value: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(start: i64) -> Self {
        Counter { value: start }
    }

    fn incr(&mut self) {
        self.value = self.value.wrapping_add(1);
    }

    fn add(&mut self, n: i64) -> i64 {
        self.value = self.value.wrapping_add(n);
        self.value
    }
}

#[pymodule]
fn bench_ours(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(echo_str, m)?)?;
    m.add_function(wrap_pyfunction!(kw, m)?)?;
    m.add_function(wrap_pyfunction!(sum_list, m)?)?;
    m.add_function(wrap_pyfunction!(make_list, m)?)?;
    m.add_function(wrap_pyfunction!(dict_roundtrip, m)?)?;
    m.add_function(wrap_pyfunction!(raise_value_error, m)?)?;
    m.add_class::<Counter>()?;
    Ok(())
}
