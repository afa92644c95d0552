//! `HashMap<K, V, S>` and `BTreeMap<K, V>` ↔ `dict`.
//!
//! Extraction reads a `dict` (or subclass) with `PyDict_Next`, keys and values held by
//! stack references, never by the pool; any other `collections.abc.Mapping` goes through
//! its `items()`. Anything else raises `TypeError: 'X' object cannot be converted to
//! 'Mapping'`, and a key or value of the wrong type raises the error of its own extraction
//! (`{1: 2}` as `HashMap<String, i64>`: `'int' object cannot be converted to 'PyString'`).

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};
use std::ptr::NonNull;

use super::sequence::for_each_iterated;
use super::vec::with_item;
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::support::{call_method0, ModuleAttr};
use crate::err::{PyDowncastError, PyErr, PyResult};
use crate::exceptions::{PyRuntimeError, PyTypeError};
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

static MAPPING_ABC: ModuleAttr = ModuleAttr::new(c"collections.abc", c"Mapping");

/// Collections that can be created with room for a known number of items.
pub(crate) trait WithCapacity {
    /// An empty collection with room for `n` items.
    fn with_capacity(n: usize) -> Self;
}

impl<K, V, S: Default> WithCapacity for HashMap<K, V, S> {
    fn with_capacity(n: usize) -> Self {
        HashMap::with_capacity_and_hasher(n, S::default())
    }
}

impl<K, V> WithCapacity for BTreeMap<K, V> {
    fn with_capacity(_n: usize) -> Self {
        BTreeMap::new()
    }
}

impl<K, S: Default> WithCapacity for std::collections::HashSet<K, S> {
    fn with_capacity(n: usize) -> Self {
        std::collections::HashSet::with_capacity_and_hasher(n, S::default())
    }
}

impl<K> WithCapacity for std::collections::BTreeSet<K> {
    fn with_capacity(_n: usize) -> Self {
        std::collections::BTreeSet::new()
    }
}

/// Extracts every `(key, value)` of the mapping `ob` into a new map of type `M` (the
/// `std`, `hashbrown` and `indexmap` maps alike).
///
/// `ob` need only live for the call: keys and values the results borrow from are parked
/// in the pool by their `extract_item`.
pub(crate) fn extract_map<'s, M, K, V>(py: Python<'s>, ob: &PyAny) -> PyResult<M>
where
    M: WithCapacity + Extend<(K, V)>,
    K: FromPyObject<'s>,
    V: FromPyObject<'s>,
{
    // Sized up front: growing a hash map item by item rehashes every key several times.
    let mut map = M::with_capacity(super::sequence::len_hint_any(ob));
    for_each_pair(py, ob, |k, v| map.extend(Some((k, v))))?;
    Ok(map)
}

/// Extracts every `(key, value)` of the mapping `ob` and hands them to `insert`.
fn for_each_pair<'s, K, V>(py: Python<'s>, ob: &PyAny, mut insert: impl FnMut(K, V)) -> PyResult<()>
where
    K: FromPyObject<'s>,
    V: FromPyObject<'s>,
{
    // SAFETY: `ob` is a valid object.
    let is_dict = unsafe { ffi::PyDict_Check(ob.as_ptr()) } != 0;
    // On free-threaded builds `PyDict_Next` needs a critical section; iterating `items()`
    // is safe there.
    if is_dict && cfg!(not(Py_GIL_DISABLED)) {
        return extract_dict(py, ob, insert);
    }
    if !is_dict && !ob.is_instance(MAPPING_ABC.get(py)?)? {
        return Err(PyDowncastError::new(ob, "Mapping").into());
    }
    let items = call_method0(py, ob, crate::intern!(py, "items"))?;
    for_each_iterated(items.as_any(py), |pair| {
        let pair = pair.as_ptr();
        // SAFETY: `pair` is a valid object.
        if unsafe { ffi::PyTuple_Check(pair) == 0 || ffi::PyTuple_Size(pair) != 2 } {
            return Err(PyTypeError::new_err(
                "mapping items() must yield (key, value) pairs",
            ));
        }
        // SAFETY: `pair` is a 2-tuple, held alive while visited; its items live as long.
        let (key, value) = unsafe {
            (
                NonNull::new_unchecked(crate::types::tuple::tuple_item(pair, 0)),
                NonNull::new_unchecked(crate::types::tuple::tuple_item(pair, 1)),
            )
        };
        // SAFETY: both are valid (the tuple holds them); `extract_item` takes its own reference.
        let key = unsafe { K::extract_item(py, key) }?;
        // SAFETY: as above.
        let value = unsafe { V::extract_item(py, value) }?;
        insert(key, value);
        Ok(())
    })
}

/// The `PyDict_Next` fast path of [`for_each_pair`].
fn extract_dict<'s, K, V>(
    py: Python<'s>,
    dict: &PyAny,
    mut insert: impl FnMut(K, V),
) -> PyResult<()>
where
    K: FromPyObject<'s>,
    V: FromPyObject<'s>,
{
    let ptr = dict.as_ptr();
    // SAFETY: `ptr` is a dict.
    let len = unsafe { ffi::PyDict_Size(ptr) };
    let mut pos: ffi::Py_ssize_t = 0;
    loop {
        let mut key = std::ptr::null_mut();
        let mut value = std::ptr::null_mut();
        // SAFETY: `ptr` is a dict; Next hands out borrowed references (or returns 0 at the end).
        if unsafe { ffi::PyDict_Next(ptr, &mut pos, &mut key, &mut value) } == 0 {
            return Ok(());
        }
        // SAFETY: Next succeeded, so both are valid, non-null objects.
        let (key, value) = unsafe { (NonNull::new_unchecked(key), NonNull::new_unchecked(value)) };
        // Extracting the key may run Python code that removes the entry: hold the value.
        // SAFETY: `value` is valid (nothing ran since Next returned it).
        let _value_guard = unsafe { TempRef::from_borrowed(value) };
        // SAFETY: `key` is valid (nothing ran since Next); `extract_item` takes its own reference.
        let key = unsafe { K::extract_item(py, key) }?;
        // SAFETY: `value` is held by the guard.
        let value = unsafe { V::extract_item(py, value) }?;
        insert(key, value);
        // SAFETY: `ptr` is a dict.
        if unsafe { ffi::PyDict_Size(ptr) } != len {
            return Err(PyRuntimeError::new_err(
                "dictionary changed size during iteration",
            ));
        }
    }
}

/// A new `dict` from owned keys and values. Panics if a key is unhashable (a Rust key that
/// converts to a `list`, say), as PyO3 does.
pub(crate) fn dict_from_iter(
    py: Python<'_>,
    items: impl Iterator<Item = (PyObject, PyObject)>,
) -> PyObject {
    let dict = new_dict_with_room(py, items.size_hint().0);
    for (key, value) in items {
        // Released with the inline decref: the GIL is held here, so `Py::drop`'s check for
        // it (a thread-local lookup per object) is not needed.
        let (key, value) = (key.into_ptr(), value.into_ptr());
        // SAFETY: all three are valid objects; SetItem takes its own references, and we
        // release ours right after, holding the GIL.
        let status = unsafe {
            let status = ffi::PyDict_SetItem(dict.as_ptr(), key, value);
            ffi::Py_DECREF(key);
            ffi::Py_DECREF(value);
            status
        };
        if status == -1 {
            let err = PyErr::fetch(py);
            panic!("failed to set an item of a new dict: {err}");
        }
    }
    dict
}

/// A new empty `dict` that takes `len` items without growing where the C API allows (a
/// dict grows five times on the way to 100 items, allocating and rehashing each time).
fn new_dict_with_room(py: Python<'_>, len: usize) -> PyObject {
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
    // SAFETY: returns a new reference or null (a failed allocation).
    let dict = unsafe { ffi::_PyDict_NewPresized(len.try_into().unwrap_or(0)) };
    #[cfg(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14))]
    // SAFETY: returns a new reference or null.
    let dict = unsafe {
        let _ = len;
        ffi::PyDict_New()
    };
    // SAFETY: a new reference, or null (then a panic, as PyDict_New failing was before).
    unsafe { PyObject::from_owned_ptr(py, dict) }
}

/// A new `dict` from borrowed keys and values (`ToPyObject` of the map types).
pub(crate) fn dict_from_refs<'a, K, V>(
    py: Python<'_>,
    items: impl Iterator<Item = (&'a K, &'a V)>,
) -> PyObject
where
    K: ToPyObject + 'a,
    V: ToPyObject + 'a,
{
    dict_from_iter(py, items.map(|(k, v)| (k.to_object(py), v.to_object(py))))
}

/// A new `dict` from owned keys and values (`IntoPy` of the map types).
pub(crate) fn dict_from_pairs<K, V>(py: Python<'_>, items: impl Iterator<Item = (K, V)>) -> PyObject
where
    K: IntoPy<PyObject>,
    V: IntoPy<PyObject>,
{
    dict_from_iter(py, items.map(|(k, v)| (k.into_py(py), v.into_py(py))))
}

impl<'s, K, V, S> FromPyObject<'s> for HashMap<K, V, S>
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

impl<'s, K, V> FromPyObject<'s> for BTreeMap<K, V>
where
    K: FromPyObject<'s> + Ord,
    V: FromPyObject<'s>,
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

impl<K: ToPyObject, V: ToPyObject, S> ToPyObject for HashMap<K, V, S> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        dict_from_refs(py, self.iter())
    }
}

impl<K: IntoPy<PyObject>, V: IntoPy<PyObject>, S> IntoPy<PyObject> for HashMap<K, V, S> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        dict_from_pairs(py, self.into_iter())
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;
}

impl<K: ToPyObject, V: ToPyObject> ToPyObject for BTreeMap<K, V> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        dict_from_refs(py, self.iter())
    }
}

impl<K: IntoPy<PyObject>, V: IntoPy<PyObject>> IntoPy<PyObject> for BTreeMap<K, V> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        dict_from_pairs(py, self.into_iter())
    }
    const GIL_INDEPENDENT: bool = K::GIL_INDEPENDENT && V::GIL_INDEPENDENT;
}
