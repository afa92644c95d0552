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
use crate::conversions::std::map::{dict_from_pairs, dict_from_refs, extract_map};
use crate::conversions::std::set::{extract_set, set_from_iter};
use crate::conversions::std::vec::with_item;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

impl<'s, K, V, S> FromPyObject<'s> for hashbrown::HashMap<K, V, S>
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

impl<K: ToPyObject, V: ToPyObject, S> ToPyObject for hashbrown::HashMap<K, V, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        dict_from_refs(py, self.iter())
    }
}

impl<K: IntoPy<PyObject>, V: IntoPy<PyObject>, S> IntoPy<PyObject> for hashbrown::HashMap<K, V, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        dict_from_pairs(py, self.into_iter())
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;
}

impl<'s, K, S> FromPyObject<'s> for hashbrown::HashSet<K, S>
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

impl<K, V, S: Default> crate::conversions::std::map::WithCapacity for hashbrown::HashMap<K, V, S> {
    fn with_capacity(n: usize) -> Self {
        hashbrown::HashMap::with_capacity_and_hasher(n, S::default())
    }
}

impl<K, S: Default> crate::conversions::std::map::WithCapacity for hashbrown::HashSet<K, S> {
    fn with_capacity(n: usize) -> Self {
        hashbrown::HashSet::with_capacity_and_hasher(n, S::default())
    }
}
