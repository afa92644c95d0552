//! Protocols, group 6: the cycle collector (`__traverse__`, `__clear__`), alone and
//! combined with an instance `__dict__`.

use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::{PyTraverseError, PyVisit};

static NODE_DROPS: AtomicUsize = AtomicUsize::new(0);
static DICT_NODE_DROPS: AtomicUsize = AtomicUsize::new(0);

/// A node that may point at another; cycles are collectable.
#[pyclass(module = "pyclasses.protocols_gc")]
struct Node {
    #[pyo3(get, set)]
    other: Option<Py<Node>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        NODE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl Node {
    #[new]
    fn new() -> Self {
        Node { other: None }
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Some(other) = &self.other {
            visit.call(other)?;
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.other = None;
    }

    /// Calls `f` while `self` is mutably borrowed (a collection then must skip it).
    fn while_borrowed(&mut self, f: &PyAny) -> PyResult<PyObject> {
        f.call0().map(Into::into)
    }

    #[staticmethod]
    fn drops() -> usize {
        NODE_DROPS.load(Ordering::SeqCst)
    }
}

/// A node with a `__dict__` as well: both its field and its dict can close a cycle.
#[pyclass(dict, weakref, module = "pyclasses.protocols_gc")]
struct DictNode {
    #[pyo3(get, set)]
    other: Option<Py<DictNode>>,
}

impl Drop for DictNode {
    fn drop(&mut self) {
        DICT_NODE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl DictNode {
    #[new]
    fn new() -> Self {
        DictNode { other: None }
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.other)
    }

    fn __clear__(&mut self) {
        self.other = None;
    }

    #[staticmethod]
    fn drops() -> usize {
        DICT_NODE_DROPS.load(Ordering::SeqCst)
    }
}

/// The `protocols_gc` submodule.
#[pymodule]
pub fn protocols_gc(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Node>()?;
    m.add_class::<DictNode>()?;
    Ok(())
}
