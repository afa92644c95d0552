//! The fast paths of the hot conversions give the same answers as the C-API routes they
//! bypass: small ints read from their layout, ASCII strings read and built in place, and
//! `new_err` with a static message.

mod common;

use common::{check, err_text, eval};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

#[test]
fn ints_around_the_one_digit_boundary() {
    Python::with_gil(|py| {
        for (code, want) in [
            ("0", 0i64),
            ("1", 1),
            ("-1", -1),
            ("2**30 - 1", (1 << 30) - 1),
            ("-(2**30 - 1)", -((1 << 30) - 1)),
            ("2**30", 1 << 30),
            ("-(2**30)", -(1 << 30)),
            ("2**62 + 5", (1 << 62) + 5),
            ("-2**63", i64::MIN),
            ("2**63 - 1", i64::MAX),
            ("True", 1),
            ("type('MyInt', (int,), {})(-7)", -7),
        ] {
            assert_eq!(eval(py, code).extract::<i64>().unwrap(), want, "{code}");
        }
        let items: Vec<i64> = eval(py, "[0, -1, 5, 2**40, -(2**40), True]")
            .extract()
            .unwrap();
        assert_eq!(items, [0, -1, 5, 1 << 40, -(1 << 40), 1]);
        let small: Vec<i32> = eval(py, "[1, -2, 3]").extract().unwrap();
        assert_eq!(small, [1, -2, 3]);
        let err = eval(py, "[2**31]").extract::<Vec<i32>>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(py));
        let err = eval(py, "2**63").extract::<i64>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(py));
        let err = eval(py, "1.5").extract::<i64>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
    });
}

/// Every integer type built around the shared small ints and the one-digit boundary (the
/// in-place path) gives an `int` equal to, printing, hashing and sized like the one Python
/// makes, and the shared small ints stay shared.
#[test]
fn ints_built_around_the_one_digit_boundary() {
    const VALUES: [i128; 24] = [
        0,
        1,
        -1,
        -5,
        -6,
        127,
        -128,
        255,
        256,
        257,
        -257,
        65535,
        (1 << 30) - 1,
        -((1 << 30) - 1),
        1 << 30,
        -(1 << 30),
        i32::MAX as i128,
        i32::MIN as i128,
        u32::MAX as i128,
        1 << 40,
        i64::MAX as i128,
        i64::MIN as i128,
        u64::MAX as i128,
        -(1 << 40),
    ];
    fn check_value(py: Python<'_>, value: i128, objects: [PyObject; 2]) {
        for object in objects {
            let code = format!(
                "type(x) is int and x == {value} and str(x) == '{value}' \
                 and hash(x) == hash(int('{value}')) and -x == -({value}) and x - 1 == {value} - 1 \
                 and sys.getsizeof(x) == sys.getsizeof(int('{value}')) \
                 and (x is int('{value}')) == ({value} in range(-5, 257))"
            );
            let locals = PyDict::new(py);
            locals.set_item("x", object).unwrap();
            locals.set_item("sys", py.import("sys").unwrap()).unwrap();
            let ok = py.eval(&code, None, Some(locals)).unwrap();
            assert!(ok.is_true().unwrap(), "{value}");
        }
    }
    macro_rules! check_type {
        ($py:expr, $($t:ty),*) => {$(
            let mut checked = 0;
            for value in VALUES {
                if let Ok(v) = <$t>::try_from(value) {
                    check_value($py, value, [v.into_py($py), v.to_object($py)]);
                    checked += 1;
                }
            }
            assert!(checked >= 4, "{}", stringify!($t));
        )*};
    }
    Python::with_gil(|py| {
        check_type!(py, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);
    });
}

#[test]
fn strings_ascii_and_not() {
    Python::with_gil(|py| {
        for code in [
            "''",
            "'a'",
            "'ab'",
            "'hello, world'",
            "'x' * 1000",
            "'h\\xe9llo'",
            "'\\u65e5\\u672c'",
            "'\\U0001F600 ok'",
            "type('MyStr', (str,), {})('sub')",
        ] {
            let ob = eval(py, code);
            let s: String = ob.extract().unwrap();
            let borrowed: &str = ob.extract().unwrap();
            assert_eq!(s, borrowed);
            assert!(
                check(py, &format!("x == {code}"), s.to_object(py)),
                "{code}"
            );
            assert!(check(py, "type(x) is str", s.clone().into_py(py)), "{code}");
        }
        // Built strings are ordinary `str` objects: hashable, comparable, usable as keys.
        let d = PyDict::new(py);
        d.set_item("key", 1).unwrap();
        assert!(check(py, "x == {'key': 1} and 'key' in x", d.into()));
        let err = eval(py, "'\\udc80'").extract::<String>().unwrap_err();
        assert!(err_text::<()>(Err(err)).starts_with("UnicodeEncodeError"));
    });
}

#[test]
fn static_message_errors() {
    Python::with_gil(|py| {
        let err = PyValueError::new_err("boom");
        assert_eq!(err.to_string(), "ValueError: boom");
        assert!(err.is_instance_of::<PyValueError>(py));
        assert!(check(py, "x.args == ('boom',)", err.value(py).into()));
        // Restored and fetched again, it is the same exception.
        PyValueError::new_err("again").restore(py);
        let fetched = PyErr::fetch(py);
        assert_eq!(fetched.to_string(), "ValueError: again");
        // A type that is not an exception class raises the TypeError of `raise`.
        let err = PyErr::new::<pyo3::types::PyDict, _>("no");
        assert_eq!(
            err.to_string(),
            "TypeError: exceptions must derive from BaseException"
        );
        // Owned messages still take the general route.
        let err = PyValueError::new_err(format!("n = {}", 3));
        assert_eq!(err.to_string(), "ValueError: n = 3");
    });
}
