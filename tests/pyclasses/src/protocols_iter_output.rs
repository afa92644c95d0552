//! Protocols, groups 5 and 7: `__next__` returning `IterNextOutput` and `__anext__`
//! returning `IterANextOutput`, which end the iteration with a value as a generator's
//! `return` does.

use pyo3::prelude::*;
use pyo3::pyclass::{IterANextOutput, IterNextOutput};

/// Counts down from `n`, then returns `result` (through `StopIteration.value`).
#[pyclass(module = "pyclasses.protocols_iter_output")]
struct Countdown {
    n: usize,
    result: PyObject,
}

#[pymethods]
impl Countdown {
    #[new]
    fn new(n: usize, result: PyObject) -> Self {
        Countdown { n, result }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> IterNextOutput<usize, PyObject> {
        if self.n == 0 {
            return IterNextOutput::Return(self.result.clone_ref(py));
        }
        self.n -= 1;
        IterNextOutput::Yield(self.n)
    }
}

/// An awaitable that is its own iterator and finishes at once with `value`.
#[pyclass(module = "pyclasses.protocols_iter_output")]
struct Done {
    value: PyObject,
}

#[pymethods]
impl Done {
    #[new]
    fn new(value: PyObject) -> Self {
        Done { value }
    }

    fn __await__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<IterNextOutput<PyObject, PyObject>> {
        Ok(IterNextOutput::Return(self.value.clone_ref(py)))
    }
}

/// The asynchronous twin of `Countdown`.
#[pyclass(module = "pyclasses.protocols_iter_output")]
struct ACountdown {
    n: usize,
    result: PyObject,
}

#[pymethods]
impl ACountdown {
    #[new]
    fn new(n: usize, result: PyObject) -> Self {
        ACountdown { n, result }
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&mut self, py: Python<'_>) -> IterANextOutput<Done, PyObject> {
        if self.n == 0 {
            return IterANextOutput::Return(self.result.clone_ref(py));
        }
        self.n -= 1;
        IterANextOutput::Yield(Done {
            value: self.n.into_py(py),
        })
    }
}

/// The `protocols_iter_output` submodule.
#[pymodule]
pub fn protocols_iter_output(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Countdown>()?;
    m.add_class::<Done>()?;
    m.add_class::<ACountdown>()?;
    Ok(())
}
