//! `PySuper`: Python's `super`.

use crate::err::PyResult;
use crate::ffi;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyType};

/// Python's `super` object: attribute lookups skip `ty` in the MRO of `obj`'s type.
#[repr(transparent)]
pub struct PySuper(PyAny);

crate::pyobject_native_type!(PySuper, ffi::PySuper_Type, "super");

impl PySuper {
    /// `super(ty, obj)`; fails with `TypeError: super(type, obj): obj must be an instance
    /// or subtype of type` when `obj` does not derive from `ty`.
    pub fn new<'py>(ty: &'py PyType, obj: &'py PyAny) -> PyResult<&'py PySuper> {
        let py = ty.py();
        let super_type = PySuper::type_object(py);
        let result = super_type.call1((ty, obj))?;
        // SAFETY: calling `super` returns a `super` instance.
        Ok(unsafe { result.downcast_unchecked() })
    }
}
