//! bench_cpython: the benchmark surface (shared/bench/SPEC.md) with rust-cpython.
//!
//! Written with the crate's own macros as its documentation teaches: `py_fn!` with typed
//! parameters and defaults, `py_class!` with a `data` field (interior mutability through
//! `Cell`, since instances are shared) and an `@property` with a setter.
//!
//! Two places where rust-cpython cannot express the SPEC directly:
//! - it has no keyword-only parameters, so `kw` is `kw(a, b=2, c=3)`: `kw(1, c=5)` works
//!   as specified, but `kw(1, 2, 3)` is accepted rather than refused;
//! - it has no `FromPyObject` for `HashMap`, so `dict_roundtrip` takes a `PyDict` and fills
//!   the map from its items, as a user of the crate would.

// py_class! expands to impl blocks inside a function and to a hand-written prefix strip,
// which newer rustc and clippy warn about; the code is the crate's macro, not this module's.
#![allow(non_local_definitions, clippy::manual_strip)]

use std::cell::Cell;
use std::collections::HashMap;

use cpython::{
    exc, py_class, py_fn, py_module_initializer, PyDict, PyErr, PyNone, PyResult, Python,
};

py_module_initializer!(bench_cpython, |py, m| {
    m.add(py, "noop", py_fn!(py, noop()))?;
    m.add(py, "add", py_fn!(py, add(a: i64, b: i64)))?;
    m.add(py, "echo_str", py_fn!(py, echo_str(s: String)))?;
    m.add(py, "kw", py_fn!(py, kw(a: i64, b: i64 = 2, c: i64 = 3)))?;
    m.add(py, "sum_list", py_fn!(py, sum_list(xs: Vec<i64>)))?;
    m.add(py, "make_list", py_fn!(py, make_list(n: i64)))?;
    m.add(py, "dict_roundtrip", py_fn!(py, dict_roundtrip(d: PyDict)))?;
    m.add(py, "raise_value_error", py_fn!(py, raise_value_error()))?;
    m.add_class::<Counter>(py)?;
    Ok(())
});

fn noop(_py: Python) -> PyResult<PyNone> {
    Ok(PyNone)
}

fn add(_py: Python, a: i64, b: i64) -> PyResult<i64> {
    Ok(a + b)
}

fn echo_str(_py: Python, s: String) -> PyResult<String> {
    Ok(s)
}

fn kw(_py: Python, a: i64, b: i64, c: i64) -> PyResult<i64> {
    Ok(a + b + c)
}

fn sum_list(_py: Python, xs: Vec<i64>) -> PyResult<i64> {
    Ok(xs.iter().sum())
}

fn make_list(_py: Python, n: i64) -> PyResult<Vec<i64>> {
    Ok((0..n).collect())
}

fn dict_roundtrip(py: Python, d: PyDict) -> PyResult<HashMap<String, i64>> {
    let mut map = HashMap::with_capacity(d.len(py));
    for (key, value) in d.items(py) {
        map.insert(key.extract::<String>(py)?, value.extract::<i64>(py)?);
    }
    Ok(map)
}

fn raise_value_error(py: Python) -> PyResult<PyNone> {
    Err(PyErr::new::<exc::ValueError, _>(py, "boom"))
}

py_class!(class Counter |py| {
    // Named `count` because the property below generates a Rust method called `value`.
    data count: Cell<i64>;

    def __new__(_cls, start: i64) -> PyResult<Counter> {
        Counter::create_instance(py, Cell::new(start))
    }

    def incr(&self) -> PyResult<PyNone> {
        let count = self.count(py);
        count.set(count.get() + 1);
        Ok(PyNone)
    }

    def add(&self, n: i64) -> PyResult<i64> {
        let count = self.count(py);
        count.set(count.get() + n);
        Ok(count.get())
    }

    @property def value(&self) -> PyResult<i64> {
        Ok(self.count(py).get())
    }

    @value.setter def set_value(&self, value: Option<i64>) -> PyResult<()> {
        match value {
            Some(v) => {
                self.count(py).set(v);
                Ok(())
            }
            None => Err(PyErr::new::<exc::TypeError, _>(py, "can't delete attribute 'value'")),
        }
    }
});
