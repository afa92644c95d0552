//! `Cell<T>` for `T: Copy` converts as its value.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

impl<T: Copy + ToPyObject> ToPyObject for Cell<T> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.get().to_object(py)
    }
}

impl<T: Copy + IntoPy<PyObject>> IntoPy<PyObject> for Cell<T> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.get().into_py(py)
    }
    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}

impl<'s, T: FromPyObject<'s>> FromPyObject<'s> for Cell<T> {
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        T::extract(ob).map(Cell::new)
    }

    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { T::extract_item(py, item) }.map(Cell::new)
    }
}
