//! `Option<T>`: `None` maps to Python's `None`.

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

impl<T: ToPyObject> ToPyObject for Option<T> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        match self {
            Some(v) => v.to_object(py),
            None => py.None(),
        }
    }
}

impl<T: IntoPy<PyObject>> IntoPy<PyObject> for Option<T> {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        match self {
            Some(v) => v.into_py(py),
            None => py.None(),
        }
    }
    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}

impl<'source, T: FromPyObject<'source>> FromPyObject<'source> for Option<T> {
    #[inline]
    fn extract(ob: &'source PyAny) -> PyResult<Self> {
        if ob.is_none() {
            Ok(None)
        } else {
            T::extract(ob).map(Some)
        }
    }
    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;

    #[inline]
    unsafe fn extract_item(
        py: Python<'source>,
        item: std::ptr::NonNull<crate::ffi::PyObject>,
    ) -> PyResult<Self> {
        // SAFETY: reading a static's address.
        if item.as_ptr() == unsafe { crate::ffi::Py_None() } {
            Ok(None)
        } else {
            // SAFETY: forwarded from the caller.
            unsafe { T::extract_item(py, item) }.map(Some)
        }
    }
}
