//! `#[pyfunction]` and `#[pymodule]` from an embedded interpreter: the Rust side of what
//! the Python suite in `tests/pyfunctions` checks in depth.

mod common;

use common::run;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pyfunction]
#[pyo3(signature = (a, b = 2, *, c = 3))]
fn kw(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

/// Echoes its argument.
#[pyfunction]
fn echo<'py>(py: Python<'py>, value: &'py PyAny) -> &'py PyAny {
    let _ = py;
    value
}

#[test]
fn calls_with_positional_and_keyword_arguments() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals
            .set_item("add", wrap_pyfunction!(add, py).unwrap())
            .unwrap();
        locals
            .set_item("kw", wrap_pyfunction!(kw)(py).unwrap())
            .unwrap();
        locals
            .set_item("echo", wrap_pyfunction!(echo, py).unwrap())
            .unwrap();
        run(py, locals, "assert add(1, 2) == 3");
        run(py, locals, "assert add(a=1, b=2) == 3");
        run(
            py,
            locals,
            "assert kw(1) == 6 and kw(1, c=5) == 8 and kw(1, 1, c=1) == 3",
        );
        run(py, locals, "o = object(); assert echo(o) is o");
        run(py, locals, "assert echo.__doc__ == 'Echoes its argument.'");
        run(py, locals, "assert echo.__text_signature__ == '(value)'");
        run(
            py,
            locals,
            "assert kw.__text_signature__ == '(a, b=2, *, c=3)'",
        );
        run(
            py,
            locals,
            "try:\n    kw()\nexcept TypeError as e:\n    assert str(e) == \"kw() missing 1 required positional argument: 'a'\", str(e)\nelse:\n    raise AssertionError",
        );
        run(
            py,
            locals,
            "try:\n    add(1, 'x')\nexcept TypeError as e:\n    assert str(e) == \"argument 'b': 'str' object cannot be interpreted as an integer\", str(e)\nelse:\n    raise AssertionError",
        );
    });
}

#[test]
fn closures_become_functions() {
    Python::with_gil(|py| {
        let counter = std::sync::atomic::AtomicUsize::new(0);
        let f = PyCFunction::new_closure(
            py,
            Some("count"),
            Some("Counts calls."),
            move |args: &PyTuple, kwargs: Option<&PyDict>| -> PyResult<usize> {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok(n + args.len() + kwargs.map_or(0, |k| k.len()))
            },
        )
        .unwrap();
        let locals = PyDict::new(py);
        locals.set_item("count", f).unwrap();
        run(
            py,
            locals,
            "assert count() == 0 and count(1, 2) == 3 and count(x=1) == 3",
        );
        run(
            py,
            locals,
            "assert count.__name__ == 'count' and count.__doc__ == 'Counts calls.'",
        );
    });
}

mod pool_decision {
    //! Which functions open a pool scope, decided at compile time.

    use pyo3::impl_::pyfunction::PyFunctionImpl;
    use pyo3::prelude::*;
    use pyo3::types::PyList;

    #[pyfunction]
    fn ints(a: i64, b: Option<u32>) -> i64 {
        a + i64::from(b.unwrap_or(0))
    }

    #[pyfunction]
    fn strings(s: String) -> PyResult<String> {
        Ok(s)
    }

    #[pyfunction]
    fn owned(obj: PyObject) -> PyObject {
        obj
    }

    #[pyfunction]
    fn borrowed(obj: &PyAny) -> usize {
        obj.len().unwrap_or(0)
    }

    #[pyfunction]
    fn token(py: Python<'_>) -> &PyList {
        PyList::empty(py)
    }

    #[pyfunction]
    fn str_slice(s: &str) -> usize {
        s.len()
    }

    #[pyfunction]
    #[pyo3(pass_module)]
    fn module(m: &PyModule) -> String {
        m.name().unwrap_or_default().to_owned()
    }

    fn len_of(obj: &PyAny) -> PyResult<usize> {
        obj.len()
    }

    #[pyfunction]
    fn with(#[pyo3(from_py_with = "len_of")] n: usize) -> usize {
        n
    }

    fn needs_pool<T: PyFunctionImpl>() -> bool {
        T::NEEDS_POOL
    }

    #[test]
    fn gil_independent_signatures_need_no_pool() {
        assert!(!needs_pool::<ints::MakeDef>());
        assert!(!needs_pool::<strings::MakeDef>());
        assert!(!needs_pool::<owned::MakeDef>());
    }

    #[test]
    fn tokens_and_gil_bound_references_need_a_pool() {
        assert!(needs_pool::<borrowed::MakeDef>());
        assert!(needs_pool::<token::MakeDef>());
        assert!(needs_pool::<str_slice::MakeDef>());
        assert!(needs_pool::<module::MakeDef>());
        assert!(needs_pool::<with::MakeDef>());
    }
}
