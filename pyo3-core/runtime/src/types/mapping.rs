//! `PyMapping`: any object following the mapping protocol (`collections.abc.Mapping`).

use crate::conversion::ToPyObject;
use crate::err::PyResult;
use crate::ffi;
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::abc::{self, mapping_abc};
use crate::types::sequence::size_or_err;
use crate::types::{PyAny, PySequence};

/// Any mapping: `dict` and every class registered as a `collections.abc.Mapping`.
///
/// `obj.downcast::<PyMapping>()` accepts dicts directly and asks
/// `isinstance(obj, collections.abc.Mapping)` for anything else. Register other classes
/// with [`PyMapping::register`].
#[repr(transparent)]
pub struct PyMapping(PyAny);

// A dict needs no `isinstance` call.
abc::abc_protocol_type!(PyMapping, "Mapping", mapping_abc, |ptr| {
    ffi::PyDict_Check(ptr) != 0
});

impl PyMapping {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: `self` is a valid object.
        size_or_err(self.py(), unsafe { ffi::PyMapping_Size(self.as_ptr()) })
    }

    /// Whether `len(self) == 0`.
    #[inline]
    pub fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|l| l == 0)
    }

    /// `key in self`.
    pub fn contains<K: ToPyObject>(&self, key: K) -> PyResult<bool> {
        PyAny::contains(self, key)
    }

    /// `self[key]`; fails with `KeyError` when absent.
    #[inline]
    pub fn get_item<K: ToPyObject>(&self, key: K) -> PyResult<&PyAny> {
        PyAny::get_item(self, key)
    }

    /// `self[key] = value`.
    #[inline]
    pub fn set_item<K: ToPyObject, V: ToPyObject>(&self, key: K, value: V) -> PyResult<()> {
        PyAny::set_item(self, key, value)
    }

    /// `del self[key]`.
    #[inline]
    pub fn del_item<K: ToPyObject>(&self, key: K) -> PyResult<()> {
        PyAny::del_item(self, key)
    }

    /// `list(self.keys())`.
    pub fn keys(&self) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new list or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PyMapping_Keys(self.as_ptr()))
        }
    }

    /// `list(self.values())`.
    pub fn values(&self) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new list or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PyMapping_Values(self.as_ptr()))
        }
    }

    /// `list(self.items())`.
    pub fn items(&self) -> PyResult<&PySequence> {
        // SAFETY: `self` is valid; the result is a new list or null.
        unsafe {
            self.py()
                .from_owned_ptr_or_err(ffi::PyMapping_Items(self.as_ptr()))
        }
    }

    /// Registers `T`'s Python type as a virtual subclass of `collections.abc.Mapping`, so
    /// that its instances pass `downcast::<PyMapping>()`.
    pub fn register<T: PyTypeInfo>(py: Python<'_>) -> PyResult<()> {
        abc::register::<T>(py, mapping_abc)
    }
}
