//! `Path`/`PathBuf` ↔ `str`.
//!
//! Extraction follows `os.fspath`: a `str` or any `os.PathLike` (`pathlib.Path`) whose
//! `__fspath__` returns a `str`; other objects raise `TypeError: expected str, bytes or
//! os.PathLike object, not int`. Conversion to Python gives a `str` (as in PyO3 0.20),
//! with non-UTF-8 paths decoded as `os.fsdecode` does (see `OsString`).

use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::osstr::os_str_to_py;
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

impl FromPyObject<'_> for PathBuf {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        // SAFETY: `ob` is valid; PyOS_FSPath returns a new reference or null with an error.
        let fspath = unsafe { PyObject::from_owned_ptr_or_err(py, ffi::PyOS_FSPath(ob.as_ptr())) }?;
        fspath.as_any(py).extract::<OsString>().map(PathBuf::from)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for Path {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
}

impl IntoPy<PyObject> for &Path {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for PathBuf {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
}

impl IntoPy<PyObject> for PathBuf {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
    const GIL_INDEPENDENT: bool = true;
}

impl IntoPy<PyObject> for &PathBuf {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Cow<'_, Path> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
}

impl IntoPy<PyObject> for Cow<'_, Path> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self.as_os_str())
    }
    const GIL_INDEPENDENT: bool = true;
}
