//! `Duration` ↔ `datetime.timedelta`, `SystemTime` ↔ timezone-aware `datetime` (UTC).
//!
//! Python keeps microseconds, so nanoseconds are truncated on the way out. A negative
//! `timedelta` raises `ValueError` when extracted as `Duration`; a naive `datetime`
//! cannot be a `SystemTime` (`TypeError: can't subtract offset-naive and offset-aware
//! datetimes`). Converting a `Duration` beyond `timedelta.max` (about 2.7 million years)
//! to Python panics, as the conversion traits cannot fail.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::datetime_api::{
    self as dt, new_delta, utc, DateFields, DeltaFields, TimeFields,
};
use crate::err::{PyDowncastError, PyResult};
use crate::exceptions::{PyOverflowError, PyValueError};
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::PyAny;

const SECONDS_PER_DAY: u64 = 86_400;

/// `datetime(1970, 1, 1, tzinfo=timezone.utc)`, made once.
fn unix_epoch(py: Python<'_>) -> PyResult<&PyAny> {
    static EPOCH: GILOnceCell<PyObject> = GILOnceCell::new();
    let epoch = EPOCH.get_or_try_init(py, || {
        let date = DateFields {
            year: 1970,
            month: 1,
            day: 1,
        };
        let time = TimeFields {
            hour: 0,
            minute: 0,
            second: 0,
            microsecond: 0,
            fold: false,
        };
        dt::new_datetime(py, date, time, Some(utc(py)?))
    })?;
    Ok(epoch.as_any(py))
}

/// A `timedelta` for `duration`, or the `OverflowError` of `timedelta` when too large.
fn duration_to_delta(py: Python<'_>, duration: Duration) -> PyResult<PyObject> {
    let days = i32::try_from(duration.as_secs() / SECONDS_PER_DAY)
        .map_err(|_| PyOverflowError::new_err("duration too large to convert to timedelta"))?;
    let seconds = (duration.as_secs() % SECONDS_PER_DAY) as i32;
    new_delta(py, days, seconds, duration.subsec_micros() as i32)
}

/// The `Duration` of a non-negative `timedelta`.
fn delta_to_duration(fields: DeltaFields) -> PyResult<Duration> {
    let days = u64::try_from(fields.days).map_err(|_| {
        PyValueError::new_err(
            "It is not possible to convert a negative timedelta to a Rust Duration",
        )
    })?;
    Ok(Duration::new(
        days * SECONDS_PER_DAY + fields.seconds as u64,
        fields.microseconds as u32 * 1000,
    ))
}

impl ToPyObject for Duration {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        duration_to_delta(py, *self)
            .unwrap_or_else(|err| panic!("failed to convert a Duration: {err}"))
    }
}

impl IntoPy<PyObject> for Duration {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl FromPyObject<'_> for Duration {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if !dt::is_delta(ob)? {
            return Err(PyDowncastError::new(ob, "PyDelta").into());
        }
        delta_to_duration(dt::delta_fields(ob)?)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for SystemTime {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        let convert = || -> PyResult<PyObject> {
            let epoch = unix_epoch(py)?;
            let (offset, op): (_, unsafe extern "C" fn(_, _) -> _) =
                match self.duration_since(UNIX_EPOCH) {
                    Ok(after) => (after, ffi::PyNumber_Add),
                    Err(before) => (before.duration(), ffi::PyNumber_Subtract),
                };
            let delta = duration_to_delta(py, offset)?;
            // SAFETY: both are valid objects; the result is a new reference or null.
            unsafe { PyObject::from_owned_ptr_or_err(py, op(epoch.as_ptr(), delta.as_ptr())) }
        };
        convert().unwrap_or_else(|err| panic!("failed to convert a SystemTime: {err}"))
    }
}

impl IntoPy<PyObject> for SystemTime {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl FromPyObject<'_> for SystemTime {
    /// Accepts an aware `datetime` in any timezone.
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        if !dt::is_datetime(ob)? {
            return Err(PyDowncastError::new(ob, "PyDateTime").into());
        }
        let epoch = unix_epoch(py)?;
        // SAFETY: both are valid objects; the result is a new reference or null (naive
        // datetimes raise TypeError).
        let since = unsafe {
            PyObject::from_owned_ptr_or_err(py, ffi::PyNumber_Subtract(ob.as_ptr(), epoch.as_ptr()))
        }?;
        let fields = dt::delta_fields(since.as_any(py))?;
        let overflow =
            || PyOverflowError::new_err("Overflow error when converting the time to Rust");
        if fields.days >= 0 {
            UNIX_EPOCH
                .checked_add(delta_to_duration(fields)?)
                .ok_or_else(overflow)
        } else {
            // SAFETY: `since` is a timedelta; negation returns a new one or null.
            let before = unsafe {
                PyObject::from_owned_ptr_or_err(py, ffi::PyNumber_Negative(since.as_ptr()))
            }?;
            let before = delta_to_duration(dt::delta_fields(before.as_any(py))?)?;
            UNIX_EPOCH.checked_sub(before).ok_or_else(overflow)
        }
    }
    crate::gil_independent_extract!();
}
