//! `PyIterator`: a Python iterator, iterated from Rust.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::types::PyAny;

/// A Python iterator (any object with `__next__`). As a Rust `Iterator` it yields
/// `PyResult<&PyAny>`: an exception raised by `__next__` ends up in the item.
#[repr(transparent)]
pub struct PyIterator(PyAny);

crate::pyobject_native_type_base!(PyIterator);
crate::pyobject_native_type_info!(
    PyIterator,
    |_py| std::ptr::addr_of_mut!(ffi::PyBaseObject_Type),
    "Iterator",
    Some("collections.abc"),
    check = ffi::PyIter_Check,
    downcast_name = "Iterator"
);

impl PyIterator {
    /// `iter(obj)`.
    pub fn from_object(obj: &PyAny) -> PyResult<&PyIterator> {
        // SAFETY: `obj` is valid; GetIter returns a new reference or null.
        unsafe {
            obj.py()
                .from_owned_ptr_or_err(ffi::PyObject_GetIter(obj.as_ptr()))
        }
    }
}

impl<'py> Iterator for &'py PyIterator {
    type Item = PyResult<&'py PyAny>;

    fn next(&mut self) -> Option<Self::Item> {
        let py = self.0.py();
        // SAFETY: `self` is an iterator; Next returns a new reference, or null at the end
        // or on error.
        unsafe {
            match py.from_owned_ptr_or_opt(ffi::PyIter_Next(self.0.as_ptr())) {
                Some(obj) => Some(Ok(obj)),
                None => PyErr::take(py).map(Err),
            }
        }
    }

    #[cfg(not(Py_LIMITED_API))]
    fn size_hint(&self) -> (usize, Option<usize>) {
        // SAFETY: `self` is a valid object; LengthHint returns -1 with an error set on failure.
        let hint = unsafe { ffi::PyObject_LengthHint(self.0.as_ptr(), 0) };
        if hint < 0 {
            let _ = PyErr::take(self.0.py());
            (0, None)
        } else {
            (hint as usize, None)
        }
    }
}
