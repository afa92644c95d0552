//! `Vec<T>`, `VecDeque<T>`, `LinkedList<T>`, `Box<[T]>` ↔ `list`, and `[T]` → `list`.
//!
//! Extraction accepts any sequence except `str` (which would silently become a list of
//! characters): exact lists and tuples are read straight from their item arrays, and
//! items whose Rust type holds no Python reference (`Vec<i64>`, `Vec<String>`) never
//! enter the pool. `Vec<u8>` copies `bytes` and `bytearray` in one go. Conversion to
//! Python always builds a `list` of the exact size, `Vec<u8>` included (a list of ints,
//! as in PyO3 0.20); for a `bytes` object convert a `&[u8]` or `Cow<[u8]>` instead.

use std::collections::{LinkedList, VecDeque};
use std::ptr::NonNull;

use super::sequence::{for_each_item, len_hint};
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::list::new_from_iter;
use crate::types::PyAny;

/// Extracts the items of the sequence `ob` into a `Vec`; `rust_name` names the target in
/// the error for a `str`.
///
/// `ob` need only live for the call: items the result borrows from are parked in the pool
/// by `T::extract_item`.
pub(crate) fn extract_vec<'s, T: FromPyObject<'s>>(
    py: Python<'s>,
    ob: &PyAny,
    rust_name: &str,
) -> PyResult<Vec<T>> {
    reject_str(ob, rust_name)?;
    if let Some(result) = T::extract_vec_fast(ob) {
        return result;
    }
    let mut out = Vec::with_capacity(len_hint(ob));
    for_each_item(ob, |item| {
        // SAFETY: the item is valid when visited; `extract_item` takes its own reference.
        out.push(unsafe { T::extract_item(py, item) }?);
        Ok(())
    })?;
    Ok(out)
}

/// The `TypeError` for a `str` where a sequence is wanted: a string is a sequence of
/// characters, but almost never meant as one.
#[inline]
pub(crate) fn reject_str(ob: &PyAny, rust_name: &str) -> PyResult<()> {
    // SAFETY: `ob` is a valid object.
    if unsafe { ffi::PyUnicode_Check(ob.as_ptr()) } != 0 {
        return Err(PyTypeError::new_err(format!(
            "Can't extract `str` to `{rust_name}`"
        )));
    }
    Ok(())
}

/// Runs `f` on a container item held by a stack reference, for `extract_item` of the
/// collection types: the container itself never enters the pool.
///
/// # Safety
/// `item` must be a valid object when the call starts.
#[inline]
pub(crate) unsafe fn with_item<R>(item: NonNull<ffi::PyObject>, f: impl FnOnce(&PyAny) -> R) -> R {
    // SAFETY: forwarded from the caller; the guard keeps the object alive during `f`.
    let guard = unsafe { TempRef::from_borrowed(item) };
    f(guard.as_any())
}

/// A list built from an exact-size iterator of owned objects.
#[inline]
pub(crate) fn list_from_iter(
    py: Python<'_>,
    items: impl ExactSizeIterator<Item = PyObject>,
) -> PyObject {
    new_from_iter(py, items).into_any()
}

/// Implements extraction for a collection built from a `Vec<T>`.
macro_rules! extract_via_vec {
    ($ty:ty, $name:literal, |$v:ident| $convert:expr) => {
        impl<'s, T: FromPyObject<'s>> FromPyObject<'s> for $ty {
            fn extract(ob: &'s PyAny) -> PyResult<Self> {
                let $v: Vec<T> = extract_vec(ob.py(), ob, $name)?;
                Ok($convert)
            }

            const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;

            unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
                // SAFETY: forwarded from the caller.
                let $v: Vec<T> = unsafe { with_item(item, |ob| extract_vec(py, ob, $name)) }?;
                Ok($convert)
            }
        }
    };
}

extract_via_vec!(Vec<T>, "Vec", |v| v);
extract_via_vec!(VecDeque<T>, "VecDeque", |v| VecDeque::from(v));
extract_via_vec!(LinkedList<T>, "LinkedList", |v| v.into_iter().collect());
extract_via_vec!(Box<[T]>, "Box<[T]>", |v| v.into_boxed_slice());

/// Implements `ToPyObject` and `IntoPy<PyObject>` (both a `list`) for a collection.
macro_rules! to_list {
    ($ty:ty) => {
        impl<T: ToPyObject> ToPyObject for $ty {
            fn to_object(&self, py: Python<'_>) -> PyObject {
                list_from_iter(py, self.iter().map(|e| e.to_object(py)))
            }
        }

        impl<T: IntoPy<PyObject>> IntoPy<PyObject> for $ty {
            fn into_py(self, py: Python<'_>) -> PyObject {
                list_from_iter(py, self.into_iter().map(|e| e.into_py(py)))
            }
            const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
        }
    };
}

to_list!(Vec<T>);
to_list!(VecDeque<T>);
to_list!(LinkedList<T>);

impl<T: ToPyObject> ToPyObject for [T] {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        list_from_iter(py, self.iter().map(|e| e.to_object(py)))
    }
}

impl<T: ToPyObject> ToPyObject for Box<[T]> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        (**self).to_object(py)
    }
}

impl<T: IntoPy<PyObject>> IntoPy<PyObject> for Box<[T]> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        list_from_iter(py, self.into_vec().into_iter().map(|e| e.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}
