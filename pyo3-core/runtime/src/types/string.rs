//! `PyString`: Python's `str`.

use std::borrow::Cow;
use std::os::raw::c_char;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `str`.
#[repr(transparent)]
pub struct PyString(PyAny);

crate::pyobject_native_type!(
    PyString,
    ffi::PyUnicode_Type,
    "str",
    check = ffi::PyUnicode_Check
);

impl PyString {
    /// Creates a new string.
    pub fn new<'py>(py: Python<'py>, s: &str) -> &'py PyString {
        // SAFETY: the pointer and length describe valid UTF-8; the result is a new reference.
        unsafe { py.from_owned_ptr(new_raw(s)) }
    }

    /// Creates an interned string: equal strings share one object, and attribute lookups
    /// with it are faster. For string literals prefer [`intern!`](crate::intern).
    pub fn intern<'py>(py: Python<'py>, s: &str) -> &'py PyString {
        // SAFETY: as in `new`; InternInPlace replaces the reference with the interned one.
        unsafe {
            let mut ptr = new_raw(s);
            if !ptr.is_null() {
                ffi::PyUnicode_InternInPlace(&mut ptr);
            }
            py.from_owned_ptr(ptr)
        }
    }

    /// Creates a string with `str(obj)` semantics for an object.
    pub fn from_object<'py>(
        src: &'py PyAny,
        encoding: &str,
        errors: &str,
    ) -> PyResult<&'py PyString> {
        let encoding = std::ffi::CString::new(encoding)?;
        let errors = std::ffi::CString::new(errors)?;
        // SAFETY: all pointers are valid; the result is a new reference or null.
        unsafe {
            src.py()
                .from_owned_ptr_or_err(ffi::PyUnicode_FromEncodedObject(
                    src.as_ptr(),
                    encoding.as_ptr(),
                    errors.as_ptr(),
                ))
        }
    }

    /// The string as UTF-8, borrowed from the object (CPython caches the UTF-8 form).
    /// Fails with `UnicodeEncodeError` on lone surrogates.
    ///
    /// Under the stable ABI of 3.9 there is no access to that cache: the UTF-8 form is
    /// built as a `bytes` object parked in the pool for `'py`.
    pub fn to_str(&self) -> PyResult<&str> {
        // A compact ASCII string is its own UTF-8: read it in place.
        #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
        // SAFETY: `self` is a str; a compact ASCII one stores `length` bytes of ASCII right
        // after its header, alive as long as the object.
        unsafe {
            let ptr = self.as_ptr();
            if ffi::PyUnicode_IS_COMPACT_ASCII(ptr) != 0 {
                let len = (*ptr.cast::<ffi::PyASCIIObject>()).length as usize;
                let data = ffi::PyUnicode_DATA(ptr).cast::<u8>();
                return Ok(std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                    data, len,
                )));
            }
        }
        #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
        {
            let mut size: ffi::Py_ssize_t = 0;
            // SAFETY: `self` is a str; the buffer lives as long as the object.
            let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(self.as_ptr(), &mut size) };
            if data.is_null() {
                return Err(PyErr::fetch(self.py()));
            }
            // SAFETY: CPython guarantees valid UTF-8 of `size` bytes, kept alive by `self`.
            Ok(unsafe {
                std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                    data as *const u8,
                    size as usize,
                ))
            })
        }
        #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
        {
            // SAFETY: `self` is a str; the result is a new bytes object or null.
            let bytes: &crate::types::PyBytes = unsafe {
                self.py()
                    .from_owned_ptr_or_err(ffi::PyUnicode_AsUTF8String(self.as_ptr()))?
            };
            // SAFETY: the codec produced valid UTF-8; the pool keeps the bytes alive for `'py`.
            Ok(unsafe { std::str::from_utf8_unchecked(bytes.as_bytes()) })
        }
    }

    /// The string copied into a Rust `String`, parking nothing in the pool (used by the
    /// GIL-independent extractions, which may run with no pool scope open).
    pub(crate) fn to_owned_string(&self) -> PyResult<String> {
        #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
        {
            self.to_str().map(str::to_owned)
        }
        #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
        {
            // SAFETY: `self` is a str; the result is a new bytes object or null, held by the
            // guard while we copy it.
            unsafe {
                let bytes = ffi::PyUnicode_AsUTF8String(self.as_ptr());
                let Some(bytes) = std::ptr::NonNull::new(bytes) else {
                    return Err(PyErr::fetch(self.py()));
                };
                let guard = crate::impl_::TempRef::from_owned(bytes);
                let data = ffi::PyBytes_AsString(guard.as_any().as_ptr()) as *const u8;
                let len = ffi::PyBytes_Size(guard.as_any().as_ptr()) as usize;
                let slice = std::slice::from_raw_parts(data, len);
                Ok(std::str::from_utf8_unchecked(slice).to_owned())
            }
        }
    }

    /// The string as UTF-8, with lone surrogates replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        match self.to_str() {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                let py = self.py();
                // SAFETY: encode with surrogatepass; the result is a new bytes object.
                let bytes: &crate::types::PyAny = unsafe {
                    py.from_owned_ptr(ffi::PyUnicode_AsEncodedString(
                        self.as_ptr(),
                        c"utf-8".as_ptr(),
                        c"surrogatepass".as_ptr(),
                    ))
                };
                // SAFETY: `bytes` is a bytes object alive for this borrow.
                let slice = unsafe {
                    let data = ffi::PyBytes_AsString(bytes.as_ptr()) as *const u8;
                    let len = ffi::PyBytes_Size(bytes.as_ptr()) as usize;
                    std::slice::from_raw_parts(data, len)
                };
                Cow::Owned(String::from_utf8_lossy(slice).into_owned())
            }
        }
    }

    /// Decodes the string as UTF-8 (`PyUnicode_AsUTF8AndSize`), an alias of `to_str`.
    pub fn to_cow(&self) -> PyResult<Cow<'_, str>> {
        self.to_str().map(Cow::Borrowed)
    }
}

/// A new `str` from UTF-8, as an owned raw pointer (null on error).
#[inline]
pub(crate) fn new_raw(s: &str) -> *mut ffi::PyObject {
    // An ASCII string is copied into a new compact ASCII object in one go, where the C
    // function would decode it byte by byte. Empty and one-character strings keep the C
    // function, which returns CPython's shared singletons for them.
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
    if s.len() > 1 && s.is_ascii() {
        // SAFETY: PyUnicode_New returns a new ASCII string of `s.len()` characters (its
        // terminating NUL already written) or null; we fill its data before anyone sees it.
        unsafe {
            let ob = ffi::PyUnicode_New(s.len() as ffi::Py_ssize_t, 127);
            if !ob.is_null() {
                std::ptr::copy_nonoverlapping(
                    s.as_ptr(),
                    ffi::PyUnicode_DATA(ob).cast::<u8>(),
                    s.len(),
                );
            }
            return ob;
        }
    }
    // SAFETY: the pointer and length describe valid UTF-8.
    unsafe {
        ffi::PyUnicode_FromStringAndSize(s.as_ptr() as *const c_char, s.len() as ffi::Py_ssize_t)
    }
}
