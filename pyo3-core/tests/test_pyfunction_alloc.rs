//! Calls that pass only positional arguments (or keywords that are interned names) allocate
//! nothing on the Rust heap. A test binary of its own: it installs a counting allocator.
//!
//! The test drives the call through `PyObject_Vectorcall`, which the stable ABI offers only
//! from 3.12.
#![cfg(any(not(Py_LIMITED_API), Py_3_12))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::ffi;
use pyo3::prelude::*;

/// Counts every allocation made through the Rust allocator.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded from the caller.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded from the caller.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pyfunction]
#[pyo3(signature = (a, b = 2, *, c = 3))]
fn kw(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

#[pyfunction]
fn echo(value: &PyAny) -> &PyAny {
    value
}

/// Calls `function` through CPython's vectorcall `times` times; returns the number of Rust
/// allocations made meanwhile.
fn allocations_during(
    py: Python<'_>,
    function: &PyAny,
    args: &[&PyAny],
    kwnames: Option<&PyAny>,
    times: usize,
) -> usize {
    let raw: Vec<*mut ffi::PyObject> = args.iter().map(|a| a.as_ptr()).collect();
    let nkw = kwnames.map_or(0, |k| k.len().unwrap());
    let nargs = raw.len() - nkw;
    let kwnames = kwnames.map_or(std::ptr::null_mut(), |k| k.as_ptr());
    let call = || {
        // SAFETY: `raw` holds `nargs` positional objects then one value per keyword name,
        // all alive; the result is a new reference or null.
        let result =
            unsafe { ffi::PyObject_Vectorcall(function.as_ptr(), raw.as_ptr(), nargs, kwnames) };
        // SAFETY: a new reference we own, or null with an error set.
        let result: PyResult<PyObject> = unsafe { Py::from_owned_ptr_or_err(py, result) };
        drop(result);
    };
    call(); // warm-up: interned names, type objects
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..times {
        call();
    }
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn positional_and_interned_keyword_calls_do_not_allocate() {
    Python::with_gil(|py| {
        let one = 1i64.into_py(py).into_ref(py);
        let five = 5i64.into_py(py).into_ref(py);
        let add = wrap_pyfunction!(add, py).unwrap();
        let kw = wrap_pyfunction!(kw, py).unwrap();
        let echo = wrap_pyfunction!(echo, py).unwrap();
        let c = pyo3::types::PyTuple::new(py, [pyo3::intern!(py, "c")]);

        assert_eq!(allocations_during(py, add, &[one, five], None, 100), 0);
        assert_eq!(allocations_during(py, kw, &[one], None, 100), 0);
        assert_eq!(allocations_during(py, kw, &[one, five], Some(c), 100), 0);
        assert_eq!(allocations_during(py, echo, &[one], None, 100), 0);
        // The counter does see the call path: a call that fails allocates its message.
        assert!(allocations_during(py, add, &[one], None, 1) > 0);
    });
}
