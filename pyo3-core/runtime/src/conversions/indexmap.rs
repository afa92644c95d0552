//! `indexmap::IndexMap` ↔ `dict`, keeping the order: a dict's iteration order becomes
//! the map's insertion order, and the map's order becomes the dict's.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! indexmap = "2"
//! pyo3-core = { version = "0.1", features = ["indexmap"] }
//! ```
#![cfg(feature = "indexmap")]

use std::hash::{BuildHasher, Hash};
use std::ptr::NonNull;

use indexmap::IndexMap;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::std::map::{dict_from_pairs, dict_from_refs, extract_map};
use crate::conversions::std::vec::with_item;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

impl<'s, K, V, S> FromPyObject<'s> for IndexMap<K, V, S>
where
    K: FromPyObject<'s> + Eq + Hash,
    V: FromPyObject<'s>,
    S: BuildHasher + Default,
{
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_map(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_map(py, ob)) }
    }
}

impl<K: ToPyObject, V: ToPyObject, S> ToPyObject for IndexMap<K, V, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        dict_from_refs(py, self.iter())
    }
}

impl<K: IntoPy<PyObject>, V: IntoPy<PyObject>, S> IntoPy<PyObject> for IndexMap<K, V, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        dict_from_pairs(py, self.into_iter())
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;
}

impl<K, V, S: Default> crate::conversions::std::map::WithCapacity for IndexMap<K, V, S> {
    fn with_capacity(n: usize) -> Self {
        IndexMap::with_capacity_and_hasher(n, S::default())
    }
}
