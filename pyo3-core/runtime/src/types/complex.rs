//! `PyComplex`: Python's `complex`.

use std::os::raw::c_double;

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `complex`: a pair of C `double`s.
#[repr(transparent)]
pub struct PyComplex(PyAny);

crate::pyobject_native_type!(
    PyComplex,
    ffi::PyComplex_Type,
    "complex",
    check = ffi::PyComplex_Check
);

impl PyComplex {
    /// A new `complex` from its real and imaginary parts.
    pub fn from_doubles(py: Python<'_>, real: c_double, imag: c_double) -> &PyComplex {
        // SAFETY: PyComplex_FromDoubles returns a new reference (or null on memory error).
        unsafe { py.from_owned_ptr(ffi::PyComplex_FromDoubles(real, imag)) }
    }

    /// The real part.
    pub fn real(&self) -> c_double {
        // SAFETY: `self` is a complex, so this cannot fail.
        unsafe { ffi::PyComplex_RealAsDouble(self.as_ptr()) }
    }

    /// The imaginary part.
    pub fn imag(&self) -> c_double {
        // SAFETY: `self` is a complex, so this cannot fail.
        unsafe { ffi::PyComplex_ImagAsDouble(self.as_ptr()) }
    }
}

/// Arithmetic through CPython's own complex routines, which the limited API lacks.
///
/// As in CPython's C routines (and PyO3), nothing here raises: a zero divisor or zero
/// raised to a negative or complex power gives `0j`, and an overflowing `abs` gives `inf`.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
mod arithmetic {
    use std::ops::{Add, Div, Mul, Neg, Sub};
    use std::os::raw::c_double;

    use super::PyComplex;
    use crate::ffi;
    use crate::python::Python;

    impl PyComplex {
        /// The value as the C struct.
        fn as_c_complex(&self) -> ffi::Py_complex {
            // SAFETY: `self` is a complex (or a subclass), whose layout starts with
            // `PyComplexObject`.
            unsafe { (*(self.as_ptr() as *mut ffi::PyComplexObject)).cval }
        }

        /// A new `complex` from the C struct.
        fn from_c_complex(py: Python<'_>, value: ffi::Py_complex) -> &PyComplex {
            // SAFETY: PyComplex_FromCComplex returns a new reference (or null on memory error).
            unsafe { py.from_owned_ptr(ffi::PyComplex_FromCComplex(value)) }
        }

        /// The magnitude, `abs(self)`.
        pub fn abs(&self) -> c_double {
            // SAFETY: a pure computation on two doubles.
            unsafe { ffi::_Py_c_abs(self.as_c_complex()) }
        }

        /// `self ** other`.
        pub fn pow(&self, other: &PyComplex) -> &PyComplex {
            // SAFETY: a pure computation on doubles.
            let value = unsafe { ffi::_Py_c_pow(self.as_c_complex(), other.as_c_complex()) };
            PyComplex::from_c_complex(self.py(), value)
        }
    }

    macro_rules! binary_op {
        ($trait:ident, $method:ident, $cfn:path) => {
            impl<'py> $trait for &'py PyComplex {
                type Output = &'py PyComplex;
                fn $method(self, other: &'py PyComplex) -> &'py PyComplex {
                    // SAFETY: a pure computation on doubles.
                    let value = unsafe { $cfn(self.as_c_complex(), other.as_c_complex()) };
                    PyComplex::from_c_complex(self.py(), value)
                }
            }
        };
    }

    binary_op!(Add, add, ffi::_Py_c_sum);
    binary_op!(Sub, sub, ffi::_Py_c_diff);
    binary_op!(Mul, mul, ffi::_Py_c_prod);
    binary_op!(Div, div, ffi::_Py_c_quot);

    impl<'py> Neg for &'py PyComplex {
        type Output = &'py PyComplex;
        fn neg(self) -> &'py PyComplex {
            // SAFETY: a pure computation on doubles.
            let value = unsafe { ffi::_Py_c_neg(self.as_c_complex()) };
            PyComplex::from_c_complex(self.py(), value)
        }
    }
}
