//! `()` converts to `None`.

use crate::conversion::{IntoPy, ToPyObject};
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::PyTuple;

impl ToPyObject for () {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        py.None()
    }
}

impl IntoPy<PyObject> for () {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        py.None()
    }
    const GIL_INDEPENDENT: bool = true;
}

impl IntoPy<Py<PyTuple>> for () {
    /// No call arguments: the empty tuple.
    fn into_py(self, py: Python<'_>) -> Py<PyTuple> {
        PyTuple::empty(py).into()
    }
}
