//! Drop counting: each Rust value of a class instance is dropped exactly once, at every
//! level of a class chain, whether the instance dies by refcount or by the collector.

use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;

static BASE_DROPS: AtomicUsize = AtomicUsize::new(0);
static CHILD_DROPS: AtomicUsize = AtomicUsize::new(0);

/// Counts its drops.
#[pyclass(module = "pyclasses.drops", subclass, dict)]
struct Tracked {
    payload: Vec<u8>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        BASE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl Tracked {
    #[new]
    #[pyo3(signature = (size = 0))]
    fn new(size: usize) -> Self {
        Tracked {
            payload: vec![0; size],
        }
    }

    fn size(&self) -> usize {
        self.payload.len()
    }
}

#[pyclass(module = "pyclasses.drops", extends = Tracked)]
struct TrackedChild {}

impl Drop for TrackedChild {
    fn drop(&mut self) {
        CHILD_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl TrackedChild {
    #[new]
    #[pyo3(signature = (size = 0))]
    fn new(size: usize) -> (Self, Tracked) {
        (TrackedChild {}, Tracked::new(size))
    }
}

/// `(base drops, child drops)` so far.
#[pyfunction]
fn drops() -> (usize, usize) {
    (
        BASE_DROPS.load(Ordering::SeqCst),
        CHILD_DROPS.load(Ordering::SeqCst),
    )
}

/// Creates and drops `n` instances from Rust.
#[pyfunction]
fn churn(py: Python<'_>, n: usize) -> PyResult<()> {
    for _ in 0..n {
        drop(Py::new(
            py,
            Tracked {
                payload: Vec::new(),
            },
        )?);
    }
    Ok(())
}

#[pymodule]
#[pyo3(name = "drops")]
pub fn drops_module(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Tracked>()?;
    m.add_class::<TrackedChild>()?;
    m.add_function(wrap_pyfunction!(drops, m)?)?;
    m.add_function(wrap_pyfunction!(churn, m)?)?;
    Ok(())
}
