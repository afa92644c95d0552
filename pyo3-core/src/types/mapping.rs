//! `PyMapping`: any object following the mapping protocol (`collections.abc.Mapping`).

use crate::conversion::{FromPyObject, PyTryFrom, ToPyObject};
use crate::err::{PyDowncastError, PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use crate::type_object::{PyTypeCheck, PyTypeInfo};
use crate::types::abc::{is_instance_of_abc, mapping_abc};
use crate::types::{PyAny, PySequence};

/// Any mapping: `dict` and every class registered as a `collections.abc.Mapping`.
///
/// `obj.downcast::<PyMapping>()` accepts dicts directly and asks
/// `isinstance(obj, collections.abc.Mapping)` for anything else. Register other classes
/// with [`PyMapping::register`].
#[repr(transparent)]
pub struct PyMapping(PyAny);

crate::pyobject_native_type_base!(PyMapping);

impl PyTypeCheck for PyMapping {
    const NAME: &'static str = "Mapping";

    #[inline]
    fn type_check(object: &PyAny) -> bool {
        // SAFETY: `object` is a valid object.
        let fast = unsafe { ffi::PyDict_Check(object.as_ptr()) != 0 };
        fast || is_instance_of_abc(object, mapping_abc)
    }
}

impl<'py> FromPyObject<'py> for &'py PyMapping {
    fn extract(ob: &'py PyAny) -> PyResult<Self> {
        ob.downcast::<PyMapping>().map_err(Into::into)
    }
}

impl<'v> PyTryFrom<'v> for PyMapping {
    fn try_from<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>> {
        value.into().downcast()
    }

    /// There is no exact `Mapping` type, so this is the same check as `try_from`.
    fn try_from_exact<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>> {
        value.into().downcast()
    }

    unsafe fn try_from_unchecked<V: Into<&'v PyAny>>(value: V) -> &'v Self {
        // SAFETY: forwarded from the caller.
        unsafe { value.into().downcast_unchecked() }
    }
}

impl PyMapping {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: `self` is a valid object.
        let v = unsafe { ffi::PyMapping_Size(self.as_ptr()) };
        if v == -1 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(v as usize)
        }
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
        let ty = T::type_object(py);
        mapping_abc(py)?.call_method1("register", (ty,))?;
        Ok(())
    }
}
