//! `PyType`: Python's `type`, the class of classes.

use crate::err::PyResult;
use crate::ffi;
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyString};

/// Python's `type`.
#[repr(transparent)]
pub struct PyType(PyAny);

crate::pyobject_native_type!(PyType, ffi::PyType_Type, "type", check = ffi::PyType_Check);

impl PyType {
    /// The type object of `T`.
    pub fn new<T: PyTypeInfo>(py: Python<'_>) -> &PyType {
        T::type_object(py)
    }

    /// Views a type-object pointer as `&PyType`.
    ///
    /// # Safety
    /// `p` must be a valid type object that outlives `'py`.
    #[inline]
    pub unsafe fn from_type_ptr<'py>(py: Python<'py>, p: *mut ffi::PyTypeObject) -> &'py PyType {
        // SAFETY: forwarded from the caller.
        unsafe { py.from_borrowed_ptr(p as *mut ffi::PyObject) }
    }

    /// The raw type-object pointer.
    #[inline]
    pub fn as_type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.as_ptr() as *mut ffi::PyTypeObject
    }

    /// The type's `__name__`.
    pub fn name(&self) -> PyResult<&str> {
        self.getattr(crate::intern!(self.py(), "__name__"))?
            .downcast::<PyString>()?
            .to_str()
    }

    /// The type's `__qualname__`.
    pub fn qualname(&self) -> PyResult<String> {
        self.getattr(crate::intern!(self.py(), "__qualname__"))?
            .extract()
    }

    /// The type's `__module__`.
    pub fn module(&self) -> PyResult<&PyAny> {
        self.getattr(crate::intern!(self.py(), "__module__"))
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(&self, other: &PyAny) -> PyResult<bool> {
        // SAFETY: both are valid objects.
        match unsafe { ffi::PyObject_IsSubclass(self.as_ptr(), other.as_ptr()) } {
            -1 => Err(crate::PyErr::fetch(self.py())),
            v => Ok(v == 1),
        }
    }

    /// `issubclass(self, T)`.
    pub fn is_subclass_of<T: PyTypeInfo>(&self) -> PyResult<bool> {
        self.is_subclass(T::type_object(self.py()))
    }
}
