//! `num_complex::Complex<f32>` and `Complex<f64>` ↔ `complex`.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! num-complex = "0.4"
//! pyo3-core = { version = "0.1", features = ["num-complex"] }
//! ```
//!
//! Extraction accepts what `complex()` accepts as a number: `complex`, objects with
//! `__complex__`, and real numbers (`float`, `int`, `__float__`, `__index__`), which get
//! an imaginary part of 0. Strings are not parsed.
#![cfg(feature = "num-complex")]

use num_complex::Complex;

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// A `complex` from its parts.
fn new_complex(py: Python<'_>, re: f64, im: f64) -> PyObject {
    // SAFETY: the result is a new reference, or null on memory exhaustion.
    unsafe { PyObject::from_owned_ptr(py, ffi::PyComplex_FromDoubles(re, im)) }
}

/// The parts of `ob` as a complex number.
fn extract_parts(ob: &PyAny) -> PyResult<(f64, f64)> {
    let py = ob.py();
    #[cfg(not(Py_LIMITED_API))]
    {
        // SAFETY: `ob` is valid; the result's real part is -1.0 with an error set on failure.
        let value = unsafe { ffi::PyComplex_AsCComplex(ob.as_ptr()) };
        if value.real == -1.0 && PyErr::occurred(py) {
            return Err(PyErr::fetch(py));
        }
        Ok((value.real, value.imag))
    }
    #[cfg(Py_LIMITED_API)]
    {
        use crate::conversions::support::{call_method0, getattr};
        // SAFETY: `ob` is a valid object.
        let is_complex = unsafe { ffi::PyComplex_Check(ob.as_ptr()) } != 0;
        let converted;
        let ob = if !is_complex
            && getattr(py, ob.get_type(), crate::intern!(py, "__complex__")).is_ok()
        {
            converted = call_method0(py, ob, crate::intern!(py, "__complex__"))?;
            converted.as_any(py)
        } else {
            ob
        };
        // SAFETY: `ob` is valid; -1.0 with an error set signals failure (non-complex
        // objects are read as real numbers, with an imaginary part of 0).
        let (re, im) = unsafe {
            (
                ffi::PyComplex_RealAsDouble(ob.as_ptr()),
                ffi::PyComplex_ImagAsDouble(ob.as_ptr()),
            )
        };
        if (re == -1.0 || im == -1.0) && PyErr::occurred(py) {
            return Err(PyErr::fetch(py));
        }
        Ok((re, im))
    }
}

macro_rules! complex_conversions {
    ($float:ty) => {
        impl ToPyObject for Complex<$float> {
            fn to_object(&self, py: Python<'_>) -> PyObject {
                new_complex(py, f64::from(self.re), f64::from(self.im))
            }
        }

        impl IntoPy<PyObject> for Complex<$float> {
            fn into_py(self, py: Python<'_>) -> PyObject {
                self.to_object(py)
            }
            const GIL_INDEPENDENT: bool = true;
        }

        impl FromPyObject<'_> for Complex<$float> {
            fn extract(ob: &PyAny) -> PyResult<Self> {
                let (re, im) = extract_parts(ob)?;
                Ok(Complex::new(re as $float, im as $float))
            }
            crate::gil_independent_extract!();
        }
    };
}

complex_conversions!(f32);
complex_conversions!(f64);
