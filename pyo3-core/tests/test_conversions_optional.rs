//! Conversions of the optional crates; each module runs only with its feature:
//! `cargo test -p pyo3-core --features num-bigint,num-complex,chrono,anyhow,eyre,hashbrown,indexmap,smallvec,serde --test test_conversions_optional`.
#![allow(dead_code, unused_imports)]

mod common;

use common::{check, err_text, eval};
use pyo3::gil::owned_object_count;
use pyo3::prelude::*;

/// Converts each of `inputs` once to warm up, then checks with [`common::assert_flat`]
/// that 200 rounds of conversions leave the inputs' reference counts and the pool as
/// they were, and that each conversion itself parked nothing in the pool.
fn assert_conversions_flat(
    py: Python<'_>,
    inputs: &[PyObject],
    convert: impl Fn(Python<'_>, &PyAny) + Send + Sync,
) {
    for input in inputs {
        convert(py, input.as_any(py));
    }
    common::assert_flat(py, inputs, 200, |py| {
        for input in inputs {
            let before = owned_object_count();
            convert(py, input.as_any(py));
            assert_eq!(owned_object_count(), before);
        }
    });
}

#[cfg(feature = "num-bigint")]
mod num_bigint_conversions {
    use super::*;
    use num_bigint::{BigInt, BigUint};
    use pyo3::exceptions::{PyOverflowError, PyTypeError};

    #[test]
    fn bigints_round_trip() {
        Python::with_gil(|py| {
            for code in [
                "0",
                "1",
                "-1",
                "2**63 - 1",
                "-2**63",
                "2**63",
                "-2**63 - 1",
                "2**64",
                "-(2**64)",
                "3**200",
                "-(3**200)",
                "-(2**127)",
                "2**127 - 1",
                "-(2**128)",
            ] {
                let obj = eval(py, code);
                let value: BigInt = obj.extract().unwrap();
                let expected: BigInt = obj.str().unwrap().to_str().unwrap().parse().unwrap();
                assert_eq!(value, expected, "{code}");
                assert!(obj.eq(value.to_object(py)).unwrap(), "{code}");
                assert!(obj.eq(value.into_py(py)).unwrap(), "{code}");
            }
            for code in [
                "0",
                "255",
                "2**64 - 1",
                "2**64",
                "2**1000 + 12345",
                "2**128 - 1",
            ] {
                let obj = eval(py, code);
                let value: BigUint = obj.extract().unwrap();
                let expected: BigUint = obj.str().unwrap().to_str().unwrap().parse().unwrap();
                assert_eq!(value, expected, "{code}");
                assert!(obj.eq(value.to_object(py)).unwrap(), "{code}");
                assert!(obj.eq(value.into_py(py)).unwrap(), "{code}");
            }
            let v: BigInt = eval(
                py,
                "type('I', (), {'__index__': lambda self: -7 * 10**30})()",
            )
            .extract()
            .unwrap();
            assert_eq!(
                v,
                "-7000000000000000000000000000000"
                    .parse::<BigInt>()
                    .unwrap()
            );
        });
    }

    #[test]
    fn bigint_errors() {
        Python::with_gil(|py| {
            for code in ["-1", "-(2**100)"] {
                let err = eval(py, code).extract::<BigUint>().unwrap_err();
                assert!(err.is_instance_of::<PyOverflowError>(py), "{code}");
                assert_eq!(
                    err.to_string(),
                    "OverflowError: can't convert negative int to unsigned"
                );
            }
            let err = eval(py, "1.0").extract::<BigInt>().unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(py));
            assert_eq!(
                err.to_string(),
                "TypeError: 'float' object cannot be interpreted as an integer"
            );
            let err = eval(py, "'12'").extract::<BigUint>().unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(py));
        });
    }

    #[test]
    fn bigints_stay_flat() {
        Python::with_gil(|py| {
            let inputs: Vec<PyObject> = ["5", "-(7**90)", "11**90"]
                .iter()
                .map(|c| eval(py, c).into())
                .collect();
            assert_conversions_flat(py, &inputs, |py, ob| {
                let v: BigInt = ob.extract().unwrap();
                drop(v.into_py(py));
            });
        });
    }
}

#[cfg(feature = "num-complex")]
mod num_complex_conversions {
    use super::*;
    use num_complex::Complex;
    use pyo3::exceptions::PyTypeError;

    #[test]
    fn complex_numbers() {
        Python::with_gil(|py| {
            let c: Complex<f64> = eval(py, "complex(1.5, -2)").extract().unwrap();
            assert_eq!(c, Complex::new(1.5, -2.0));
            let c: Complex<f32> = eval(py, "3j").extract().unwrap();
            assert_eq!(c, Complex::new(0.0, 3.0));
            let c: Complex<f64> = eval(py, "2.5").extract().unwrap();
            assert_eq!(c, Complex::new(2.5, 0.0));
            let c: Complex<f64> = eval(py, "7").extract().unwrap();
            assert_eq!(c, Complex::new(7.0, 0.0));
            let c: Complex<f64> = eval(py, "type('C', (), {'__complex__': lambda self: 1 + 1j})()")
                .extract()
                .unwrap();
            assert_eq!(c, Complex::new(1.0, 1.0));
            let err = eval(py, "'1+2j'").extract::<Complex<f64>>().unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(py));
            let err = eval(py, "type('B', (), {'__complex__': lambda self: 1 // 0})()")
                .extract::<Complex<f64>>()
                .unwrap_err();
            assert!(err.is_instance_of::<pyo3::exceptions::PyZeroDivisionError>(py));

            assert!(check(
                py,
                "x == complex(1, -1) and type(x) is complex",
                Complex::new(1.0f64, -1.0).into_py(py)
            ));
            assert!(check(
                py,
                "x == 0.5j",
                Complex::new(0.0f32, 0.5).to_object(py)
            ));
            let inputs = vec![eval(py, "1+2j").into(), eval(py, "4.0").into()];
            assert_conversions_flat(py, &inputs, |py, ob| {
                let v: Complex<f64> = ob.extract().unwrap();
                drop(v.into_py(py));
            });
        });
    }
}

#[cfg(feature = "anyhow")]
mod anyhow_conversions {
    use super::*;
    use pyo3::exceptions::{PyRuntimeError, PyValueError};

    fn fails_with_pyerr() -> anyhow::Result<()> {
        Err(PyValueError::new_err("inner value error").into())
    }

    #[test]
    fn anyhow_errors_become_python_exceptions() {
        Python::with_gil(|py| {
            let err: PyErr = fails_with_pyerr().unwrap_err().into();
            assert!(err.is_instance_of::<PyValueError>(py));
            assert_eq!(err.to_string(), "ValueError: inner value error");

            let err: PyErr = anyhow::anyhow!("plain {}", 1).into();
            assert!(err.is_instance_of::<PyRuntimeError>(py));
            // The debug form, which carries a backtrace when RUST_BACKTRACE asks for one.
            assert!(
                err.to_string().starts_with("RuntimeError: plain 1"),
                "{err}"
            );

            let with_context =
                anyhow::Context::context(fails_with_pyerr(), "while testing").unwrap_err();
            let err: PyErr = with_context.into();
            assert!(err.is_instance_of::<PyRuntimeError>(py));
            let text = err.to_string();
            assert!(text.starts_with("RuntimeError: while testing"), "{text}");
            assert!(text.contains("inner value error"), "{text}");

            let io: PyErr = anyhow::Error::from(std::io::Error::other("disk")).into();
            assert!(io.to_string().starts_with("RuntimeError: disk"), "{io}");
        });
    }
}

#[cfg(feature = "eyre")]
mod eyre_conversions {
    use super::*;
    use pyo3::exceptions::{PyRuntimeError, PyTypeError};

    fn fails_with_pyerr() -> eyre::Result<()> {
        Err(PyTypeError::new_err("inner type error").into())
    }

    #[test]
    fn eyre_reports_become_python_exceptions() {
        Python::with_gil(|py| {
            let err: PyErr = fails_with_pyerr().unwrap_err().into();
            assert!(err.is_instance_of::<PyTypeError>(py));
            assert_eq!(err.to_string(), "TypeError: inner type error");

            let err: PyErr = eyre::eyre!("plain {}", 2).into();
            assert!(err.is_instance_of::<PyRuntimeError>(py));
            assert!(
                err.to_string().starts_with("RuntimeError: plain 2"),
                "{err}"
            );

            let with_context =
                eyre::WrapErr::wrap_err(fails_with_pyerr(), "while testing").unwrap_err();
            let err: PyErr = with_context.into();
            assert!(err.is_instance_of::<PyRuntimeError>(py));
            let text = err.to_string();
            assert!(text.starts_with("RuntimeError: while testing"), "{text}");
            assert!(text.contains("inner type error"), "{text}");
        });
    }
}

#[cfg(feature = "hashbrown")]
mod hashbrown_conversions {
    use super::*;

    #[test]
    fn hashbrown_maps_and_sets() {
        Python::with_gil(|py| {
            let m: hashbrown::HashMap<String, Vec<i64>> =
                eval(py, "{'a': [1], 'b': []}").extract().unwrap();
            assert_eq!(m["a"], [1]);
            assert!(check(py, "x == {'a': [1], 'b': []}", m.to_object(py)));
            assert!(check(py, "x == {'a': [1], 'b': []}", m.into_py(py)));
            let s: hashbrown::HashSet<i64> = eval(py, "frozenset([1, 2])").extract().unwrap();
            assert!(s.contains(&2));
            assert!(check(py, "x == {1, 2} and type(x) is set", s.to_object(py)));
            assert!(check(py, "x == {1, 2}", s.into_py(py)));
            assert_eq!(
                err_text(eval(py, "{1: 1}").extract::<hashbrown::HashMap<String, i64>>()),
                "TypeError: 'int' object cannot be converted to 'PyString'"
            );
            assert_eq!(
                err_text(eval(py, "[1]").extract::<hashbrown::HashSet<i64>>()),
                "TypeError: 'list' object cannot be converted to 'PySet'"
            );
            let inputs: [PyObject; 2] = [
                eval(py, "{i: i for i in range(20)}").into(),
                eval(py, "set(range(20))").into(),
            ];
            assert_conversions_flat(py, &inputs[..1], |py, ob| {
                let v: hashbrown::HashMap<i64, i64> = ob.extract().unwrap();
                drop(v.into_py(py));
            });
            assert_conversions_flat(py, &inputs[1..], |py, ob| {
                let v: hashbrown::HashSet<i64> = ob.extract().unwrap();
                drop(v.into_py(py));
            });
        });
    }
}

#[cfg(feature = "indexmap")]
mod indexmap_conversions {
    use super::*;
    use indexmap::IndexMap;

    #[test]
    fn index_maps_keep_order() {
        Python::with_gil(|py| {
            let m: IndexMap<String, i64> = eval(py, "{'z': 1, 'a': 2, 'm': 3}").extract().unwrap();
            assert_eq!(m.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
            let mut back = IndexMap::new();
            back.insert(3, "c");
            back.insert(1, "a");
            back.insert(2, "b");
            assert!(check(
                py,
                "list(x) == [3, 1, 2] and x == {1: 'a', 2: 'b', 3: 'c'}",
                back.to_object(py)
            ));
            assert!(check(
                py,
                "list(x.values()) == ['c', 'a', 'b']",
                back.into_py(py)
            ));
            assert_eq!(
                err_text(eval(py, "{'a': 'b'}").extract::<IndexMap<String, i64>>()),
                "TypeError: 'str' object cannot be interpreted as an integer"
            );
            let inputs = vec![eval(py, "{str(i): i for i in range(20)}").into()];
            assert_conversions_flat(py, &inputs, |py, ob| {
                let v: IndexMap<String, i64> = ob.extract().unwrap();
                drop(v.into_py(py));
            });
        });
    }
}

#[cfg(feature = "smallvec")]
mod smallvec_conversions {
    use super::*;
    use smallvec::SmallVec;

    #[test]
    fn small_vectors() {
        Python::with_gil(|py| {
            let v: SmallVec<[i64; 4]> = eval(py, "[1, 2, 3]").extract().unwrap();
            assert_eq!(v.as_slice(), [1, 2, 3]);
            assert!(!v.spilled());
            let v: SmallVec<[i64; 2]> = eval(py, "(1, 2, 3)").extract().unwrap();
            assert!(v.spilled());
            let b: SmallVec<[u8; 8]> = eval(py, "b'abc'").extract().unwrap();
            assert_eq!(b.as_slice(), b"abc");
            assert_eq!(
                err_text(eval(py, "'abc'").extract::<SmallVec<[String; 2]>>()),
                "TypeError: Can't extract `str` to `SmallVec`"
            );
            assert!(check(
                py,
                "x == [1, 2, 3] and type(x) is list",
                v.to_object(py)
            ));
            assert!(check(py, "x == [1, 2, 3]", v.into_py(py)));
            let inputs = vec![eval(py, "list(range(50))").into()];
            assert_conversions_flat(py, &inputs, |py, ob| {
                let v: SmallVec<[i64; 8]> = ob.extract().unwrap();
                drop(v.into_py(py));
            });
        });
    }
}

#[cfg(feature = "chrono")]
mod chrono_conversions {
    use super::*;
    use chrono::{
        DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
    };
    use pyo3::exceptions::{PyTypeError, PyValueError};

    #[test]
    fn dates_times_and_deltas() {
        Python::with_gil(|py| {
            let d: NaiveDate = eval(py, "__import__('datetime').date(2024, 2, 29)")
                .extract()
                .unwrap();
            assert_eq!(d, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
            assert!(check(
                py,
                "x == datetime.date(2024, 2, 29) and type(x) is datetime.date",
                d.into_py(py)
            ));
            let from_dt: NaiveDate = eval(py, "__import__('datetime').datetime(2001, 1, 2, 3)")
                .extract()
                .unwrap();
            assert_eq!(from_dt, NaiveDate::from_ymd_opt(2001, 1, 2).unwrap());

            let t: NaiveTime = eval(py, "__import__('datetime').time(13, 14, 15, 161718)")
                .extract()
                .unwrap();
            assert_eq!(
                t,
                NaiveTime::from_hms_micro_opt(13, 14, 15, 161_718).unwrap()
            );
            assert!(check(
                py,
                "x == datetime.time(13, 14, 15, 161718)",
                t.to_object(py)
            ));
            let nanos = NaiveTime::from_hms_nano_opt(1, 2, 3, 999_999_999).unwrap();
            assert!(check(
                py,
                "x == datetime.time(1, 2, 3, 999999)",
                nanos.into_py(py)
            ));
            let leap = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_500).unwrap();
            assert!(check(
                py,
                "x == datetime.time(23, 59, 59, 500000)",
                leap.into_py(py)
            ));

            let n: NaiveDateTime = eval(
                py,
                "__import__('datetime').datetime(1999, 12, 31, 23, 59, 58, 7)",
            )
            .extract()
            .unwrap();
            assert_eq!(
                n,
                NaiveDate::from_ymd_opt(1999, 12, 31)
                    .unwrap()
                    .and_hms_micro_opt(23, 59, 58, 7)
                    .unwrap()
            );
            assert!(check(
                py,
                "x == datetime.datetime(1999, 12, 31, 23, 59, 58, 7) and x.tzinfo is None",
                n.into_py(py)
            ));

            for (code, expected) in [
                (
                    "timedelta(days=1, seconds=2, microseconds=3)",
                    TimeDelta::days(1) + TimeDelta::seconds(2) + TimeDelta::microseconds(3),
                ),
                ("timedelta(microseconds=-1)", TimeDelta::microseconds(-1)),
                (
                    "timedelta(days=-3, hours=5)",
                    TimeDelta::days(-3) + TimeDelta::hours(5),
                ),
                (
                    "timedelta.max",
                    TimeDelta::days(999_999_999)
                        + TimeDelta::seconds(86_399)
                        + TimeDelta::microseconds(999_999),
                ),
                ("timedelta.min", TimeDelta::days(-999_999_999)),
            ] {
                let obj = eval(py, &format!("__import__('datetime').{code}"));
                let delta: TimeDelta = obj.extract().unwrap();
                assert_eq!(delta, expected, "{code}");
                assert!(obj.eq(delta.to_object(py)).unwrap(), "{code}");
                assert!(obj.eq(delta.into_py(py)).unwrap(), "{code}");
            }
        });
    }

    #[test]
    fn aware_datetimes_and_timezones() {
        Python::with_gil(|py| {
            let utc: DateTime<Utc> = eval(py, "__import__('datetime').datetime(2020, 5, 6, 7, 8, 9, tzinfo=__import__('datetime').timezone.utc)")
                .extract()
                .unwrap();
            assert_eq!(utc, Utc.with_ymd_and_hms(2020, 5, 6, 7, 8, 9).unwrap());
            assert!(check(py, "x == datetime.datetime(2020, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc) and x.tzinfo is datetime.timezone.utc", utc.into_py(py)));

            let east = FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap();
            let fixed: DateTime<FixedOffset> = eval(py, "__import__('datetime').datetime(2020, 5, 6, 12, 38, 9, tzinfo=__import__('datetime').timezone(__import__('datetime').timedelta(hours=5, minutes=30)))")
                .extract()
                .unwrap();
            assert_eq!(fixed, east.with_ymd_and_hms(2020, 5, 6, 12, 38, 9).unwrap());
            assert_eq!(fixed, utc);
            assert!(check(
                py,
                "x.utcoffset() == datetime.timedelta(hours=5, minutes=30) and x.hour == 12",
                fixed.to_object(py)
            ));

            let off: FixedOffset = eval(
                py,
                "__import__('datetime').timezone(__import__('datetime').timedelta(hours=-3))",
            )
            .extract()
            .unwrap();
            assert_eq!(off, FixedOffset::west_opt(3 * 3600).unwrap());
            assert!(check(
                py,
                "x == datetime.timezone(datetime.timedelta(hours=-3))",
                off.into_py(py)
            ));
            let u: Utc = eval(py, "__import__('datetime').timezone.utc")
                .extract()
                .unwrap();
            assert_eq!(u, Utc);
            assert!(check(py, "x is datetime.timezone.utc", Utc.into_py(py)));
            let u: FixedOffset = eval(py, "__import__('datetime').timezone.utc")
                .extract()
                .unwrap();
            assert_eq!(u.local_minus_utc(), 0);
        });
    }

    #[test]
    fn chrono_errors() {
        Python::with_gil(|py| {
            assert_eq!(
                err_text(
                    eval(py, "__import__('datetime').datetime(2020, 1, 1)")
                        .extract::<DateTime<Utc>>()
                ),
                "TypeError: expected a datetime with non-None tzinfo"
            );
            assert_eq!(
                err_text(eval(py, "__import__('datetime').datetime(2020, 1, 1, tzinfo=__import__('datetime').timezone.utc)").extract::<NaiveDateTime>()),
                "TypeError: expected a datetime without tzinfo"
            );
            assert_eq!(
                err_text(eval(py, "__import__('datetime').timezone(__import__('datetime').timedelta(hours=1))").extract::<Utc>()),
                "ValueError: expected datetime.timezone.utc"
            );
            assert_eq!(
                err_text(eval(py, "__import__('datetime').datetime(2020, 1, 1, tzinfo=__import__('datetime').timezone(__import__('datetime').timedelta(hours=1)))").extract::<DateTime<Utc>>()),
                "ValueError: expected datetime.timezone.utc"
            );
            let err = eval(
                py,
                "type('Floating', (__import__('datetime').tzinfo,), {'utcoffset': lambda self, dt: None, '__repr__': lambda self: 'Floating()'})()",
            )
            .extract::<FixedOffset>()
            .unwrap_err();
            assert_eq!(
                err.to_string(),
                "TypeError: Floating() is not a fixed offset timezone"
            );
            assert_eq!(
                err_text(
                    eval(py, "__import__('datetime').date(2020, 1, 1)").extract::<NaiveDateTime>()
                ),
                "TypeError: 'date' object cannot be converted to 'PyDateTime'"
            );
            assert_eq!(
                err_text(eval(py, "'12:00'").extract::<NaiveTime>()),
                "TypeError: 'str' object cannot be converted to 'PyTime'"
            );
            assert_eq!(
                err_text(eval(py, "3").extract::<TimeDelta>()),
                "TypeError: 'int' object cannot be converted to 'PyDelta'"
            );
            assert_eq!(
                err_text(eval(py, "0").extract::<FixedOffset>()),
                "TypeError: 'int' object cannot be converted to 'PyTzInfo'"
            );
            let err = eval(py, "None").extract::<NaiveDate>().unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(py));
            let _ = PyValueError::new_err("");
        });
    }

    #[test]
    #[should_panic(expected = "failed to convert a NaiveDate to Python")]
    fn dates_outside_python_range_panic() {
        Python::with_gil(|py| {
            let _ = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap().into_py(py);
        });
    }

    #[test]
    fn chrono_conversions_stay_flat() {
        Python::with_gil(|py| {
            let inputs: Vec<PyObject> = vec![
                eval(py, "__import__('datetime').datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=__import__('datetime').timezone(__import__('datetime').timedelta(hours=2)))").into(),
            ];
            assert_conversions_flat(py, &inputs, |py, ob| {
                let a: DateTime<FixedOffset> = ob.extract().unwrap();
                let d: NaiveDate = ob.extract().unwrap();
                let n = a.naive_utc();
                drop((
                    a.into_py(py),
                    d.into_py(py),
                    n.into_py(py),
                    a.offset().into_py(py),
                ));
                drop(TimeDelta::seconds(-5).into_py(py));
                drop(Utc.into_py(py));
            });
        });
    }
}

#[cfg(feature = "serde")]
mod serde_conversions {
    use super::*;
    use pyo3::conversions::serde::PySerde;
    use serde::de::value::{Error as DeError, MapDeserializer};
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    /// A stand-in for a class: dicts of str → int.
    #[repr(transparent)]
    struct Counts(PyAny);
    pyo3::pyobject_native_type!(
        Counts,
        pyo3::ffi::PyDict_Type,
        "dict",
        check = pyo3::ffi::PyDict_Check
    );

    impl PySerde for Counts {
        type Value = BTreeMap<String, i64>;
    }

    /// A minimal serializer that renders maps of strings to integers as text.
    struct Text(String);

    impl serde::Serializer for &mut Text {
        type Ok = ();
        type Error = std::fmt::Error;
        type SerializeSeq = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTuple = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleStruct = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleVariant = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeMap = Self;
        type SerializeStruct = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeStructVariant = serde::ser::Impossible<(), std::fmt::Error>;

        fn serialize_i64(self, v: i64) -> Result<(), std::fmt::Error> {
            self.0 += &v.to_string();
            Ok(())
        }
        fn serialize_str(self, v: &str) -> Result<(), std::fmt::Error> {
            self.0 += v;
            Ok(())
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<Self, std::fmt::Error> {
            self.0 += "{";
            Ok(self)
        }
        fn serialize_bool(self, _: bool) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i8(self, _: i8) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i16(self, _: i16) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i32(self, _: i32) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u8(self, _: u8) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u16(self, _: u16) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u32(self, _: u32) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u64(self, _: u64) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f32(self, _: f32) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f64(self, _: f64) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_char(self, _: char) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_none(self) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit(self) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, std::fmt::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, std::fmt::Error> {
            Err(std::fmt::Error)
        }
    }

    impl serde::ser::SerializeMap for &mut Text {
        type Ok = ();
        type Error = std::fmt::Error;
        fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), std::fmt::Error> {
            if !self.0.ends_with('{') {
                self.0 += ", ";
            }
            key.serialize(&mut **self)?;
            self.0 += ": ";
            Ok(())
        }
        fn serialize_value<T: ?Sized + Serialize>(
            &mut self,
            value: &T,
        ) -> Result<(), std::fmt::Error> {
            value.serialize(&mut **self)
        }
        fn end(self) -> Result<(), std::fmt::Error> {
            self.0 += "}";
            Ok(())
        }
    }

    #[test]
    fn py_objects_serialize_through_their_rust_value() {
        let obj: Py<Counts> = Python::with_gil(|py| {
            let dict = eval(py, "{'b': 2, 'a': 1}");
            dict.extract::<Py<Counts>>().unwrap()
        });
        // Serializing takes the GIL by itself.
        let mut text = Text(String::new());
        obj.serialize(&mut text).unwrap();
        assert_eq!(text.0, "{a: 1, b: 2}");

        let bad: Py<Counts> = Python::with_gil(|py| eval(py, "{'a': 'x'}").extract().unwrap());
        assert!(bad.serialize(&mut Text(String::new())).is_err());
    }

    #[test]
    fn py_objects_deserialize_from_their_rust_value() {
        let entries = vec![("x".to_owned(), 10i64), ("y".to_owned(), -1)];
        let obj =
            Py::<Counts>::deserialize(MapDeserializer::<_, DeError>::new(entries.into_iter()))
                .unwrap();
        Python::with_gil(|py| {
            assert!(check(
                py,
                "x == {'x': 10, 'y': -1} and type(x) is dict",
                obj.clone_ref(py).into_any()
            ));
        });
    }
}
