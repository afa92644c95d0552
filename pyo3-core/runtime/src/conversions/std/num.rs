//! Numbers: every integer type up to 128 bits, `f32`/`f64`, `bool`.
//!
//! Integers extract with the C API's direct conversions; objects that are not `int` go
//! through `__index__` (so a `float` raises `TypeError: 'float' object cannot be
//! interpreted as an integer`, as in Python), and out-of-range values raise
//! `OverflowError`.

use std::os::raw::{c_long, c_longlong};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::{PyAny, PyBool};

/// Runs `convert` on `ob` if it is an `int`, else on `ob.__index__()`.
#[inline]
fn with_index<T>(ob: &PyAny, convert: impl FnOnce(*mut ffi::PyObject) -> T) -> PyResult<T> {
    // SAFETY: `ob` is a valid object.
    if unsafe { ffi::PyLong_Check(ob.as_ptr()) } != 0 {
        return Ok(convert(ob.as_ptr()));
    }
    // SAFETY: `ob` is valid; PyNumber_Index returns a new reference or null.
    let index = unsafe { ffi::PyNumber_Index(ob.as_ptr()) };
    match std::ptr::NonNull::new(index) {
        // SAFETY: `index` is an owned reference, released by the guard.
        Some(index) => Ok(convert(
            unsafe { TempRef::from_owned(index) }.as_any().as_ptr(),
        )),
        None => Err(PyErr::fetch(ob.py())),
    }
}

/// Turns a C-API `-1` error sentinel into the pending error.
#[inline]
fn check_sentinel<T: PartialEq + Copy>(py: Python<'_>, value: T, sentinel: T) -> PyResult<T> {
    if value == sentinel && PyErr::occurred(py) {
        Err(PyErr::fetch(py))
    } else {
        Ok(value)
    }
}

fn overflow() -> PyErr {
    PyOverflowError::new_err("out of range integral type conversion attempted")
}

/// The hidden items of `FromPyObject` for the integer types: like
/// `gil_independent_extract!`, but an item that is an exact `int` is converted in place,
/// with no reference taken, since converting an exact `int` runs no Python code that could
/// release it (the hot path of `Vec<i64>` from a list).
macro_rules! int_extract_item {
    () => {
        const GIL_INDEPENDENT: bool = true;

        #[inline(always)]
        unsafe fn extract_item(
            _py: Python<'_>,
            item: std::ptr::NonNull<ffi::PyObject>,
        ) -> PyResult<Self> {
            // SAFETY: `item` is valid at entry (the contract of `extract_item`).
            if unsafe { ffi::PyLong_CheckExact(item.as_ptr()) } != 0 {
                // SAFETY: the container keeps the item alive and nothing below can run
                // Python code; `PyAny` is a view of the object header.
                let any = unsafe { &*(item.as_ptr() as *const PyAny) };
                return <Self as FromPyObject<'_>>::extract(any);
            }
            // SAFETY: forwarded from the caller.
            unsafe { extract_held::<Self>(item) }
        }
    };
}

/// Extracts an item that is not an exact `int` through a temporary strong reference, since
/// `__index__` may run Python code that releases it; out of line, off the hot path.
///
/// # Safety
/// `item` must be valid at entry.
#[inline(never)]
unsafe fn extract_held<T: for<'a> FromPyObject<'a>>(
    item: std::ptr::NonNull<ffi::PyObject>,
) -> PyResult<T> {
    // SAFETY: forwarded from the caller; the guard holds the item during the extraction.
    let guard = unsafe { TempRef::from_borrowed(item) };
    T::extract(guard.as_any())
}

/// Extracts a `long long` through `__index__`: small exact ints inline, everything else
/// through the C API.
#[inline(always)]
fn extract_i64(ob: &PyAny) -> PyResult<i64> {
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
    // SAFETY: `ob` is a valid object and the GIL is held.
    if let Some(value) = unsafe { super::compact_int::exact_compact_value(ob.as_ptr()) } {
        return Ok(value);
    }
    extract_i64_c_api(ob)
}

/// The general case of [`extract_i64`], out of line so the small-int path inlines.
#[inline(never)]
fn extract_i64_c_api(ob: &PyAny) -> PyResult<i64> {
    // From 3.10 the C function itself goes through `__index__` (and nothing else) with the
    // same `TypeError`, so the type check would be done twice on the hot path of every
    // integer argument.
    #[cfg(Py_3_10)]
    // SAFETY: `ob` is a valid object.
    let value = unsafe { ffi::PyLong_AsLongLong(ob.as_ptr()) };
    #[cfg(not(Py_3_10))]
    let value = with_index(ob, |p| {
        // SAFETY: `p` is an int.
        unsafe { ffi::PyLong_AsLongLong(p) }
    })?;
    check_sentinel(ob.py(), value as c_longlong, -1)
}

/// Extracts an `unsigned long long` through `__index__`.
#[inline]
fn extract_u64(ob: &PyAny) -> PyResult<u64> {
    let value = with_index(ob, |p| {
        // SAFETY: `p` is an int.
        unsafe { ffi::PyLong_AsUnsignedLongLong(p) }
    })?;
    check_sentinel(ob.py(), value, u64::MAX)
}

/// `PyLong_FromLongLong`. (Building one-digit ints in place was measured slower in list
/// conversions; see `compact_int`.)
///
/// # Safety
/// The GIL must be held.
#[inline(always)]
unsafe fn long_from_i64(value: c_longlong) -> *mut ffi::PyObject {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyLong_FromLongLong(value) }
}

/// `PyLong_FromUnsignedLongLong`, with values that fit an `i64` through
/// [`long_from_i64`] (3.11's unsigned constructor has no one-digit fast path).
///
/// # Safety
/// The GIL must be held.
#[inline(always)]
unsafe fn long_from_u64(value: u64) -> *mut ffi::PyObject {
    match c_longlong::try_from(value) {
        // SAFETY: forwarded from the caller.
        Ok(value) => unsafe { long_from_i64(value) },
        // SAFETY: forwarded from the caller.
        Err(_) => unsafe { ffi::PyLong_FromUnsignedLongLong(value) },
    }
}

macro_rules! int_to_python {
    ($rust:ty, $ctor:path, $cty:ty) => {
        impl ToPyObject for $rust {
            #[inline]
            fn to_object(&self, py: Python<'_>) -> PyObject {
                (*self).into_py(py)
            }

            #[inline(always)]
            fn int_value(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
        }

        impl IntoPy<PyObject> for $rust {
            #[inline]
            fn into_py(self, py: Python<'_>) -> PyObject {
                // SAFETY: the constructor returns a new reference or null with an error set.
                unsafe { PyObject::from_owned_ptr(py, $ctor(self as $cty)) }
            }
            const GIL_INDEPENDENT: bool = true;
        }
    };
}

macro_rules! int_via_i64 {
    ($rust:ty) => {
        int_to_python!($rust, long_from_i64, c_longlong);

        impl FromPyObject<'_> for $rust {
            #[inline]
            fn extract(ob: &PyAny) -> PyResult<Self> {
                let value = extract_i64(ob)?;
                <$rust>::try_from(value).map_err(|_| overflow())
            }
            int_extract_item!();
        }
    };
}

macro_rules! uint_via_u64 {
    ($rust:ty) => {
        int_to_python!($rust, long_from_u64, u64);
        uint_extract!($rust);
    };
    // Types that always fit in an i64 skip `long_from_u64`'s range check.
    ($rust:ty, to_python_via_i64) => {
        int_to_python!($rust, long_from_i64, c_longlong);
        uint_extract!($rust);
    };
}

macro_rules! uint_extract {
    ($rust:ty) => {
        impl FromPyObject<'_> for $rust {
            #[inline]
            fn extract(ob: &PyAny) -> PyResult<Self> {
                let value = extract_u64(ob)?;
                <$rust>::try_from(value).map_err(|_| overflow())
            }
            int_extract_item!();
        }
    };
}

int_via_i64!(i8);
int_via_i64!(i16);
int_via_i64!(i32);
int_via_i64!(isize);
uint_via_u64!(u16, to_python_via_i64);
uint_via_u64!(u32, to_python_via_i64);
uint_via_u64!(usize);

// u8 goes through i64 so that negative values raise OverflowError, not a wrapped value.
int_to_python!(u8, ffi::PyLong_FromLong, c_long);
impl FromPyObject<'_> for u8 {
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let value = extract_i64(ob)?;
        u8::try_from(value).map_err(|_| overflow())
    }
    int_extract_item!();

    /// `Vec<u8>` copies `bytes` and `bytearray` in one go instead of int by int.
    #[inline]
    fn extract_vec_fast(ob: &PyAny) -> Option<PyResult<Vec<u8>>> {
        super::slice::copy_byte_buffer(ob).map(Ok)
    }
}

int_to_python!(i64, long_from_i64, c_longlong);
impl FromPyObject<'_> for i64 {
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        extract_i64(ob)
    }
    int_extract_item!();
}

int_to_python!(u64, long_from_u64, u64);
impl FromPyObject<'_> for u64 {
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        extract_u64(ob)
    }
    int_extract_item!();
}

/// Splits a 128-bit conversion into two 64-bit halves with portable C-API calls.
mod wide {
    use super::*;

    /// `ob` as an `int` (through `__index__`), owned.
    fn as_int(ob: &PyAny) -> PyResult<PyObject> {
        // SAFETY: `ob` is valid; PyNumber_Index returns a new reference or null.
        unsafe { PyObject::from_owned_ptr_or_err(ob.py(), ffi::PyNumber_Index(ob.as_ptr())) }
    }

    /// The low 64 bits and the value shifted right by 64 (floor), of an `int`.
    fn halves(py: Python<'_>, int: &PyObject) -> PyResult<(u64, PyObject)> {
        // SAFETY: `int` is an int; the mask conversion never fails on ints.
        let low = unsafe { ffi::PyLong_AsUnsignedLongLongMask(int.as_ptr()) };
        let low = check_sentinel(py, low, u64::MAX)?;
        let shift = 64u64.into_py(py);
        // SAFETY: both are ints; the result is a new reference or null.
        let high = unsafe {
            PyObject::from_owned_ptr_or_err(py, ffi::PyNumber_Rshift(int.as_ptr(), shift.as_ptr()))?
        };
        Ok((low, high))
    }

    pub(super) fn extract_i128(ob: &PyAny) -> PyResult<i128> {
        let py = ob.py();
        let int = as_int(ob)?;
        let mut overflow_flag = 0;
        // SAFETY: `int` is an int.
        let small = unsafe { ffi::PyLong_AsLongLongAndOverflow(int.as_ptr(), &mut overflow_flag) };
        if overflow_flag == 0 {
            return check_sentinel(py, small, -1).map(i128::from);
        }
        let (low, high) = halves(py, &int)?;
        let high: i64 = high.extract(py).map_err(|_| {
            PyOverflowError::new_err("Python int too large to convert to 128-bit integer")
        })?;
        Ok((i128::from(high) << 64) | i128::from(low))
    }

    pub(super) fn extract_u128(ob: &PyAny) -> PyResult<u128> {
        let py = ob.py();
        let int = as_int(ob)?;
        // SAFETY: `int` is an int.
        if unsafe {
            ffi::PyObject_RichCompareBool(int.as_ptr(), 0u8.into_py(py).as_ptr(), ffi::Py_LT)
        } == 1
        {
            return Err(PyOverflowError::new_err(
                "can't convert negative int to unsigned",
            ));
        }
        let (low, high) = halves(py, &int)?;
        let high: u64 = high.extract(py).map_err(|_| {
            PyOverflowError::new_err("Python int too large to convert to 128-bit integer")
        })?;
        Ok((u128::from(high) << 64) | u128::from(low))
    }

    /// `(high << 64) | low` as a Python int.
    fn combine(py: Python<'_>, high: PyObject, low: u64) -> PyObject {
        let shift = 64u64.into_py(py);
        let low = low.into_py(py);
        // SAFETY: all are ints; results are new references (or null with an error, which
        // only happens on memory exhaustion and is turned into a panic).
        unsafe {
            let shifted =
                PyObject::from_owned_ptr(py, ffi::PyNumber_Lshift(high.as_ptr(), shift.as_ptr()));
            PyObject::from_owned_ptr(py, ffi::PyNumber_Or(shifted.as_ptr(), low.as_ptr()))
        }
    }

    pub(super) fn i128_into_py(py: Python<'_>, value: i128) -> PyObject {
        if let Ok(small) = i64::try_from(value) {
            return small.into_py(py);
        }
        combine(py, ((value >> 64) as i64).into_py(py), value as u64)
    }

    pub(super) fn u128_into_py(py: Python<'_>, value: u128) -> PyObject {
        if let Ok(small) = u64::try_from(value) {
            return small.into_py(py);
        }
        combine(py, ((value >> 64) as u64).into_py(py), value as u64)
    }
}

macro_rules! int128 {
    ($rust:ty, $extract:path, $into:path) => {
        impl ToPyObject for $rust {
            fn to_object(&self, py: Python<'_>) -> PyObject {
                $into(py, *self)
            }
        }

        impl IntoPy<PyObject> for $rust {
            fn into_py(self, py: Python<'_>) -> PyObject {
                $into(py, self)
            }
            const GIL_INDEPENDENT: bool = true;
        }

        impl FromPyObject<'_> for $rust {
            fn extract(ob: &PyAny) -> PyResult<Self> {
                $extract(ob)
            }
            crate::gil_independent_extract!();
        }
    };
}

int128!(i128, wide::extract_i128, wide::i128_into_py);
int128!(u128, wide::extract_u128, wide::u128_into_py);

impl ToPyObject for f64 {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        (*self).into_py(py)
    }
}

impl IntoPy<PyObject> for f64 {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        // SAFETY: PyFloat_FromDouble returns a new reference or null.
        unsafe { PyObject::from_owned_ptr(py, ffi::PyFloat_FromDouble(self)) }
    }
    const GIL_INDEPENDENT: bool = true;
}

impl FromPyObject<'_> for f64 {
    /// Accepts `float`, `int` and anything with `__float__` or `__index__`.
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        // SAFETY: `ob` is valid; the macro form is used only on exact floats.
        unsafe {
            if ffi::PyFloat_CheckExact(ob.as_ptr()) != 0 {
                return Ok(ffi::PyFloat_AS_DOUBLE(ob.as_ptr()));
            }
        }
        // SAFETY: `ob` is valid; -1.0 with an error set signals failure.
        let value = unsafe { ffi::PyFloat_AsDouble(ob.as_ptr()) };
        check_sentinel(ob.py(), value, -1.0)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for f32 {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        f64::from(*self).into_py(py)
    }
}

impl IntoPy<PyObject> for f32 {
    fn into_py(self, py: Python<'_>) -> PyObject {
        f64::from(self).into_py(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl FromPyObject<'_> for f32 {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        f64::extract(ob).map(|v| v as f32)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for bool {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        PyBool::new(py, *self).into()
    }
}

impl IntoPy<PyObject> for bool {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        PyBool::new(py, self).into()
    }
    const GIL_INDEPENDENT: bool = true;
}

/// Whether `ob` is a `numpy.bool_` (`numpy.bool` in numpy 2). Uses owned temporaries only:
/// `bool` is GIL-independent, so its extraction must not park anything in the pool.
fn is_numpy_bool(ob: &PyAny) -> bool {
    let py = ob.py();
    let ty: crate::Py<crate::types::PyType> = ob.get_type().into();
    let attr = |name: &str| -> Option<String> {
        let value = ty.getattr(py, name).ok()?;
        let text: String = value.extract(py).ok()?;
        Some(text)
    };
    matches!(attr("__name__").as_deref(), Some("bool_" | "bool"))
        && attr("__module__").as_deref() == Some("numpy")
}

impl FromPyObject<'_> for bool {
    /// Accepts only `bool` (and `numpy.bool_`), as PyO3 does: `1` is not silently a bool.
    #[inline]
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if let Ok(b) = ob.downcast::<PyBool>() {
            return Ok(b.is_true());
        }
        if is_numpy_bool(ob) {
            return ob.is_true();
        }
        Err(crate::err::PyDowncastError::new(ob, "PyBool").into())
    }
    crate::gil_independent_extract!();
}
