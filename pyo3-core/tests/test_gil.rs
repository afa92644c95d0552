//! The token and the GIL: `with_gil` from any thread and nested, `allow_threads`,
//! `prepare_freethreaded_python`, `eval`/`run` and `py_run!`.

use std::sync::mpsc;
use std::time::Duration;

use pyo3::gil::owned_object_count;
use pyo3::prelude::*;
use pyo3::py_run;
use pyo3::types::{PyDict, PyList};

#[test]
fn prepare_freethreaded_python_is_idempotent() {
    pyo3::prepare_freethreaded_python();
    pyo3::prepare_freethreaded_python();
    let answer: i64 = Python::with_gil(|py| py.eval("6 * 7", None, None)?.extract()).unwrap();
    assert_eq!(answer, 42);
}

#[test]
fn with_gil_from_spawned_threads() {
    let handles: Vec<_> = (0..8i64)
        .map(|i| {
            std::thread::spawn(move || {
                Python::with_gil(|py| {
                    let locals = PyDict::new(py);
                    locals.set_item("i", i).unwrap();
                    py.eval("i * i", None, Some(locals))
                        .unwrap()
                        .extract::<i64>()
                        .unwrap()
                })
            })
        })
        .collect();
    let squares: Vec<i64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(squares, [0, 1, 4, 9, 16, 25, 36, 49]);
}

#[test]
fn nested_with_gil_shares_the_outer_scope() {
    Python::with_gil(|py| {
        let outer = PyList::new(py, [1, 2, 3]);
        let before = owned_object_count();
        let len = Python::with_gil(|inner| {
            // The inner closure may use the outer token's references...
            let copy = PyList::empty(inner);
            copy.append(outer.len()).unwrap();
            outer.len()
        });
        assert_eq!(len, 3);
        // ...so the nested call opened no scope: its list is still parked in the pool.
        assert_eq!(owned_object_count(), before + 1);
        assert_eq!(outer.len(), 3);
    });
}

#[test]
fn with_gil_inside_allow_threads_opens_a_fresh_scope() {
    Python::with_gil(|py| {
        let before = owned_object_count();
        let inside = py.allow_threads(|| {
            Python::with_gil(|py| {
                let at_start = owned_object_count();
                let _temp = PyList::new(py, [1, 2]);
                owned_object_count() - at_start
            })
        });
        assert_eq!(inside, 1);
        // The GIL was released on the way in, so `with_gil` opened (and closed) its own
        // scope instead of leaving the list in ours.
        assert_eq!(owned_object_count(), before);
    });
}

#[test]
fn with_gil_at_top_level_releases_its_references() {
    let (refcnt_inside, obj) = Python::with_gil(|py| {
        let obj: PyObject = py.eval("object()", None, None).unwrap().into();
        // One reference in the pool, one in `obj`.
        (obj.as_ref(py).get_refcnt(), obj)
    });
    Python::with_gil(|py| {
        assert_eq!(refcnt_inside, 2);
        assert_eq!(obj.as_ref(py).get_refcnt(), 1);
    });
}

#[test]
fn allow_threads_lets_another_thread_take_the_gil() {
    Python::with_gil(|py| {
        let (tx, rx) = mpsc::channel();
        let worker = std::thread::spawn(move || {
            let value: i64 = Python::with_gil(|py| {
                py.eval("sum(range(10))", None, None)
                    .unwrap()
                    .extract()
                    .unwrap()
            });
            tx.send(value).unwrap();
        });
        // While we hold the GIL the worker cannot finish...
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        // ...and while we release it, it can.
        let received = py.allow_threads(move || rx.recv_timeout(Duration::from_secs(30)));
        assert_eq!(received, Ok(45));
        py.allow_threads(|| worker.join()).unwrap();
    });
}

#[test]
fn allow_threads_lets_python_threads_run() {
    Python::with_gil(|py| {
        // One dict as globals and locals, so that `spin` sees `state`.
        let locals = PyDict::new(py);
        py.run(
            r#"
import threading
state = {"count": 0, "stop": False}
def spin():
    while not state["stop"]:
        state["count"] += 1
worker = threading.Thread(target=spin)
worker.start()
"#,
            Some(locals),
            None,
        )
        .unwrap();
        let count = || -> i64 {
            py.eval("state['count']", Some(locals), None)
                .unwrap()
                .extract()
                .unwrap()
        };
        let before = count();
        // Other tests share the GIL, so give the thread several chances, each one only while
        // this thread has released the GIL.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut after = before;
        while after == before && std::time::Instant::now() < deadline {
            py.allow_threads(|| std::thread::sleep(Duration::from_millis(50)));
            after = count();
        }
        py.run("state['stop'] = True; worker.join()", Some(locals), None)
            .unwrap();
        assert!(
            after > before,
            "the Python thread did not run: {before} -> {after}"
        );
    });
}

#[test]
fn allow_threads_retakes_the_gil_after_a_panic() {
    Python::with_gil(|py| {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            py.allow_threads(|| panic!("inside allow_threads"))
        }));
        assert!(caught.is_err());
        // The GIL is ours again: Python code runs.
        let value: i64 = py.eval("1 + 1", None, None).unwrap().extract().unwrap();
        assert_eq!(value, 2);
    });
}

#[test]
fn eval_returns_a_value_and_run_executes_statements() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        py.run("x = [i * 2 for i in range(4)]", None, Some(locals))
            .unwrap();
        let x: Vec<i64> = locals
            .get_item("x")
            .unwrap()
            .unwrap()
            .downcast::<PyList>()
            .unwrap()
            .iter()
            .map(|item| item.extract().unwrap())
            .collect();
        assert_eq!(x, [0, 2, 4, 6]);
        let total: i64 = py
            .eval("sum(x)", None, Some(locals))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(total, 12);
    });
}

#[test]
fn eval_and_run_report_python_errors() {
    Python::with_gil(|py| {
        let err = py.eval("x = 1", None, None).unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PySyntaxError>(py));
        let err = py.run("raise KeyError('k')", None, None).unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyKeyError>(py));
        assert_eq!(err.to_string(), "KeyError: 'k'");
        let err = py.eval("1\0", None, None).unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyValueError>(py));
    });
}

#[test]
fn run_with_fresh_globals_gets_builtins() {
    Python::with_gil(|py| {
        let globals = PyDict::new(py);
        py.run("n = len([1, 2, 3])", Some(globals), None).unwrap();
        assert!(globals.contains("__builtins__").unwrap());
        let n: i64 = globals.get_item("n").unwrap().unwrap().extract().unwrap();
        assert_eq!(n, 3);
    });
}

#[test]
fn py_run_binds_variables_and_dedents() {
    Python::with_gil(|py| {
        let numbers = PyList::new(py, [3, 4]);
        let name = "pyo3";
        let count = 2i64;
        py_run!(
            py,
            numbers name count,
            r#"
            assert len(numbers) == count
            if name == "pyo3":
                numbers.append(5)
            "#
        );
        assert_eq!(numbers.len(), 3);
    });
}

#[test]
fn py_run_with_a_locals_dict_and_a_string_expression() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals.set_item("base", 10).unwrap();
        let code = String::from("result = base * 3");
        py_run!(py, *locals, code);
        let result: i64 = locals
            .get_item("result")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(result, 30);
    });
}

#[test]
fn py_run_panics_with_the_code_on_error() {
    Python::with_gil(|py| {
        let value = 1i64;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            py_run!(py, value, "assert value == 2, 'value is not two'");
        }));
        let payload = caught.unwrap_err();
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_default();
        assert!(message.contains("assert value == 2"), "{message}");
        // The error was printed and cleared, not left pending.
        assert!(!PyErr::occurred(py));
    });
}

#[test]
fn singletons_and_version() {
    Python::with_gil(|py| {
        assert!(py.None().is_none(py));
        assert!(py.Ellipsis().as_ref(py).is_ellipsis());
        let not_implemented = py.eval("NotImplemented", None, None).unwrap();
        assert!(py.NotImplemented().is(not_implemented));
        assert!(py.True().is_true());
        assert!(!py.False().is_true());
        let info = py.version_info();
        let (major, minor): (u8, u8) = py
            .eval("__import__('sys').version_info[:2]", None, None)
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!((info.major, info.minor), (major, minor));
        assert!(info >= (3, 9));
        assert!(py.version().starts_with(&format!("{major}.{minor}")));
        py.check_signals().unwrap();
    });
}

#[test]
fn new_pool_releases_when_dropped() {
    Python::with_gil(|py| {
        let base = owned_object_count();
        for _ in 0..10 {
            // SAFETY: the pool is the innermost scope and dropped at the end of each
            // iteration; only its own token creates references inside.
            let pool = unsafe { py.new_pool() };
            let py = pool.python();
            let _list = PyList::empty(py);
            assert_eq!(owned_object_count(), base + 1);
        }
        assert_eq!(owned_object_count(), base);
    });
}
