//! Raw C-API helpers of argument matching. None of them parks anything in the pool:
//! matching runs in calls that may have no pool scope open.

use std::os::raw::c_char;
use std::ptr::NonNull;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::Py;
use crate::python::Python;
use crate::types::{PyAny, PyString};

/// Copies the positional arguments into the first slots. Written as a bounded loop of
/// word moves: a `memcpy` call for one or two words costs more than the rest of a call.
#[inline(always)]
pub(super) fn copy_positional<'py, const N: usize>(
    slots: &mut [Option<&'py PyAny>; N],
    args: &[&'py PyAny],
) {
    let n = args.len().min(N);
    let mut i = 0;
    while i < n {
        slots[i] = Some(args[i]);
        i += 1;
    }
}

/// The UTF-8 contents of a `str` object (borrowed from the object's cache where the C API
/// allows); `None` for strings that are not valid UTF-8 (lone surrogates) or non-strings.
pub(super) fn str_contents(obj: &PyAny) -> Option<std::borrow::Cow<'_, str>> {
    // SAFETY: `obj` is a live object.
    if unsafe { ffi::PyUnicode_Check(obj.as_ptr()) } == 0 {
        return None;
    }
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    {
        let mut size: ffi::Py_ssize_t = 0;
        // SAFETY: `obj` is a str; the buffer is cached in the object and lives as long as it.
        let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut size) };
        if data.is_null() {
            // SAFETY: the GIL is held; the encoding error is not ours to report.
            unsafe { ffi::PyErr_Clear() };
            return None;
        }
        // SAFETY: CPython returns `size` bytes of valid UTF-8 at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size as usize) };
        std::str::from_utf8(bytes)
            .ok()
            .map(std::borrow::Cow::Borrowed)
    }
    #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
    {
        // SAFETY: `obj` is a str; the result is a new bytes object or null.
        let bytes = unsafe { NonNull::new(ffi::PyUnicode_AsUTF8String(obj.as_ptr())) };
        let Some(bytes) = bytes else {
            // SAFETY: the GIL is held; the encoding error is not ours to report.
            unsafe { ffi::PyErr_Clear() };
            return None;
        };
        // SAFETY: an owned reference, released by the guard.
        let bytes = unsafe { TempRef::from_owned(bytes) };
        // SAFETY: `bytes` is a bytes object; its buffer lives as long as the guard.
        let text = unsafe {
            let data = ffi::PyBytes_AsString(bytes.as_any().as_ptr());
            let size = ffi::PyBytes_Size(bytes.as_any().as_ptr());
            std::slice::from_raw_parts(data.cast::<u8>(), size as usize)
        };
        std::str::from_utf8(text)
            .ok()
            .map(|t| std::borrow::Cow::Owned(t.to_owned()))
    }
}

/// An interned `str`.
pub(super) fn intern(py: Python<'_>, name: &str) -> PyResult<Py<PyString>> {
    // SAFETY: the pointer and length describe valid UTF-8; the result is owned or null, and
    // InternInPlace swaps it for the interned object, keeping one owned reference.
    unsafe {
        let mut ptr =
            ffi::PyUnicode_FromStringAndSize(name.as_ptr().cast::<c_char>(), name.len() as _);
        if !ptr.is_null() {
            ffi::PyUnicode_InternInPlace(&mut ptr);
        }
        Py::from_owned_ptr_or_err(py, ptr)
    }
}

/// A new tuple of `items`, owned by the returned guard.
pub(super) fn new_tuple(py: Python<'_>, items: &[&PyAny]) -> PyResult<TempRef> {
    // SAFETY: we fill each slot of the new tuple with a new reference.
    unsafe {
        let tuple = ffi::PyTuple_New(items.len() as ffi::Py_ssize_t);
        let Some(tuple) = NonNull::new(tuple) else {
            return Err(PyErr::fetch(py));
        };
        for (i, item) in items.iter().enumerate() {
            ffi::Py_IncRef(item.as_ptr());
            ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.as_ptr());
        }
        Ok(TempRef::from_owned(tuple))
    }
}

/// A new, empty dict owned by the returned guard.
pub(super) fn new_dict(py: Python<'_>) -> PyResult<TempRef> {
    // SAFETY: PyDict_New returns a new reference or null with an error set.
    match NonNull::new(unsafe { ffi::PyDict_New() }) {
        // SAFETY: an owned reference.
        Some(dict) => Ok(unsafe { TempRef::from_owned(dict) }),
        None => Err(PyErr::fetch(py)),
    }
}

pub(super) fn dict_set(py: Python<'_>, dict: &TempRef, key: &PyAny, value: &PyAny) -> PyResult<()> {
    // SAFETY: all three are live objects; SetItem takes its own references.
    let rc = unsafe { ffi::PyDict_SetItem(dict.as_any().as_ptr(), key.as_ptr(), value.as_ptr()) };
    crate::err::error_on_minus_one(py, rc)
}

/// # Safety
/// `tuple` must be a tuple.
pub(super) unsafe fn tuple_len(tuple: *mut ffi::PyObject) -> usize {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_GET_SIZE(tuple) as usize
    }
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_Size(tuple) as usize
    }
}

/// Item `i` of a tuple, borrowed for as long as the tuple lives.
///
/// # Safety
/// `tuple` must be a tuple with more than `i` items.
pub(super) unsafe fn tuple_item(tuple: &PyAny, i: usize) -> &PyAny {
    // SAFETY: forwarded from the caller; tuples are immutable, so the item lives as long
    // as the tuple.
    unsafe { &*crate::types::tuple::tuple_item(tuple.as_ptr(), i).cast::<PyAny>() }
}
