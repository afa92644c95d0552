//! The owned-object pool over long loops: `with_pool` keeps memory flat; without it, one
//! `with_gil` call accumulates every temporary until it returns (why `with_pool` exists).

use std::sync::Mutex;

use pyo3::gil::owned_object_count;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// The two tests measure the process's resident memory, so they must not overlap.
static SERIAL: Mutex<()> = Mutex::new(());

/// Resident set size of this process, in bytes (Linux).
fn rss_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .expect("resident pages in statm");
    // SAFETY: sysconf has no preconditions.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages * usize::try_from(page_size).expect("page size")
}

const MIB: usize = 1024 * 1024;

/// Creates two new objects (a list and a dict), both pooled.
fn make_temporaries(py: Python<'_>, i: usize) -> usize {
    let list = PyList::empty(py);
    let dict = PyDict::new(py);
    dict.set_item("i", i).unwrap();
    list.append(dict).unwrap();
    list.len()
}

#[test]
fn with_pool_keeps_memory_flat_over_millions_of_iterations() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    Python::with_gil(|py| {
        // Warm up allocators and free lists before taking the baseline.
        for i in 0..100_000 {
            py.with_pool(|py| make_temporaries(py, i));
        }
        let objects_before = owned_object_count();
        let rss_before = rss_bytes();
        let mut total = 0;
        for i in 0..2_000_000 {
            total += py.with_pool(|py| make_temporaries(py, i));
            if i % 250_000 == 0 {
                assert_eq!(owned_object_count(), objects_before);
            }
        }
        assert_eq!(total, 2_000_000);
        assert_eq!(owned_object_count(), objects_before);
        let growth = rss_bytes().saturating_sub(rss_before);
        // Keeping the 4 million objects would take several hundred MiB.
        assert!(growth < 16 * MIB, "RSS grew by {} MiB", growth / MIB);
    });
}

#[test]
fn without_with_pool_one_call_accumulates_its_temporaries() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    const ITERATIONS: usize = 300_000;
    let rss_before = rss_bytes();
    let objects_before = owned_object_count();
    let (objects_inside, rss_inside) = Python::with_gil(|py| {
        for i in 0..ITERATIONS {
            make_temporaries(py, i);
        }
        (owned_object_count(), rss_bytes())
    });
    // Every temporary stayed parked until `with_gil` returned...
    assert_eq!(objects_inside - objects_before, 2 * ITERATIONS);
    // ...costing real memory (a list, a dict and two pool slots per iteration)...
    let growth = rss_inside.saturating_sub(rss_before);
    assert!(growth > 32 * MIB, "RSS grew by only {} MiB", growth / MIB);
    // ...and all of it was released at the end.
    assert_eq!(owned_object_count(), objects_before);
}

#[test]
fn with_pool_returns_values_and_carries_py_handles() {
    Python::with_gil(|py| {
        let list: Py<PyList> = PyList::empty(py).into();
        for i in 0..10usize {
            let appended: PyObject = py.with_pool(|py| {
                let item = PyDict::new(py);
                item.set_item("i", i).unwrap();
                list.as_ref(py).append(item).unwrap();
                item.into()
            });
            // The Py handle outlives the scope; the pool's reference is gone.
            assert_eq!(appended.as_ref(py).get_refcnt(), 2);
        }
        assert_eq!(list.as_ref(py).len(), 10);
    });
}

#[test]
fn nested_with_pool_scopes_release_in_order() {
    Python::with_gil(|py| {
        let base = owned_object_count();
        py.with_pool(|py| {
            let _outer = PyList::empty(py);
            assert_eq!(owned_object_count(), base + 1);
            py.with_pool(|py| {
                let _inner = PyList::empty(py);
                assert_eq!(owned_object_count(), base + 2);
            });
            assert_eq!(owned_object_count(), base + 1);
        });
        assert_eq!(owned_object_count(), base);
    });
}

#[test]
fn with_pool_releases_on_panic() {
    Python::with_gil(|py| {
        let base = owned_object_count();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            py.with_pool(|py| {
                let _temp = PyList::empty(py);
                panic!("inside with_pool");
            })
        }));
        assert!(caught.is_err());
        assert_eq!(owned_object_count(), base);
    });
}
