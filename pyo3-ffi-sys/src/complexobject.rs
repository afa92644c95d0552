//! Complex arithmetic on `Py_complex` values, from CPython's `Include/cpython/complexobject.h`.
//!
//! These underscore functions are exported by every CPython since 3.0 but are not part of
//! the limited API, and `pyo3-ffi` skips them.

use crate::Py_complex;
use std::os::raw::c_double;

extern "C" {
    /// `a + b`.
    pub fn _Py_c_sum(a: Py_complex, b: Py_complex) -> Py_complex;
    /// `a - b`.
    pub fn _Py_c_diff(a: Py_complex, b: Py_complex) -> Py_complex;
    /// `-a`.
    pub fn _Py_c_neg(a: Py_complex) -> Py_complex;
    /// `a * b`.
    pub fn _Py_c_prod(a: Py_complex, b: Py_complex) -> Py_complex;
    /// `a / b`; sets `errno` to `EDOM` and returns `0j` when `b` is zero.
    pub fn _Py_c_quot(a: Py_complex, b: Py_complex) -> Py_complex;
    /// `a ** b`; sets `errno` to `EDOM` for zero to a negative or complex power.
    pub fn _Py_c_pow(a: Py_complex, b: Py_complex) -> Py_complex;
    /// `abs(a)`; sets `errno` to `ERANGE` on overflow.
    pub fn _Py_c_abs(a: Py_complex) -> c_double;
}
