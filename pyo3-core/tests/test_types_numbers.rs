//! Numeric native types: `PyLong`/`PyInt`, `PyFloat`, `PyComplex`, `PyBool`.

mod common;

use common::{assert_no_leak, eval};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyLong};
use pyo3::PyTypeInfo;

#[test]
fn long_type_and_downcast() {
    Python::with_gil(|py| {
        let big = eval(py, "2**100");
        let long: &PyLong = big.downcast().unwrap();
        assert_eq!(long.to_string(), "1267650600228229401496703205376");
        // `bool` subclasses `int`.
        assert!(py.True().is_instance_of::<PyLong>());
        assert!(!py.True().is_exact_instance_of::<PyLong>());
        let s = eval(py, "'12'");
        let err = s.downcast::<PyInt>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'str' object cannot be converted to 'PyLong'"
        );
        let err: PyErr = err.into();
        assert!(err.is_instance_of::<pyo3::exceptions::PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: 'str' object cannot be converted to 'PyLong'"
        );
        assert_eq!(PyLong::type_object(py).name().unwrap(), "int");
        let value: i64 = big
            .extract::<&PyLong>()
            .unwrap()
            .call_method1("__rshift__", (98,))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(value, 4);
    });
}

#[test]
fn float_new_value_and_errors() {
    Python::with_gil(|py| {
        let f = PyFloat::new(py, 1.5);
        assert_eq!(f.value(), 1.5);
        assert_eq!(f.repr().unwrap().to_str().unwrap(), "1.5");
        assert!(PyFloat::new(py, f64::NAN).value().is_nan());
        assert_eq!(
            PyFloat::new(py, f64::NEG_INFINITY).value(),
            f64::NEG_INFINITY
        );
        // A subclass instance keeps its value.
        let sub = py
            .eval("type('F', (float,), {})(2.25)", None, None)
            .unwrap();
        assert_eq!(sub.downcast::<PyFloat>().unwrap().value(), 2.25);
        assert!(sub.downcast_exact::<PyFloat>().is_err());
        let one = eval(py, "1");
        let err: PyErr = one.downcast::<PyFloat>().unwrap_err().into();
        assert_eq!(
            err.to_string(),
            "TypeError: 'int' object cannot be converted to 'PyFloat'"
        );
        let via_extract: PyResult<&PyFloat> = one.extract();
        assert!(via_extract.is_err());
    });
}

#[test]
fn float_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = PyFloat::new(py, 3.25).into();
        assert_no_leak(py, &input, |py, input| {
            let f: &PyFloat = input.downcast().unwrap();
            let g = PyFloat::new(py, f.value() * 2.0);
            assert_eq!(g.value(), 6.5);
        });
    });
}

#[test]
fn complex_parts() {
    Python::with_gil(|py| {
        let c = PyComplex::from_doubles(py, 1.5, -2.0);
        assert_eq!(c.real(), 1.5);
        assert_eq!(c.imag(), -2.0);
        assert_eq!(c.repr().unwrap().to_str().unwrap(), "(1.5-2j)");
        let from_python = eval(py, "3j");
        let c: &PyComplex = from_python.downcast().unwrap();
        assert_eq!((c.real(), c.imag()), (0.0, 3.0));
        let err: PyErr = py
            .eval("1.0", None, None)
            .unwrap()
            .downcast::<PyComplex>()
            .unwrap_err()
            .into();
        assert_eq!(
            err.to_string(),
            "TypeError: 'float' object cannot be converted to 'PyComplex'"
        );
    });
}

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
mod complex_arithmetic {
    use super::*;

    fn parts(c: &PyComplex) -> (f64, f64) {
        (c.real(), c.imag())
    }

    #[test]
    fn operators_match_python() {
        Python::with_gil(|py| {
            let a = PyComplex::from_doubles(py, 1.0, 2.0);
            let b = PyComplex::from_doubles(py, 3.0, -1.0);
            assert_eq!(parts(a + b), (4.0, 1.0));
            assert_eq!(parts(a - b), (-2.0, 3.0));
            assert_eq!(parts(a * b), (5.0, 5.0));
            let c = PyComplex::from_doubles(py, 6.0, 8.0);
            let two = PyComplex::from_doubles(py, 2.0, 0.0);
            assert_eq!(parts(c / two), (3.0, 4.0));
            assert_eq!(parts(-a), (-1.0, -2.0));
            // Same bits as Python's own arithmetic.
            let q: &PyComplex = py
                .eval("complex(1, 2) / complex(3, -1)", None, None)
                .unwrap()
                .downcast()
                .unwrap();
            assert_eq!(parts(a / b), parts(q));
        });
    }

    #[test]
    fn abs_and_pow() {
        Python::with_gil(|py| {
            assert_eq!(PyComplex::from_doubles(py, 3.0, 4.0).abs(), 5.0);
            assert_eq!(
                PyComplex::from_doubles(py, f64::INFINITY, f64::NAN).abs(),
                f64::INFINITY
            );
            let i = PyComplex::from_doubles(py, 0.0, 1.0);
            let two = PyComplex::from_doubles(py, 2.0, 0.0);
            let sq = i.pow(two);
            assert!((sq.real() + 1.0).abs() < 1e-15 && sq.imag().abs() < 1e-15);
            let expected: &PyComplex = py
                .eval("complex(1.5, 0.5) ** complex(0.25, -2)", None, None)
                .unwrap()
                .downcast()
                .unwrap();
            let got =
                PyComplex::from_doubles(py, 1.5, 0.5).pow(PyComplex::from_doubles(py, 0.25, -2.0));
            assert_eq!(parts(got), parts(expected));
        });
    }

    #[test]
    fn division_by_zero_gives_zero_like_the_c_routines() {
        Python::with_gil(|py| {
            let a = PyComplex::from_doubles(py, 1.0, 1.0);
            let zero = PyComplex::from_doubles(py, 0.0, 0.0);
            assert_eq!(parts(a / zero), (0.0, 0.0));
            assert_eq!(
                parts(zero.pow(PyComplex::from_doubles(py, -1.0, 0.0))),
                (0.0, 0.0)
            );
            // No Python exception is left behind.
            assert!(!PyErr::occurred(py));
        });
    }

    #[test]
    fn arithmetic_no_leak() {
        Python::with_gil(|py| {
            let input: PyObject = PyComplex::from_doubles(py, 2.0, 3.0).into();
            assert_no_leak(py, &input, |py, input| {
                let c: &PyComplex = input.downcast().unwrap();
                let one = PyComplex::from_doubles(py, 1.0, 0.0);
                let r = -((c + one) * c - c) / one;
                assert_eq!(parts(r), (5.0, -12.0));
                assert_eq!(c.pow(one).real(), 2.0);
            });
        });
    }
}

#[test]
fn complex_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = PyComplex::from_doubles(py, 2.0, 3.0).into();
        assert_no_leak(py, &input, |py, input| {
            let c: &PyComplex = input.downcast().unwrap();
            let d = PyComplex::from_doubles(py, c.imag(), c.real());
            assert_eq!(d.real(), 3.0);
        });
    });
}

#[test]
fn bool_values() {
    Python::with_gil(|py| {
        assert!(PyBool::new(py, true).is_true());
        assert!(!PyBool::new(py, false).is_true());
        assert!(PyBool::new(py, true).is(py.True()));
        let b = eval(py, "1 == 1");
        assert!(b.downcast::<PyBool>().unwrap().is_true());
        let err = py
            .eval("1", None, None)
            .unwrap()
            .downcast::<PyBool>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'PyBool'"
        );
    });
}
