//! `Py<T>` across threads: decrefs from threads without the GIL are queued and applied at
//! the next acquisition, and the pool and the queue hold up under concurrent use.

mod common;

use std::sync::{Arc, Barrier};

use common::eval;
use pyo3::prelude::*;
use pyo3::types::PyList;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn owned_handles_and_errors_are_send_and_sync() {
    assert_send_sync::<Py<PyAny>>();
    assert_send_sync::<Py<PyList>>();
    assert_send_sync::<PyErr>();
}

fn refcnt(py: Python<'_>, obj: &PyObject) -> isize {
    obj.as_ref(py).get_refcnt()
}

#[test]
fn drop_on_a_thread_without_the_gil_is_queued_until_the_next_acquisition() {
    Python::with_gil(|py| {
        let watch: PyObject = eval(py, "object()").into();
        let doomed = watch.clone_ref(py);
        let before = refcnt(py, &watch);
        // That thread never holds the GIL, so it cannot decref; we keep the GIL meanwhile,
        // so no other thread can apply the queue either.
        std::thread::spawn(move || drop(doomed)).join().unwrap();
        assert_eq!(refcnt(py, &watch), before);
        // Any acquisition applies the queue, a nested one included.
        Python::with_gil(|_| {});
        assert_eq!(refcnt(py, &watch), before - 1);
    });
}

#[test]
fn queued_decref_is_applied_when_the_gil_is_next_taken() {
    let (watch, doomed) = Python::with_gil(|py| {
        let watch: PyObject = eval(py, "[]").into();
        let doomed = watch.clone_ref(py);
        (watch, doomed)
    });
    // Measured outside the first call, whose pool held one more reference.
    let before = Python::with_gil(|py| refcnt(py, &watch));
    drop(doomed); // no GIL on this thread now: queued
    Python::with_gil(|py| assert_eq!(refcnt(py, &watch), before - 1));
}

#[test]
fn drop_with_the_gil_is_immediate() {
    Python::with_gil(|py| {
        let watch: PyObject = eval(py, "object()").into();
        let before = refcnt(py, &watch);
        drop(watch.clone_ref(py));
        assert_eq!(refcnt(py, &watch), before);
    });
}

#[test]
fn clone_without_the_gil_panics() {
    let obj: PyObject = Python::with_gil(|py| py.None());
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| obj.clone()));
    let message = caught
        .unwrap_err()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .unwrap_or_default();
    assert!(message.contains("without holding the GIL"), "{message}");
}

#[test]
fn many_threads_create_share_and_drop_objects() {
    const THREADS: usize = 8;
    const ROUNDS: usize = 500;
    let (shared, sentinel) = Python::with_gil(|py| {
        let shared: Py<PyList> = PyList::empty(py).into();
        let sentinel: PyObject = eval(py, "object()").into();
        (shared, sentinel)
    });
    let sentinel_before = Python::with_gil(|py| refcnt(py, &sentinel));
    let shared = Arc::new(shared);
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let shared = Arc::clone(&shared);
            let start = Arc::clone(&start);
            let sentinel = Python::with_gil(|py| sentinel.clone_ref(py));
            std::thread::spawn(move || {
                start.wait();
                let mut held = Vec::new();
                for round in 0..ROUNDS {
                    let copy = Python::with_gil(|py| {
                        // Temporaries in this thread's pool, released when with_gil returns.
                        let item = PyList::new(py, [t, round]);
                        Py::as_ref(&shared, py).append(item).unwrap();
                        sentinel.clone_ref(py)
                    });
                    // Dropped here, without the GIL, every other round: queued.
                    if round % 2 == 0 {
                        drop(copy);
                    } else {
                        held.push(copy);
                    }
                }
                // The rest go with the thread, also without the GIL.
                drop(held);
                drop(sentinel);
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    Python::with_gil(|py| {
        let list = Py::as_ref(&shared, py);
        assert_eq!(list.len(), THREADS * ROUNDS);
        // Each appended item is referenced by the list only.
        for item in list.iter() {
            assert_eq!(item.get_refcnt(), 2); // the list's and this iteration's pooled one
        }
        // Every clone of the sentinel was dropped off the GIL and has been applied.
        assert_eq!(refcnt(py, &sentinel), sentinel_before);
    });
}

#[test]
fn threads_allowed_in_by_allow_threads_run_concurrently_with_ours() {
    Python::with_gil(|py| {
        let counter: Py<PyList> = PyList::empty(py).into();
        let joined = py.allow_threads(|| {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    let counter = Python::with_gil(|py| counter.clone_ref(py));
                    std::thread::spawn(move || {
                        for i in 0..250 {
                            Python::with_gil(|py| counter.as_ref(py).append(i).unwrap());
                        }
                    })
                })
                .collect();
            workers.into_iter().all(|w| w.join().is_ok())
        });
        assert!(joined);
        assert_eq!(counter.as_ref(py).len(), 1000);
    });
}

#[test]
fn gil_once_cell_raced_by_threads_keeps_one_value() {
    use pyo3::sync::GILOnceCell;
    static CELL: GILOnceCell<PyObject> = GILOnceCell::new();
    let handles: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(|| {
                Python::with_gil(|py| {
                    let value = CELL.get_or_init(py, || {
                        // Running Python code lets the GIL pass to the other threads, so
                        // several of them compute a value; only one is kept.
                        eval(py, "[object() for _ in range(1000)][0]").into()
                    });
                    value.as_ptr() as usize
                })
            })
        })
        .collect();
    let seen: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
}

#[test]
fn intern_gives_one_object_per_literal() {
    Python::with_gil(|py| {
        let first = pyo3::intern!(py, "interned_name");
        let second = pyo3::intern!(py, "interned_name");
        assert_eq!(first.to_str().unwrap(), "interned_name");
        // Two call sites, two cells, but Python interns the string: the same object.
        assert!(first.is(second));
    });
}

#[cfg(not(Py_GIL_DISABLED))]
#[test]
fn gil_protected_is_reachable_with_the_token() {
    use std::cell::Cell;
    static COUNTER: pyo3::sync::GILProtected<Cell<u32>> =
        pyo3::sync::GILProtected::new(Cell::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..100 {
                    Python::with_gil(|py| {
                        let counter = COUNTER.get(py);
                        counter.set(counter.get() + 1);
                    });
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    Python::with_gil(|py| assert_eq!(COUNTER.get(py).get(), 400));
}
