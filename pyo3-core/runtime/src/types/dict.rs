//! `PyDict`: Python's `dict`, and `IntoPyDict`.

use crate::conversion::ToPyObject;
use crate::err::{error_on_minus_one, PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use crate::types::{PyAny, PyList, PyMapping};

/// Python's `dict`.
#[repr(transparent)]
pub struct PyDict(PyAny);

crate::pyobject_native_type!(PyDict, ffi::PyDict_Type, "dict", check = ffi::PyDict_Check);

impl PyDict {
    /// A new empty dict.
    pub fn new(py: Python<'_>) -> &PyDict {
        // SAFETY: PyDict_New returns a new reference or null.
        unsafe { py.from_owned_ptr(ffi::PyDict_New()) }
    }

    /// A dict built from a sequence of key-value pairs (`dict(seq)`). Fails with
    /// `TypeError` if an item is not iterable and `ValueError` if it is not a pair.
    pub fn from_sequence<S: ToPyObject>(py: Python<'_>, seq: S) -> PyResult<&PyDict> {
        let seq = seq.to_object(py);
        let dict = PyDict::new(py);
        // SAFETY: both are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyDict_MergeFromSeq2(dict.as_ptr(), seq.as_ptr(), 1)
        })?;
        Ok(dict)
    }

    /// A shallow copy.
    pub fn copy(&self) -> PyResult<&PyDict> {
        // SAFETY: `self` is a dict; the result is a new reference or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PyDict_Copy(self.as_ptr()))
        }
    }

    /// Removes all items.
    pub fn clear(&self) {
        // SAFETY: `self` is a dict.
        unsafe { ffi::PyDict_Clear(self.as_ptr()) }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a dict.
        unsafe { ffi::PyDict_Size(self.as_ptr()) as usize }
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `key` is in the dict.
    pub fn contains<K: ToPyObject>(&self, key: K) -> PyResult<bool> {
        let key = key.to_object(self.py());
        // SAFETY: both are valid objects.
        match unsafe { ffi::PyDict_Contains(self.as_ptr(), key.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            v => Ok(v == 1),
        }
    }

    /// The value for `key`, `None` if absent; errors from hashing the key propagate.
    pub fn get_item<K: ToPyObject>(&self, key: K) -> PyResult<Option<&PyAny>> {
        let py = self.py();
        let key = key.to_object(py);
        // SAFETY: both are valid objects; the result is borrowed from the dict, so we take
        // our own reference for the pool (the dict may change later).
        unsafe {
            let ptr = ffi::PyDict_GetItemWithError(self.as_ptr(), key.as_ptr());
            if ptr.is_null() {
                if PyErr::occurred(py) {
                    return Err(PyErr::fetch(py));
                }
                return Ok(None);
            }
            ffi::Py_IncRef(ptr);
            Ok(Some(py.from_owned_ptr(ptr)))
        }
    }

    /// The same as [`PyDict::get_item`], under its PyO3 0.19 name: errors raised while
    /// hashing or comparing the key propagate, absence is `Ok(None)`.
    pub fn get_item_with_error<K: ToPyObject>(&self, key: K) -> PyResult<Option<&PyAny>> {
        self.get_item(key)
    }

    /// `self[key] = value`.
    pub fn set_item<K: ToPyObject, V: ToPyObject>(&self, key: K, value: V) -> PyResult<()> {
        let py = self.py();
        let key = key.to_object(py);
        let value = value.to_object(py);
        // SAFETY: all are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr())
        })
    }

    /// `del self[key]`.
    pub fn del_item<K: ToPyObject>(&self, key: K) -> PyResult<()> {
        let py = self.py();
        let key = key.to_object(py);
        // SAFETY: both are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyDict_DelItem(self.as_ptr(), key.as_ptr())
        })
    }

    /// A list of the keys.
    pub fn keys(&self) -> &PyList {
        // SAFETY: `self` is a dict; the result is a new list.
        unsafe { self.py().from_owned_ptr(ffi::PyDict_Keys(self.as_ptr())) }
    }

    /// A list of the values.
    pub fn values(&self) -> &PyList {
        // SAFETY: `self` is a dict; the result is a new list.
        unsafe { self.py().from_owned_ptr(ffi::PyDict_Values(self.as_ptr())) }
    }

    /// A list of `(key, value)` tuples.
    pub fn items(&self) -> &PyList {
        // SAFETY: `self` is a dict; the result is a new list.
        unsafe { self.py().from_owned_ptr(ffi::PyDict_Items(self.as_ptr())) }
    }

    /// Iterates over `(key, value)` pairs. Panics if the dict changes size, or its keys
    /// change, during iteration, where Python raises `RuntimeError`.
    pub fn iter(&self) -> PyDictIterator<'_> {
        let len = self.len();
        PyDictIterator {
            dict: self,
            pos: 0,
            len,
            remaining: len,
        }
    }

    /// The dict as a `&PyMapping`.
    pub fn as_mapping(&self) -> &PyMapping {
        // SAFETY: every dict is a mapping.
        unsafe { self.as_ref().downcast_unchecked() }
    }

    /// Adds the items of `other` (a mapping), overwriting existing keys (`dict.update`).
    pub fn update(&self, other: &PyAny) -> PyResult<()> {
        // SAFETY: both are valid objects.
        error_on_minus_one(self.py(), unsafe {
            ffi::PyDict_Update(self.as_ptr(), other.as_ptr())
        })
    }

    /// Adds the items of `other` that are not already present.
    pub fn update_if_missing(&self, other: &PyAny) -> PyResult<()> {
        // SAFETY: both are valid objects.
        error_on_minus_one(self.py(), unsafe {
            ffi::PyDict_Merge(self.as_ptr(), other.as_ptr(), 0)
        })
    }
}

/// Iterator over a dict's `(key, value)` pairs.
pub struct PyDictIterator<'py> {
    dict: &'py PyDict,
    pos: ffi::Py_ssize_t,
    // The length when iteration started, and the number of pairs still expected.
    len: usize,
    remaining: usize,
}

impl<'py> Iterator for PyDictIterator<'py> {
    type Item = (&'py PyAny, &'py PyAny);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.dict.len() != self.len {
            panic!("dictionary changed size during iteration");
        }
        let mut key = std::ptr::null_mut();
        let mut value = std::ptr::null_mut();
        // SAFETY: `dict` is a dict; PyDict_Next hands out borrowed references, which we
        // turn into pooled ones since the dict may change after this call.
        unsafe {
            if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut key, &mut value) == 0 {
                return None;
            }
            // Same size but more pairs than expected: keys were replaced meanwhile.
            if self.remaining == 0 {
                panic!("dictionary keys changed during iteration");
            }
            self.remaining -= 1;
            ffi::Py_IncRef(key);
            ffi::Py_IncRef(value);
            let py = self.dict.py();
            Some((py.from_owned_ptr(key), py.from_owned_ptr(value)))
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for PyDictIterator<'_> {}

impl<'a> IntoIterator for &'a PyDict {
    type Item = (&'a PyAny, &'a PyAny);
    type IntoIter = PyDictIterator<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Conversion of a collection of key-value pairs into a `dict`.
pub trait IntoPyDict {
    /// Builds the dict.
    fn into_py_dict(self, py: Python<'_>) -> &PyDict;
}

impl<T, I> IntoPyDict for I
where
    T: PyDictItem,
    I: IntoIterator<Item = T>,
{
    fn into_py_dict(self, py: Python<'_>) -> &PyDict {
        let dict = PyDict::new(py);
        for item in self {
            dict.set_item(item.key(), item.value())
                .expect("failed to set an item of a new dict");
        }
        dict
    }
}

/// A key-value pair usable with [`IntoPyDict`].
pub trait PyDictItem {
    /// The key's type.
    type K: ToPyObject;
    /// The value's type.
    type V: ToPyObject;
    /// The key.
    fn key(&self) -> &Self::K;
    /// The value.
    fn value(&self) -> &Self::V;
}

impl<K: ToPyObject, V: ToPyObject> PyDictItem for (K, V) {
    type K = K;
    type V = V;
    fn key(&self) -> &K {
        &self.0
    }
    fn value(&self) -> &V {
        &self.1
    }
}

impl<K: ToPyObject, V: ToPyObject> PyDictItem for &(K, V) {
    type K = K;
    type V = V;
    fn key(&self) -> &K {
        &self.0
    }
    fn value(&self) -> &V {
        &self.1
    }
}

/// The dict views `dict.keys()`, `dict.values()` and `dict.items()` (as type checks only).
#[cfg(not(PyPy))]
mod views {
    use crate::ffi;
    use crate::types::PyAny;

    /// The type of `dict.keys()`.
    #[repr(transparent)]
    pub struct PyDictKeys(PyAny);

    crate::pyobject_native_type!(
        PyDictKeys,
        ffi::PyDictKeys_Type,
        "dict_keys",
        check = ffi::PyDictKeys_Check
    );

    /// The type of `dict.values()`.
    #[repr(transparent)]
    pub struct PyDictValues(PyAny);

    crate::pyobject_native_type!(
        PyDictValues,
        ffi::PyDictValues_Type,
        "dict_values",
        check = ffi::PyDictValues_Check
    );

    /// The type of `dict.items()`.
    #[repr(transparent)]
    pub struct PyDictItems(PyAny);

    crate::pyobject_native_type!(
        PyDictItems,
        ffi::PyDictItems_Type,
        "dict_items",
        check = ffi::PyDictItems_Check
    );
}

#[cfg(not(PyPy))]
pub use views::{PyDictItems, PyDictKeys, PyDictValues};
