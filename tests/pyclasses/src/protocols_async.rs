//! Protocols, group 7: awaitables and asynchronous iterators (`__await__`, `__aiter__`,
//! `__anext__`).

use pyo3::exceptions::{PyStopAsyncIteration, PyStopIteration};
use pyo3::prelude::*;

/// An awaitable that completes at once with its value.
#[pyclass(module = "pyclasses.protocols_async")]
struct Ready {
    value: PyObject,
}

#[pymethods]
impl Ready {
    #[new]
    fn new(value: PyObject) -> Self {
        Ready { value }
    }

    fn __await__(&self, py: Python<'_>) -> ReadyIter {
        ReadyIter {
            value: Some(self.value.clone_ref(py)),
        }
    }
}

/// The iterator `__await__` returns: it finishes at once with the value.
#[pyclass(module = "pyclasses.protocols_async")]
struct ReadyIter {
    value: Option<PyObject>,
}

#[pymethods]
impl ReadyIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> PyResult<Option<PyObject>> {
        match self.value.take() {
            Some(value) => Err(PyStopIteration::new_err((value,))),
            None => Ok(None),
        }
    }
}

/// Counts asynchronously from 0 up to `n`.
#[pyclass(module = "pyclasses.protocols_async")]
struct ACounter {
    next: i64,
    n: i64,
}

#[pymethods]
impl ACounter {
    #[new]
    fn new(n: i64) -> Self {
        ACounter { next: 0, n }
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&mut self, py: Python<'_>) -> PyResult<Ready> {
        if self.next >= self.n {
            return Err(PyStopAsyncIteration::new_err(()));
        }
        self.next += 1;
        Ok(Ready {
            value: (self.next - 1).into_py(py),
        })
    }
}

/// The `protocols_async` submodule.
#[pymodule]
pub fn protocols_async(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Ready>()?;
    m.add_class::<ACounter>()?;
    Ok(())
}
