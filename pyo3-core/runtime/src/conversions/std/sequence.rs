//! Reading the items of a list, a tuple or any other sequence, with exact `list` and
//! `tuple` objects read straight from their item arrays.

use std::ptr::NonNull;

use crate::err::{PyDowncastError, PyErr, PyResult};
use crate::ffi;
use crate::impl_::TempRef;
use crate::types::PyAny;

/// The number of items of an exact list.
///
/// # Safety
/// `list` must be a list.
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
unsafe fn list_len(list: *mut ffi::PyObject) -> usize {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    let len = unsafe { ffi::PyList_GET_SIZE(list) };
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller.
    let len = unsafe { ffi::PyList_Size(list) };
    len as usize
}

/// Item `index` of a list, borrowed.
///
/// # Safety
/// `list` must be a list with more than `index` items.
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
unsafe fn list_item(list: *mut ffi::PyObject, index: usize) -> *mut ffi::PyObject {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    let item = unsafe { ffi::PyList_GET_ITEM(list, index as ffi::Py_ssize_t) };
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller.
    let item = unsafe { ffi::PyList_GetItem(list, index as ffi::Py_ssize_t) };
    item
}

/// Whether the items of `obj` can be read straight from its item array.
#[inline(always)]
fn is_exact_tuple(obj: &PyAny) -> bool {
    // SAFETY: `obj` is a valid object.
    unsafe { ffi::PyTuple_CheckExact(obj.as_ptr()) != 0 }
}

/// Whether `obj` is an exact list whose item array we may read (not on free-threaded
/// builds, where another thread may resize it under us).
#[inline(always)]
fn is_readable_list(obj: &PyAny) -> bool {
    // SAFETY: `obj` is a valid object.
    cfg!(not(Py_GIL_DISABLED)) && unsafe { ffi::PyList_CheckExact(obj.as_ptr()) != 0 }
}

/// The downcast error for something that is not a sequence.
fn not_a_sequence(obj: &PyAny) -> PyErr {
    PyDowncastError::new(obj, "Sequence").into()
}

/// How many items `obj` announces, for reserving space: `len(obj)` for sequences, 0 when
/// that fails or `obj` is no sequence (iteration then reports the error).
#[inline]
pub(crate) fn len_hint(obj: &PyAny) -> usize {
    if is_exact_tuple(obj) {
        // SAFETY: `obj` is a tuple.
        return unsafe { ffi::PyTuple_Size(obj.as_ptr()) } as usize;
    }
    #[cfg(not(Py_GIL_DISABLED))]
    if is_readable_list(obj) {
        // SAFETY: `obj` is a list.
        return unsafe { list_len(obj.as_ptr()) };
    }
    // SAFETY: `obj` is a valid object.
    if unsafe { ffi::PySequence_Check(obj.as_ptr()) } == 0 {
        return 0;
    }
    // SAFETY: `obj` is a valid object; -1 signals an error, which we drop.
    let len = unsafe { ffi::PyObject_Size(obj.as_ptr()) };
    if len < 0 {
        let _ = PyErr::take(obj.py());
        return 0;
    }
    len as usize
}

/// The number of items a dict, set or other sized container holds, for reserving space; 0
/// when it has no cheap length (extraction then reports any error itself).
#[inline]
pub(crate) fn len_hint_any(obj: &PyAny) -> usize {
    // SAFETY: `obj` is a valid object; -1 signals an error, which we drop.
    let len = unsafe { ffi::PyObject_Size(obj.as_ptr()) };
    if len < 0 {
        let _ = PyErr::take(obj.py());
        return 0;
    }
    len as usize
}

/// `len(obj)` for a sequence; the `'X' object cannot be converted to 'Sequence'` error
/// for anything else.
pub(crate) fn sequence_len(obj: &PyAny) -> PyResult<usize> {
    if is_exact_tuple(obj) || is_readable_list(obj) {
        return Ok(len_hint(obj));
    }
    // SAFETY: `obj` is a valid object.
    if unsafe { ffi::PySequence_Check(obj.as_ptr()) } == 0 {
        return Err(not_a_sequence(obj));
    }
    obj.len()
}

/// Calls `visit` on each item of the sequence `obj`, in order.
///
/// Exact lists and tuples are read from their item arrays; a list is re-measured before
/// every item, because extracting an item may run Python code that shrinks it. Anything
/// else must pass `PySequence_Check` and is iterated; its items are held by a stack
/// reference while visited, never by the pool.
///
/// `visit` gets a borrowed pointer that is valid when the call starts; like
/// `FromPyObject::extract_item`, it must take its own reference before running anything
/// that could release the item.
pub(crate) fn for_each_item(
    obj: &PyAny,
    mut visit: impl FnMut(NonNull<ffi::PyObject>) -> PyResult<()>,
) -> PyResult<()> {
    let ptr = obj.as_ptr();
    if is_exact_tuple(obj) {
        // SAFETY: `ptr` is a tuple.
        let len = unsafe { ffi::PyTuple_Size(ptr) } as usize;
        for index in 0..len {
            // SAFETY: in bounds; a tuple holds its items for as long as it lives.
            let item = unsafe { crate::types::tuple::tuple_item(ptr, index) };
            // SAFETY: items of a tuple are never null.
            visit(unsafe { NonNull::new_unchecked(item) })?;
        }
        return Ok(());
    }
    #[cfg(not(Py_GIL_DISABLED))]
    if is_readable_list(obj) {
        let mut index = 0;
        // SAFETY: `ptr` is a list; the length is read again after every visit.
        while index < unsafe { list_len(ptr) } {
            // SAFETY: in bounds (checked just above, and nothing ran since); the list holds
            // the item until `visit` takes its own reference.
            let item = unsafe { list_item(ptr, index) };
            // SAFETY: items of a list are never null.
            visit(unsafe { NonNull::new_unchecked(item) })?;
            index += 1;
        }
        return Ok(());
    }
    // SAFETY: `ptr` is a valid object.
    if unsafe { ffi::PySequence_Check(ptr) } == 0 {
        return Err(not_a_sequence(obj));
    }
    for_each_iterated(obj, visit)
}

/// Calls `visit` on each item that `iter(obj)` yields; each is held by a stack reference
/// while visited.
pub(crate) fn for_each_iterated(
    obj: &PyAny,
    mut visit: impl FnMut(NonNull<ffi::PyObject>) -> PyResult<()>,
) -> PyResult<()> {
    let py = obj.py();
    // SAFETY: `obj` is valid; GetIter returns a new reference or null with an error set.
    let iter = match NonNull::new(unsafe { ffi::PyObject_GetIter(obj.as_ptr()) }) {
        // SAFETY: an owned reference, released by the guard.
        Some(iter) => unsafe { TempRef::from_owned(iter) },
        None => return Err(PyErr::fetch(py)),
    };
    loop {
        // SAFETY: `iter` is an iterator; Next returns a new reference, or null at the end
        // or with an error set.
        let next = unsafe { ffi::PyIter_Next(iter.as_any().as_ptr()) };
        let Some(item) = NonNull::new(next) else {
            return match PyErr::take(py) {
                Some(err) => Err(err),
                None => Ok(()),
            };
        };
        // SAFETY: an owned reference, released after the visit.
        let _guard = unsafe { TempRef::from_owned(item) };
        visit(item)?;
    }
}
