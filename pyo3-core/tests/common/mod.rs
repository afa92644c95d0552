//! Helpers shared by the integration tests: evaluating and running Python snippets, reading
//! errors and panics, and checking that code leaves reference counts and the pool flat.

// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::borrow::Borrow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::gil::owned_object_count;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Evaluates the expression `code` with fresh namespaces; panics if it raises.
pub fn eval<'py>(py: Python<'py>, code: &str) -> &'py PyAny {
    py.eval(code, None, None).unwrap()
}

/// Evaluates `code` with `obj` bound to the name `x` (and the modules `datetime` and
/// `ipaddress` imported); panics if it raises.
pub fn eval_with<'py>(py: Python<'py>, code: &str, obj: PyObject) -> &'py PyAny {
    let locals = PyDict::new(py);
    locals.set_item("x", obj).unwrap();
    for module in ["datetime", "ipaddress"] {
        locals.set_item(module, py.import(module).unwrap()).unwrap();
    }
    py.eval(code, None, Some(locals)).unwrap()
}

/// Like [`eval_with`]; true if the result is truthy.
pub fn check(py: Python<'_>, code: &str, obj: PyObject) -> bool {
    eval_with(py, code, obj).is_true().unwrap()
}

/// Runs the statements `code` with `locals` as its local namespace; if it raises, prints
/// the traceback (the panic alone would not show which line failed) and panics.
pub fn run(py: Python<'_>, locals: &PyDict, code: &str) {
    if let Err(err) = py.run(code, None, Some(locals)) {
        err.print(py);
        panic!("Python code failed: {code}");
    }
}

/// A dictionary of the given names and values, for [`run`]'s namespace.
pub fn locals_with<'py>(py: Python<'py>, items: &[(&str, PyObject)]) -> &'py PyDict {
    let locals = PyDict::new(py);
    for (name, value) in items {
        locals.set_item(*name, value).unwrap();
    }
    locals
}

/// The text of the error in `result` (`Type: message`); panics if it is `Ok`.
pub fn err_text<T: std::fmt::Debug>(result: PyResult<T>) -> String {
    result.unwrap_err().to_string()
}

/// The message of a panic raised by `f`; panics if `f` returns.
pub fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload.downcast_ref::<&str>().unwrap().to_string(),
    }
}

/// The items of `seq`, extracted as `i64`.
pub fn ints(seq: impl IntoIterator<Item = impl std::ops::Deref<Target = PyAny>>) -> Vec<i64> {
    seq.into_iter().map(|x| x.extract().unwrap()).collect()
}

/// Runs `body` `rounds` times, each in a fresh pool scope, then checks that the reference
/// counts of `inputs` and the number of objects in the pool are what they were before.
pub fn assert_flat(
    py: Python<'_>,
    inputs: &[impl Borrow<PyObject>],
    rounds: usize,
    body: impl Fn(Python<'_>) + Sync,
) {
    let counts = |py: Python<'_>| {
        inputs
            .iter()
            .map(|o| o.borrow().as_any(py).get_refcnt())
            .collect::<Vec<_>>()
    };
    let refs_before = counts(py);
    let pool_before = owned_object_count();
    for _ in 0..rounds {
        py.with_pool(&body);
    }
    assert_eq!(counts(py), refs_before, "reference counts of the inputs");
    assert_eq!(
        owned_object_count(),
        pool_before,
        "objects left in the pool"
    );
}

/// Runs `body` on `input` once to warm up caches (interned names, type objects), then
/// checks with [`assert_flat`] that 200 more runs leak neither references nor pool entries.
pub fn assert_no_leak(py: Python<'_>, input: &PyObject, body: impl Fn(Python<'_>, &PyAny) + Sync) {
    py.with_pool(|py| body(py, input.as_any(py)));
    assert_flat(py, &[input], 200, |py| body(py, input.as_any(py)));
}
