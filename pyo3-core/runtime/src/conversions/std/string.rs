//! Strings: `str`, `String`, `Cow<str>`, `Box<str>`, `char`.

use std::borrow::Cow;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::exceptions::PyValueError;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::{PyAny, PyString};

/// A new `str` object as an owned `PyObject`.
#[inline]
fn new_str(py: Python<'_>, s: &str) -> PyObject {
    // SAFETY: `new_raw` returns a new reference or null with an error set.
    unsafe { PyObject::from_owned_ptr(py, crate::types::string::new_raw(s)) }
}

impl ToPyObject for str {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
}

impl IntoPy<PyObject> for &str {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl IntoPy<Py<PyString>> for &str {
    #[inline]
    fn into_py(self, py: Python<'_>) -> Py<PyString> {
        // SAFETY: `new_raw` returns a new `str` reference or null with an error set.
        unsafe { Py::from_owned_ptr(py, crate::types::string::new_raw(self)) }
    }
}

impl IntoPy<Py<PyString>> for &PyString {
    #[inline]
    fn into_py(self, _py: Python<'_>) -> Py<PyString> {
        self.into()
    }
}

impl IntoPy<Py<PyString>> for String {
    #[inline]
    fn into_py(self, py: Python<'_>) -> Py<PyString> {
        self.as_str().into_py(py)
    }
}

impl IntoPy<Py<PyString>> for &String {
    #[inline]
    fn into_py(self, py: Python<'_>) -> Py<PyString> {
        self.as_str().into_py(py)
    }
}

impl IntoPy<Py<PyString>> for &Py<PyString> {
    #[inline]
    fn into_py(self, py: Python<'_>) -> Py<PyString> {
        self.clone_ref(py)
    }
}

impl IntoPy<Py<PyString>> for Py<PyString> {
    #[inline]
    fn into_py(self, _py: Python<'_>) -> Py<PyString> {
        self
    }
}

impl ToPyObject for String {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
}

impl IntoPy<PyObject> for String {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_str(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl IntoPy<PyObject> for &String {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Cow<'_, str> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
}

impl IntoPy<PyObject> for Cow<'_, str> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_str(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Box<str> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_str(py, self)
    }
}

impl IntoPy<PyObject> for Box<str> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        new_str(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for char {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        let mut buf = [0u8; 4];
        new_str(py, self.encode_utf8(&mut buf))
    }
}

impl IntoPy<PyObject> for char {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

/// Borrows the UTF-8 form that CPython caches in the string object: no copy.
impl<'source> FromPyObject<'source> for &'source str {
    #[inline]
    fn extract(ob: &'source PyAny) -> PyResult<Self> {
        ob.downcast::<PyString>()?.to_str()
    }
}

impl<'source> FromPyObject<'source> for Cow<'source, str> {
    fn extract(ob: &'source PyAny) -> PyResult<Self> {
        ob.downcast::<PyString>()?.to_str().map(Cow::Borrowed)
    }
}

impl FromPyObject<'_> for String {
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        ob.downcast::<PyString>()?.to_owned_string()
    }
    crate::gil_independent_extract!();
}

impl FromPyObject<'_> for Box<str> {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        ob.downcast::<PyString>()?.to_owned_string().map(Box::from)
    }
    crate::gil_independent_extract!();
}

impl FromPyObject<'_> for char {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let s = ob.downcast::<PyString>()?.to_owned_string()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(PyValueError::new_err("expected a string of length 1")),
        }
    }
    crate::gil_independent_extract!();
}
