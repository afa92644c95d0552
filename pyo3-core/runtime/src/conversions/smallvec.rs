//! `smallvec::SmallVec<[T; N]>` ↔ `list`, like `Vec<T>` (same fast paths and errors; a
//! `SmallVec` of bytes copies `bytes`/`bytearray` in one go).
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! smallvec = "1"
//! pyo3-core = { version = "0.1", features = ["smallvec"] }
//! ```
#![cfg(feature = "smallvec")]

use std::ptr::NonNull;

use smallvec::{Array, SmallVec};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::std::sequence::{for_each_item, len_hint};
use crate::conversions::std::vec::{list_from_iter, reject_str, with_item};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// Extracts the items of the sequence `ob`, which need only live for the call.
fn extract_smallvec<'s, A>(py: Python<'s>, ob: &PyAny) -> PyResult<SmallVec<A>>
where
    A: Array,
    A::Item: FromPyObject<'s>,
{
    reject_str(ob, "SmallVec")?;
    if let Some(result) = A::Item::extract_vec_fast(ob) {
        return result.map(SmallVec::from_vec);
    }
    let mut out = SmallVec::with_capacity(len_hint(ob));
    for_each_item(ob, |item| {
        // SAFETY: the item is valid when visited; `extract_item` takes its own reference.
        out.push(unsafe { A::Item::extract_item(py, item) }?);
        Ok(())
    })?;
    Ok(out)
}

impl<'s, A> FromPyObject<'s> for SmallVec<A>
where
    A: Array,
    A::Item: FromPyObject<'s>,
{
    fn extract(ob: &'s PyAny) -> PyResult<Self> {
        extract_smallvec(ob.py(), ob)
    }

    const GIL_INDEPENDENT: bool = A::Item::GIL_INDEPENDENT;

    unsafe fn extract_item(py: Python<'s>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe { with_item(item, |ob| extract_smallvec(py, ob)) }
    }
}

impl<A> ToPyObject for SmallVec<A>
where
    A: Array,
    A::Item: ToPyObject,
{
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.as_slice().to_object(py)
    }
}

impl<A> IntoPy<PyObject> for SmallVec<A>
where
    A: Array,
    A::Item: IntoPy<PyObject>,
{
    fn into_py(self, py: Python<'_>) -> PyObject {
        list_from_iter(py, self.into_iter().map(|e| e.into_py(py)))
    }
    const GIL_INDEPENDENT: bool = A::Item::GIL_INDEPENDENT;
}
