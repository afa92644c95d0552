//! `num_bigint::BigInt` and `BigUint` ↔ `int`, of any size.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! num-bigint = "0.4"
//! pyo3-core = { version = "0.1", features = ["num-bigint"] }
//! ```
//!
//! Values that fit 64 bits take the C API's direct conversions; larger ones move as
//! little-endian byte strings (`_PyLong_FromByteArray`/`_PyLong_AsByteArray`, or
//! `PyLong_FromNativeBytes`/`PyLong_AsNativeBytes` from Python 3.13, or
//! `int.from_bytes`/`int.to_bytes` under the limited API). Like the primitive integers,
//! extraction accepts objects with `__index__`; a negative value raises `OverflowError`
//! when extracted as `BigUint`.
#![cfg(feature = "num-bigint")]

use std::os::raw::c_int;
use std::ptr::NonNull;

use num_bigint::{BigInt, BigUint, Sign};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// `ob` as an `int` held on the stack: itself, or the result of `__index__`.
fn as_int(ob: &PyAny) -> PyResult<TempRef> {
    // SAFETY: `ob` is valid; Index returns a new reference (itself for an int) or null.
    let index = unsafe { ffi::PyNumber_Index(ob.as_ptr()) };
    match NonNull::new(index) {
        // SAFETY: an owned reference, released by the guard.
        Some(index) => Ok(unsafe { TempRef::from_owned(index) }),
        None => Err(PyErr::fetch(ob.py())),
    }
}

/// The value of the `int` `int` if it fits an `i64`.
fn small_value(py: Python<'_>, int: &PyAny) -> PyResult<Option<i64>> {
    let mut overflow: c_int = 0;
    // SAFETY: `int` is an int; -1 with an error set signals a failure other than overflow.
    let value = unsafe { ffi::PyLong_AsLongLongAndOverflow(int.as_ptr(), &mut overflow) };
    if overflow != 0 {
        return Ok(None);
    }
    if value == -1 && PyErr::occurred(py) {
        return Err(PyErr::fetch(py));
    }
    Ok(Some(value))
}

/// An `int` from little-endian bytes, two's complement if `signed`.
fn int_from_le_bytes(py: Python<'_>, bytes: &[u8], signed: bool) -> PyObject {
    #[cfg(all(not(Py_LIMITED_API), not(Py_3_13)))]
    // SAFETY: pointer and length describe `bytes`; the result is a new reference or null.
    let ptr =
        unsafe { ffi::_PyLong_FromByteArray(bytes.as_ptr(), bytes.len(), 1, c_int::from(signed)) };
    #[cfg(all(not(Py_LIMITED_API), Py_3_13))]
    // SAFETY: pointer and length describe `bytes`; the result is a new reference or null.
    let ptr = unsafe {
        let flags = ffi::Py_ASNATIVEBYTES_LITTLE_ENDIAN;
        if signed {
            ffi::PyLong_FromNativeBytes(bytes.as_ptr().cast(), bytes.len(), flags)
        } else {
            ffi::PyLong_FromUnsignedNativeBytes(bytes.as_ptr().cast(), bytes.len(), flags)
        }
    };
    #[cfg(Py_LIMITED_API)]
    let ptr = limited::from_bytes(py, bytes, signed)
        .unwrap_or_else(|err| panic!("int.from_bytes failed: {err}"))
        .into_ptr();
    // SAFETY: `ptr` is a new reference, or null with an error set (memory exhaustion).
    unsafe { PyObject::from_owned_ptr(py, ptr) }
}

/// The little-endian bytes of the `int` `int`, two's complement if `signed` (then with a
/// sign bit to spare).
fn int_to_le_bytes(py: Python<'_>, int: &PyAny, signed: bool) -> PyResult<Vec<u8>> {
    #[cfg(all(not(Py_LIMITED_API), Py_3_13))]
    {
        let mut flags = ffi::Py_ASNATIVEBYTES_LITTLE_ENDIAN;
        if !signed {
            flags |= ffi::Py_ASNATIVEBYTES_UNSIGNED_BUFFER | ffi::Py_ASNATIVEBYTES_REJECT_NEGATIVE;
        }
        // SAFETY: `int` is an int; a zero-sized call returns the size needed, or -1 with
        // an error set.
        let needed =
            unsafe { ffi::PyLong_AsNativeBytes(int.as_ptr(), std::ptr::null_mut(), 0, flags) };
        if needed < 0 {
            return Err(PyErr::fetch(py));
        }
        let mut buffer = vec![0u8; needed as usize];
        // SAFETY: the buffer has the size asked for.
        let written = unsafe {
            ffi::PyLong_AsNativeBytes(int.as_ptr(), buffer.as_mut_ptr().cast(), needed, flags)
        };
        if written < 0 {
            return Err(PyErr::fetch(py));
        }
        Ok(buffer)
    }
    #[cfg(not(all(not(Py_LIMITED_API), Py_3_13)))]
    {
        use crate::conversions::support::call_method0;
        let bits: u64 = call_method0(py, int, crate::intern!(py, "bit_length"))?.extract(py)?;
        // One more bit for the sign of a two's complement value.
        let len = (bits / 8 + 1) as usize;
        #[cfg(not(Py_LIMITED_API))]
        {
            let mut buffer = vec![0u8; len];
            // SAFETY: `int` is an int and the buffer has `len` bytes; -1 with an error set
            // signals failure (a negative value read as unsigned).
            let rc = unsafe {
                ffi::_PyLong_AsByteArray(
                    int.as_ptr().cast(),
                    buffer.as_mut_ptr(),
                    len,
                    1,
                    c_int::from(signed),
                )
            };
            if rc == -1 {
                return Err(PyErr::fetch(py));
            }
            Ok(buffer)
        }
        #[cfg(Py_LIMITED_API)]
        limited::to_bytes(py, int, len, signed)
    }
}

/// `int.from_bytes` and `int.to_bytes`, where the byte-array C functions are not part of
/// the limited API.
#[cfg(Py_LIMITED_API)]
mod limited {
    use crate::conversion::IntoPy;
    use crate::conversions::std::map::dict_from_iter;
    use crate::conversions::std::slice::new_bytes;
    use crate::conversions::support::{call_with_kwargs, getattr, ModuleAttr};
    use crate::err::PyResult;
    use crate::instance::PyObject;
    use crate::python::Python;
    use crate::types::{PyAny, PyBytes};

    static INT: ModuleAttr = ModuleAttr::new(c"builtins", c"int");

    /// `{"signed": signed}`.
    fn signed_kwarg(py: Python<'_>, signed: bool) -> PyObject {
        dict_from_iter(
            py,
            std::iter::once(("signed".into_py(py), signed.into_py(py))),
        )
    }

    pub(super) fn from_bytes(py: Python<'_>, bytes: &[u8], signed: bool) -> PyResult<PyObject> {
        let method = getattr(py, INT.get(py)?, crate::intern!(py, "from_bytes"))?;
        let kwargs = signed_kwarg(py, signed);
        call_with_kwargs(
            py,
            method.as_any(py),
            (new_bytes(py, bytes), "little"),
            kwargs.as_any(py),
        )
    }

    pub(super) fn to_bytes(
        py: Python<'_>,
        int: &PyAny,
        len: usize,
        signed: bool,
    ) -> PyResult<Vec<u8>> {
        let method = getattr(py, int, crate::intern!(py, "to_bytes"))?;
        let kwargs = signed_kwarg(py, signed);
        let bytes = call_with_kwargs(py, method.as_any(py), (len, "little"), kwargs.as_any(py))?;
        Ok(bytes.as_any(py).downcast::<PyBytes>()?.as_bytes().to_vec())
    }
}

fn bigint_to_py(py: Python<'_>, value: &BigInt) -> PyObject {
    match i64::try_from(value) {
        Ok(small) => small.into_py(py),
        Err(_) => int_from_le_bytes(py, &value.to_signed_bytes_le(), true),
    }
}

fn biguint_to_py(py: Python<'_>, value: &BigUint) -> PyObject {
    match u64::try_from(value) {
        Ok(small) => small.into_py(py),
        Err(_) => int_from_le_bytes(py, &value.to_bytes_le(), false),
    }
}

impl ToPyObject for BigInt {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        bigint_to_py(py, self)
    }
}

impl IntoPy<PyObject> for BigInt {
    fn into_py(self, py: Python<'_>) -> PyObject {
        bigint_to_py(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for BigUint {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        biguint_to_py(py, self)
    }
}

impl IntoPy<PyObject> for BigUint {
    fn into_py(self, py: Python<'_>) -> PyObject {
        biguint_to_py(py, &self)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl FromPyObject<'_> for BigInt {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        let int = as_int(ob)?;
        if let Some(small) = small_value(py, int.as_any())? {
            return Ok(BigInt::from(small));
        }
        let bytes = int_to_le_bytes(py, int.as_any(), true)?;
        Ok(BigInt::from_signed_bytes_le(&bytes))
    }
    crate::gil_independent_extract!();
}

impl FromPyObject<'_> for BigUint {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        let int = as_int(ob)?;
        let negative = || PyOverflowError::new_err("can't convert negative int to unsigned");
        if let Some(small) = small_value(py, int.as_any())? {
            return u64::try_from(small)
                .map(BigUint::from)
                .map_err(|_| negative());
        }
        let bytes = int_to_le_bytes(py, int.as_any(), true)?;
        let (sign, magnitude) = BigInt::from_signed_bytes_le(&bytes).into_parts();
        if sign == Sign::Minus {
            return Err(negative());
        }
        Ok(magnitude)
    }
    crate::gil_independent_extract!();
}
