//! `OsStr`/`OsString` ↔ `str`.
//!
//! On Unix a string converts to bytes with the file-system encoding and its
//! `surrogateescape` handler (`os.fsencode`), so any `OsString` survives the round trip
//! through Python: bytes that are not valid UTF-8 become lone surrogates in the `str`
//! (`os.fsdecode`), and come back unchanged. Such a `str` does not extract as `String`
//! (`UnicodeEncodeError`). On other platforms the string must be valid Unicode.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::{PyAny, PyString};

/// A `str` for `s`: direct for UTF-8, else decoded with the file-system encoding.
pub(crate) fn os_str_to_py(py: Python<'_>, s: &OsStr) -> PyObject {
    if let Some(utf8) = s.to_str() {
        // SAFETY: `new_raw` returns a new reference or null with an error set.
        return unsafe { PyObject::from_owned_ptr(py, crate::types::string::new_raw(utf8)) };
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = s.as_bytes();
        // SAFETY: pointer and length describe `bytes`; the result is a new reference, or
        // null on memory exhaustion (surrogateescape decodes any bytes).
        unsafe {
            PyObject::from_owned_ptr(
                py,
                ffi::PyUnicode_DecodeFSDefaultAndSize(
                    bytes.as_ptr().cast(),
                    bytes.len() as ffi::Py_ssize_t,
                ),
            )
        }
    }
    #[cfg(not(unix))]
    {
        // SAFETY: `new_raw` returns a new reference or null with an error set.
        unsafe { PyObject::from_owned_ptr(py, crate::types::string::new_raw(&s.to_string_lossy())) }
    }
}

impl FromPyObject<'_> for OsString {
    /// Accepts `str` only (`'bytes' object cannot be converted to 'str'`).
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let string = ob.downcast::<PyString>()?;
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let py = ob.py();
            // SAFETY: `string` is a str; the result is a new bytes object or null.
            let encoded = unsafe {
                PyObject::from_owned_ptr_or_err(py, ffi::PyUnicode_EncodeFSDefault(string.as_ptr()))
            }?;
            let bytes: &crate::types::PyBytes = encoded.as_any(py).downcast()?;
            Ok(OsStr::from_bytes(bytes.as_bytes()).to_os_string())
        }
        #[cfg(not(unix))]
        {
            string.to_str().map(OsString::from)
        }
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for OsStr {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self)
    }
}

impl IntoPy<PyObject> for &OsStr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for OsString {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self)
    }
}

impl IntoPy<PyObject> for OsString {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl IntoPy<PyObject> for &OsString {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Cow<'_, OsStr> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, self)
    }
}

impl IntoPy<PyObject> for Cow<'_, OsStr> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        os_str_to_py(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}
