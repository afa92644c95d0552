//! The `datetime` types: constructors, accessors, type checks, errors.

mod common;

use common::assert_no_leak;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    timezone_utc, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess,
    PyTzInfo, PyTzInfoAccess,
};
use pyo3::PyTypeInfo;

/// Evaluates `code` with the `datetime` module bound to the global `dt`.
fn eval<'py>(py: Python<'py>, code: &str) -> &'py PyAny {
    let globals = pyo3::types::PyDict::new(py);
    globals
        .set_item("dt", py.import("datetime").unwrap())
        .unwrap();
    py.eval(code, Some(globals), None).unwrap()
}

fn utc(py: Python<'_>) -> &PyTzInfo {
    timezone_utc(py).downcast().unwrap()
}

/// Python's `==` (the native types' `PartialEq` is identity).
fn py_eq(a: &PyAny, b: &PyAny) -> PyResult<bool> {
    a.eq(b)
}

fn repr(obj: &PyAny) -> String {
    obj.repr().unwrap().to_str().unwrap().to_owned()
}

fn value_error(py: Python<'_>, result: PyResult<impl Sized>) -> String {
    let err = match result {
        Ok(_) => panic!("expected an error"),
        Err(err) => err,
    };
    assert!(err.is_instance_of::<PyValueError>(py), "{err}");
    err.to_string()
}

#[test]
fn date_construction_and_access() {
    Python::with_gil(|py| {
        let date = PyDate::new(py, 2024, 2, 29).unwrap();
        assert_eq!(
            (date.get_year(), date.get_month(), date.get_day()),
            (2024, 2, 29)
        );
        assert_eq!(repr(date), "datetime.date(2024, 2, 29)");
        assert!(py_eq(date, eval(py, "dt.date(2024, 2, 29)")).unwrap());

        let epoch = PyDate::from_timestamp(py, 0).unwrap();
        assert!(py_eq(epoch, eval(py, "dt.date.fromtimestamp(0)")).unwrap());
        let day = PyDate::from_timestamp(py, 86_400 * 365).unwrap();
        assert!(py_eq(day, eval(py, "dt.date.fromtimestamp(86400 * 365)")).unwrap());

        let today = PyDate::today(py).unwrap();
        let python_today = eval(py, "dt.date.today()");
        // Allow for midnight passing between the two calls.
        let diff: i64 = python_today
            .call_method1("__sub__", (today,))
            .unwrap()
            .getattr("days")
            .unwrap()
            .extract()
            .unwrap();
        assert!((0..=1).contains(&diff));
    });
}

#[test]
fn date_errors() {
    Python::with_gil(|py| {
        assert_eq!(
            value_error(py, PyDate::new(py, 2024, 13, 1)),
            "ValueError: month must be in 1..12"
        );
        assert_eq!(
            value_error(py, PyDate::new(py, 2023, 2, 29)),
            "ValueError: day is out of range for month"
        );
        assert_eq!(
            value_error(py, PyDate::new(py, 0, 1, 1)),
            "ValueError: year 0 is out of range"
        );
        assert_eq!(
            value_error(py, PyDate::new(py, 10_000, 1, 1)),
            "ValueError: year 10000 is out of range"
        );
        assert_eq!(
            value_error(py, PyDate::from_timestamp(py, 1_000_000_000_000)),
            "ValueError: year 33658 is out of range"
        );
        // Timestamps beyond the platform's `time_t` fail too (the exception type depends on
        // the platform).
        assert!(PyDate::from_timestamp(py, i64::MAX).is_err());
    });
}

#[test]
fn datetime_construction_and_access() {
    Python::with_gil(|py| {
        let naive = PyDateTime::new(py, 2021, 3, 4, 5, 6, 7, 890_123, None).unwrap();
        assert_eq!(
            (naive.get_year(), naive.get_month(), naive.get_day()),
            (2021, 3, 4)
        );
        assert_eq!(
            (
                naive.get_hour(),
                naive.get_minute(),
                naive.get_second(),
                naive.get_microsecond()
            ),
            (5, 6, 7, 890_123)
        );
        assert!(!naive.get_fold());
        assert!(naive.get_tzinfo().is_none());
        assert_eq!(
            repr(naive),
            "datetime.datetime(2021, 3, 4, 5, 6, 7, 890123)"
        );

        let aware = PyDateTime::new(py, 2021, 3, 4, 5, 6, 7, 0, Some(utc(py))).unwrap();
        let tz = aware.get_tzinfo().unwrap();
        assert!(tz.is(timezone_utc(py)));
        assert!(py_eq(
            aware,
            eval(
                py,
                "dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)"
            )
        )
        .unwrap());

        let folded = PyDateTime::new_with_fold(py, 2021, 11, 7, 1, 30, 0, 0, None, true).unwrap();
        assert!(folded.get_fold());
        assert_eq!(folded.getattr("fold").unwrap().extract::<u8>().unwrap(), 1);
        let unfolded =
            PyDateTime::new_with_fold(py, 2021, 11, 7, 1, 30, 0, 0, Some(utc(py)), false).unwrap();
        assert!(!unfolded.get_fold());
        assert!(unfolded.get_tzinfo().is_some());

        let epoch = PyDateTime::from_timestamp(py, 0.0, Some(utc(py))).unwrap();
        assert_eq!(
            repr(epoch),
            "datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)"
        );
        let local = PyDateTime::from_timestamp(py, 1_000_000.5, None).unwrap();
        assert!(py_eq(local, eval(py, "dt.datetime.fromtimestamp(1000000.5)")).unwrap());
        assert_eq!(local.get_microsecond(), 500_000);
        assert!(local.get_tzinfo().is_none());
    });
}

#[test]
fn datetime_errors() {
    Python::with_gil(|py| {
        let new = |mo, d, h, mi, s, us| PyDateTime::new(py, 2020, mo, d, h, mi, s, us, None);
        assert_eq!(
            value_error(py, new(1, 1, 24, 0, 0, 0)),
            "ValueError: hour must be in 0..23"
        );
        assert_eq!(
            value_error(py, new(1, 1, 0, 60, 0, 0)),
            "ValueError: minute must be in 0..59"
        );
        assert_eq!(
            value_error(py, new(1, 1, 0, 0, 60, 0)),
            "ValueError: second must be in 0..59"
        );
        assert_eq!(
            value_error(py, new(1, 1, 0, 0, 0, 1_000_000)),
            "ValueError: microsecond must be in 0..999999"
        );
        // Huge values must not wrap around into valid ones.
        assert_eq!(
            value_error(py, new(1, 1, 0, 0, 0, u32::MAX)),
            "ValueError: microsecond must be in 0..999999"
        );
        assert_eq!(
            value_error(py, new(0, 1, 0, 0, 0, 0)),
            "ValueError: month must be in 1..12"
        );
        let err = PyDateTime::from_timestamp(py, 1e20, None).unwrap_err();
        assert!(
            err.is_instance_of::<PyOverflowError>(py) || err.is_instance_of::<PyValueError>(py),
            "{err}"
        );
        let err = PyDateTime::from_timestamp(py, f64::NAN, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ValueError: Invalid value NaN (not a number)"
        );
    });
}

#[test]
fn time_construction_and_access() {
    Python::with_gil(|py| {
        let t = PyTime::new(py, 23, 59, 58, 999_999, None).unwrap();
        assert_eq!(
            (
                t.get_hour(),
                t.get_minute(),
                t.get_second(),
                t.get_microsecond()
            ),
            (23, 59, 58, 999_999)
        );
        assert!(t.get_tzinfo().is_none());
        assert!(!t.get_fold());
        assert_eq!(repr(t), "datetime.time(23, 59, 58, 999999)");
        let aware = PyTime::new(py, 1, 2, 3, 4, Some(utc(py))).unwrap();
        assert!(aware.get_tzinfo().unwrap().is(timezone_utc(py)));
        let folded = PyTime::new_with_fold(py, 1, 2, 3, 4, None, true).unwrap();
        assert!(folded.get_fold());
        assert_eq!(
            value_error(py, PyTime::new(py, 24, 0, 0, 0, None)),
            "ValueError: hour must be in 0..23"
        );
        assert_eq!(
            value_error(py, PyTime::new(py, 0, 0, 0, 2_000_000, None)),
            "ValueError: microsecond must be in 0..999999"
        );
    });
}

#[test]
fn delta_construction_and_access() {
    Python::with_gil(|py| {
        let d = PyDelta::new(py, 1, 2, 3, true).unwrap();
        assert_eq!(
            (d.get_days(), d.get_seconds(), d.get_microseconds()),
            (1, 2, 3)
        );
        assert_eq!(
            repr(d),
            "datetime.timedelta(days=1, seconds=2, microseconds=3)"
        );
        // Normalization carries the parts over as Python does.
        let n = PyDelta::new(py, 0, -1, 0, true).unwrap();
        assert_eq!(
            (n.get_days(), n.get_seconds(), n.get_microseconds()),
            (-1, 86_399, 0)
        );
        let n = PyDelta::new(py, 0, 0, 1_500_000, true).unwrap();
        assert_eq!(
            (n.get_days(), n.get_seconds(), n.get_microseconds()),
            (0, 1, 500_000)
        );
        let raw = PyDelta::new(py, -3, 10, 20, false).unwrap();
        assert_eq!(
            (raw.get_days(), raw.get_seconds(), raw.get_microseconds()),
            (-3, 10, 20)
        );
        assert!(py_eq(
            raw,
            eval(py, "dt.timedelta(days=-3, seconds=10, microseconds=20)")
        )
        .unwrap());

        let err = PyDelta::new(py, 1_000_000_000, 0, 0, true).unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(py));
        assert_eq!(
            err.to_string(),
            "OverflowError: days=1000000000; must have magnitude <= 999999999"
        );
        // Normalizing seconds into too many days overflows too.
        assert!(PyDelta::new(py, 999_999_999, 86_400, 0, true)
            .unwrap_err()
            .is_instance_of::<PyOverflowError>(py));
    });
}

#[test]
fn type_checks_and_names() {
    Python::with_gil(|py| {
        let datetime = eval(py, "dt.datetime(2000, 1, 1)");
        let date = eval(py, "dt.date(2000, 1, 1)");
        // `datetime` subclasses `date`.
        assert!(datetime.downcast::<PyDate>().is_ok());
        assert!(datetime.downcast_exact::<PyDate>().is_err());
        assert!(datetime.downcast::<PyDateTime>().is_ok());
        let err = date.downcast::<PyDateTime>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'date' object cannot be converted to 'PyDateTime'"
        );
        assert!(eval(py, "dt.time()").downcast::<PyTime>().is_ok());
        assert!(eval(py, "dt.timedelta()").downcast::<PyDelta>().is_ok());
        assert!(eval(py, "dt.timezone(dt.timedelta(hours=2))")
            .downcast::<PyTzInfo>()
            .is_ok());
        let err = eval(py, "1").downcast::<PyTzInfo>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'PyTzInfo'"
        );
        assert!(!PyDelta::is_type_of(date));

        for (name, ty) in [
            ("date", PyDate::type_object(py)),
            ("datetime", PyDateTime::type_object(py)),
            ("time", PyTime::type_object(py)),
            ("timedelta", PyDelta::type_object(py)),
            ("tzinfo", PyTzInfo::type_object(py)),
        ] {
            assert_eq!(ty.name().unwrap(), name);
            assert_eq!(ty.module().unwrap().extract::<&str>().unwrap(), "datetime");
        }
        assert!(timezone_utc(py).eq(eval(py, "dt.timezone.utc")).unwrap());

        // Accessors work on instances of Python subclasses.
        let sub = eval(
            py,
            "type('D', (dt.datetime,), {})(1999, 12, 31, 23, 59, tzinfo=dt.timezone.utc)",
        );
        let sub: &PyDateTime = sub.downcast().unwrap();
        assert_eq!(
            (sub.get_year(), sub.get_hour(), sub.get_minute()),
            (1999, 23, 59)
        );
        assert!(sub.get_tzinfo().is_some());
    });
}

#[test]
fn datetime_no_leak() {
    Python::with_gil(|py| {
        // A mortal tzinfo, so that its reference count is observable.
        let input: PyObject = eval(py, "dt.timezone(dt.timedelta(hours=5), 'X')").into();
        assert_no_leak(py, &input, |py, input| {
            let tz: &PyTzInfo = input.downcast().unwrap();
            let datetime = PyDateTime::new(py, 2000, 1, 2, 3, 4, 5, 6, Some(tz)).unwrap();
            assert!(datetime.get_tzinfo().unwrap().is(tz));
            assert_eq!(datetime.get_year() + i32::from(datetime.get_second()), 2005);
            let folded = PyDateTime::new_with_fold(py, 2000, 1, 2, 3, 4, 5, 6, Some(tz), true);
            assert!(folded.unwrap().get_fold());
            let time = PyTime::new(py, 1, 2, 3, 4, Some(tz)).unwrap();
            assert!(time.get_tzinfo().unwrap().is(tz));
            let _ = PyTime::new_with_fold(py, 1, 2, 3, 4, Some(tz), false).unwrap();
            let _ = PyDateTime::from_timestamp(py, 12_345.0, Some(tz)).unwrap();
            let _ = PyDate::from_timestamp(py, 12_345).unwrap();
            let date = PyDate::new(py, 2000, 1, 2).unwrap();
            assert_eq!(date.get_day(), 2);
            let delta = PyDelta::new(py, 1, 2, 3, true).unwrap();
            assert_eq!(delta.get_seconds(), 2);
            let _ = PyDate::new(py, 2000, 13, 1).unwrap_err();
            let _ = timezone_utc(py);
            assert!(input.downcast::<PyDate>().is_err());
        });
    });
}
