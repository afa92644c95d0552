//! `hashbrown::HashMap` ↔ `dict` and `hashbrown::HashSet` ↔ `set`, like their `std`
//! counterparts (same fast paths and errors).
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! hashbrown = "0.15"
//! pyo3-core = { version = "0.1", features = ["hashbrown"] }
//! ```
#![cfg(feature = "hashbrown")]

use std::hash::{BuildHasher, Hash};
use std::ptr::NonNull;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::std::map::{dict_from_iter, extract_map};
use crate::conversions::std::set::{extract_set, set_from_iter};
use crate::conversions::std::vec::with_item;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// Extracts a map from `ob`, which need only live for the call.
fn extract_hashmap<'s, K, V, S>(py: Python<'s>, ob: &PyAny) -> PyResult<hashbrown::HashMap<K, V, S>>
where
    K: FromPyObject<'s> + Eq + Hash,
    V: FromPyObject<'s>,
    S: BuildHasher + Default,
{
    let mut map = hashbrown::HashMap::with_hasher(S::default());
    extract_map(py, ob, |k, v| {
        map.insert(k, v);
    })?;
    Ok(map)
}

/// Extracts a set from `ob`, which need only live for the call.
fn extract_hashset<'s, K, S>(py: Python<'s>, ob: &PyAny) -> PyResult<hashbrown::HashSet<K, S>>
where
    K: FromPyObject<'s> + Eq + Hash,
    S: BuildHasher + Default,
{
    let mut set = hashbrown::HashSet::with_hasher(S::default());
    extract_set(py, ob, |k| {
        set.insert(k);
    })?;
    Ok(set)
}

impl<'s, K, V, S> FromPyObject<'s> for hashbrown::HashMap<K, V, S>
where
    K: FromPyObject<'s> + Eq + Hash,
    V: FromPyObject<'s>,
    S: BuildHasher + Default,
{
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_hashmap(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_hashmap(py, ob)) }
    }
}

impl<K: ToPyObject, V: ToPyObject, S> ToPyObject for hashbrown::HashMap<K, V, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        dict_from_iter(
            py,
            self.iter().map(|(k, v)| (k.to_object(py), v.to_object(py))),
        )
    }
}

impl<K: IntoPy<PyObject>, V: IntoPy<PyObject>, S> IntoPy<PyObject> for hashbrown::HashMap<K, V, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        dict_from_iter(
            py,
            self.into_iter()
                .map(|(k, v)| (k.into_py(py), v.into_py(py))),
        )
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;
}

impl<'s, K, S> FromPyObject<'s> for hashbrown::HashSet<K, S>
where
    K: FromPyObject<'s> + Eq + Hash,
    S: BuildHasher + Default,
{
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_hashset(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_hashset(py, ob)) }
    }
}

impl<K: ToPyObject, S> ToPyObject for hashbrown::HashSet<K, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.iter().map(|k| k.to_object(py)))
    }
}

impl<K: IntoPy<PyObject>, S> IntoPy<PyObject> for hashbrown::HashSet<K, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        set_from_iter(py, self.into_iter().map(|k| k.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT;
}
