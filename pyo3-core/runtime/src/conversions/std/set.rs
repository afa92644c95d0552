//! `HashSet<K, S>` and `BTreeSet<K>` ↔ `set`.
//!
//! Extraction iterates a `set` or `frozenset` (or subclass), or any other
//! `collections.abc.Set` (such as `dict.keys()`), with items held by stack references,
//! never by the pool. Anything else raises `TypeError: 'X' object cannot be converted to
//! 'set'`.

use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher, Hash};
use std::ptr::NonNull;

use super::sequence::for_each_iterated;
use super::vec::with_item;
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::support::ModuleAttr;
use crate::err::{PyDowncastError, PyErr, PyResult};
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

static SET_ABC: ModuleAttr = ModuleAttr::new(c"collections.abc", c"Set");

/// Extracts every item of the set `ob` into a new set of type `S` (the `std` and
/// `hashbrown` sets alike).
///
/// `ob` need only live for the call: items the results borrow from are parked in the pool
/// by their `extract_item`.
pub(crate) fn extract_set<'s, S, K>(py: Python<'s>, ob: &PyAny) -> PyResult<S>
where
    S: super::map::WithCapacity + Extend<K>,
    K: FromPyObject<'s>,
{
    // SAFETY: `ob` is a valid object.
    let is_set = unsafe { ffi::PyAnySet_Check(ob.as_ptr()) } != 0;
    if !is_set && !ob.is_instance(SET_ABC.get(py)?)? {
        return Err(PyDowncastError::new(ob, "PySet").into());
    }
    let mut set = S::with_capacity(super::sequence::len_hint_any(ob));
    for_each_iterated(ob, |item| {
        // SAFETY: the item is held while visited; `extract_item` takes its own reference.
        set.extend(Some(unsafe { K::extract_item(py, item) }?));
        Ok(())
    })?;
    Ok(set)
}

/// A new `set` from owned items. Panics if an item is unhashable, as PyO3 does.
pub(crate) fn set_from_iter(py: Python<'_>, items: impl Iterator<Item = PyObject>) -> PyObject {
    // SAFETY: PySet_New(NULL) returns a new empty set or null.
    let set = unsafe { PyObject::from_owned_ptr(py, ffi::PySet_New(std::ptr::null_mut())) };
    for item in items {
        let item = item.into_ptr();
        // SAFETY: both are valid objects; Add takes its own reference, and we release ours
        // right after with the inline decref (the GIL is held).
        let status = unsafe {
            let status = ffi::PySet_Add(set.as_ptr(), item);
            ffi::Py_DECREF(item);
            status
        };
        if status == -1 {
            let err = PyErr::fetch(py);
            panic!("failed to add an item to a new set: {err}");
        }
    }
    set
}

impl<'s, K, S> FromPyObject<'s> for HashSet<K, S>
where
    K: FromPyObject<'s> + Eq + Hash,
    S: BuildHasher + Default,
{
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_set(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_set(py, ob)) }
    }
}

impl<'s, K: FromPyObject<'s> + Ord> FromPyObject<'s> for BTreeSet<K> {
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_set(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_set(py, ob)) }
    }
}

impl<K: ToPyObject, S> ToPyObject for HashSet<K, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.iter().map(|k| k.to_object(py)))
    }
}

impl<K: IntoPy<PyObject>, S> IntoPy<PyObject> for HashSet<K, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.into_iter().map(|k| k.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;
}

impl<K: ToPyObject> ToPyObject for BTreeSet<K> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.iter().map(|k| k.to_object(py)))
    }
}

impl<K: IntoPy<PyObject>> IntoPy<PyObject> for BTreeSet<K> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.into_iter().map(|k| k.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;
}
