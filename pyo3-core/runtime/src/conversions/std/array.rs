//! `[T; N]` ↔ `list`: extraction takes any sequence of exactly `N` items.

use std::ptr::NonNull;

use super::sequence::{for_each_item, sequence_len};
use super::vec::{list_from_iter, with_item};
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// The error for a sequence of the wrong length, in PyO3's wording.
fn wrong_length(expected: usize, actual: usize) -> PyErr {
    PyValueError::new_err(format!(
        "expected a sequence of length {expected} (got {actual})"
    ))
}

/// Extracts exactly `N` items of the sequence `ob`; `ob` need only live for the call.
fn extract_array<'s, T: FromPyObject<'s>, const N: usize>(
    py: Python<'s>,
    ob: &PyAny,
) -> PyResult<[T; N]> {
    let len = sequence_len(ob)?;
    if len != N {
        return Err(wrong_length(N, len));
    }
    let mut items = Vec::with_capacity(N);
    for_each_item(ob, |item| {
        // SAFETY: the item is valid when visited; `extract_item` takes its own reference.
        items.push(unsafe { T::extract_item(py, item) }?);
        Ok(())
    })?;
    // A list may have changed length while its items were extracted.
    items
        .try_into()
        .map_err(|items: Vec<T>| wrong_length(N, items.len()))
}

impl<'s, T: FromPyObject<'s>, const N: usize> FromPyObject<'s> for [T; N] {
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_array(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_array(py, ob)) }
    }
}

impl<T: ToPyObject, const N: usize> ToPyObject for [T; N] {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.as_slice().to_object(py)
    }
}

impl<T: IntoPy<PyObject>, const N: usize> IntoPy<PyObject> for [T; N] {
    fn into_py(self, py: Python<'_>) -> PyObject {
        list_from_iter(py, self.into_iter().map(|e| e.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}
