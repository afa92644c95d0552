//! `chrono` dates and times ↔ the `datetime` module's types.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! chrono = "0.4"
//! pyo3-core = { version = "0.1", features = ["chrono"] }
//! ```
//!
//! | Rust | Python |
//! | --- | --- |
//! | `NaiveDate` | `date` (a `datetime` extracts as its date) |
//! | `NaiveTime` | `time` (its `tzinfo` is ignored) |
//! | `NaiveDateTime` | naive `datetime` |
//! | `DateTime<Tz>` | aware `datetime`, `tzinfo` from `Tz` |
//! | `TimeDelta` (`chrono::Duration`) | `timedelta` |
//! | `FixedOffset` | `timezone(timedelta(...))`; extracts from any fixed-offset `tzinfo` |
//! | `Utc` | `timezone.utc` |
//!
//! Python keeps microseconds, so nanoseconds are truncated on the way out, and a leap
//! second (which `datetime` cannot represent) is folded into the second before it.
//! Values outside Python's range (years before 1 or after 9999, deltas beyond
//! `timedelta.max`) panic when converted, as the conversion traits cannot fail.
#![cfg(feature = "chrono")]

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Timelike, Utc,
};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::datetime_api::{self as dt, DateFields, TimeFields};
use crate::conversions::support::call;
use crate::err::{PyDowncastError, PyResult};
use crate::exceptions::{PyTypeError, PyValueError};
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// Unwraps the result of building a Python object in a conversion that cannot fail.
fn built(what: &str, result: PyResult<PyObject>) -> PyObject {
    result.unwrap_or_else(|err| panic!("failed to convert a {what} to Python: {err}"))
}

fn date_fields(date: &NaiveDate) -> DateFields {
    DateFields {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
}

fn time_fields(time: &NaiveTime) -> TimeFields {
    TimeFields {
        hour: time.hour(),
        minute: time.minute(),
        second: time.second(),
        // A leap second has nanoseconds past 1e9; keep only the fraction.
        microsecond: (time.nanosecond() % 1_000_000_000) / 1000,
        fold: false,
    }
}

fn naive_date(fields: DateFields) -> PyResult<NaiveDate> {
    NaiveDate::from_ymd_opt(fields.year, fields.month, fields.day)
        .ok_or_else(|| PyValueError::new_err("invalid or out-of-range date"))
}

fn naive_time(fields: TimeFields) -> PyResult<NaiveTime> {
    NaiveTime::from_hms_micro_opt(
        fields.hour,
        fields.minute,
        fields.second,
        fields.microsecond,
    )
    .ok_or_else(|| PyValueError::new_err("invalid or out-of-range time"))
}

/// The date and time of a `datetime` (its tzinfo aside).
fn naive_datetime(ob: &PyAny) -> PyResult<NaiveDateTime> {
    Ok(NaiveDateTime::new(
        naive_date(dt::date_fields(ob)?)?,
        naive_time(dt::datetime_time_fields(ob)?)?,
    ))
}

/// Checks that `ob` is a `datetime`.
fn expect_datetime(ob: &PyAny) -> PyResult<()> {
    if dt::is_datetime(ob)? {
        Ok(())
    } else {
        Err(PyDowncastError::new(ob, "PyDateTime").into())
    }
}

fn delta_to_py(py: Python<'_>, delta: &TimeDelta) -> PyResult<PyObject> {
    let days = delta.num_days();
    let rest = *delta - TimeDelta::days(days);
    let seconds = rest.num_seconds();
    let micros = (rest - TimeDelta::seconds(seconds))
        .num_microseconds()
        .unwrap_or(0);
    let days = i32::try_from(days).map_err(|_| {
        crate::exceptions::PyOverflowError::new_err("TimeDelta too large for timedelta")
    })?;
    dt::new_delta(py, days, seconds as i32, micros as i32)
}

fn offset_to_py(py: Python<'_>, offset: &FixedOffset) -> PyResult<PyObject> {
    dt::timezone_from_offset_seconds(py, offset.local_minus_utc())
}

fn datetime_to_py<Tz: TimeZone>(py: Python<'_>, value: &DateTime<Tz>) -> PyResult<PyObject> {
    let local = value.naive_local();
    let tz = offset_to_py(py, &value.offset().fix())?;
    dt::new_datetime(
        py,
        date_fields(&local.date()),
        time_fields(&local.time()),
        Some(tz.as_any(py)),
    )
}

/// Implements `IntoPy<PyObject>` through `ToPyObject`.
macro_rules! into_py_via_to_object {
    ($($ty:ty),+) => {$(
        impl IntoPy<PyObject> for $ty {
            fn into_py(self, py: Python<'_>) -> PyObject {
                self.to_object(py)
            }
            const GIL_INDEPENDENT: bool = true;
        }
    )+};
}

into_py_via_to_object!(
    TimeDelta,
    NaiveDate,
    NaiveTime,
    NaiveDateTime,
    FixedOffset,
    Utc
);

impl ToPyObject for TimeDelta {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("TimeDelta", delta_to_py(py, self))
    }
}

impl FromPyObject<'_> for TimeDelta {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if !dt::is_delta(ob)? {
            return Err(PyDowncastError::new(ob, "PyDelta").into());
        }
        let fields = dt::delta_fields(ob)?;
        // timedelta's range (±999999999 days) is well inside TimeDelta's.
        Ok(TimeDelta::days(fields.days.into())
            + TimeDelta::seconds(fields.seconds.into())
            + TimeDelta::microseconds(fields.microseconds.into()))
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for NaiveDate {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("NaiveDate", dt::new_date(py, date_fields(self)))
    }
}

impl FromPyObject<'_> for NaiveDate {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if !dt::is_date(ob)? {
            return Err(PyDowncastError::new(ob, "PyDate").into());
        }
        naive_date(dt::date_fields(ob)?)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for NaiveTime {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("NaiveTime", dt::new_time(py, time_fields(self), None))
    }
}

impl FromPyObject<'_> for NaiveTime {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if !dt::is_time(ob)? {
            return Err(PyDowncastError::new(ob, "PyTime").into());
        }
        naive_time(dt::time_fields(ob)?)
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for NaiveDateTime {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        let result = dt::new_datetime(
            py,
            date_fields(&self.date()),
            time_fields(&self.time()),
            None,
        );
        built("NaiveDateTime", result)
    }
}

impl FromPyObject<'_> for NaiveDateTime {
    /// Accepts a naive `datetime` only.
    fn extract(ob: &PyAny) -> PyResult<Self> {
        expect_datetime(ob)?;
        if dt::tzinfo_opt(ob.py(), ob)?.is_some() {
            return Err(PyTypeError::new_err("expected a datetime without tzinfo"));
        }
        naive_datetime(ob)
    }
    crate::gil_independent_extract!();
}

impl<Tz: TimeZone> ToPyObject for DateTime<Tz> {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("DateTime", datetime_to_py(py, self))
    }
}

impl<Tz: TimeZone> IntoPy<PyObject> for DateTime<Tz> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl<Tz> FromPyObject<'_> for DateTime<Tz>
where
    Tz: TimeZone + for<'a> FromPyObject<'a>,
{
    /// Accepts an aware `datetime` whose `tzinfo` extracts as `Tz`.
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        expect_datetime(ob)?;
        let Some(tzinfo) = dt::tzinfo_opt(py, ob)? else {
            return Err(PyTypeError::new_err(
                "expected a datetime with non-None tzinfo",
            ));
        };
        let tz: Tz = tzinfo.extract(py)?;
        let naive = naive_datetime(ob)?;
        naive.and_local_timezone(tz).single().ok_or_else(|| {
            PyValueError::new_err(format!(
                "The datetime {naive:?} contains an incompatible or ambiguous timezone"
            ))
        })
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for FixedOffset {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("FixedOffset", offset_to_py(py, self))
    }
}

impl FromPyObject<'_> for FixedOffset {
    /// Accepts any `tzinfo` whose `utcoffset(None)` is not `None`.
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let py = ob.py();
        if !dt::is_tzinfo(ob)? {
            return Err(PyDowncastError::new(ob, "PyTzInfo").into());
        }
        let utcoffset =
            crate::conversions::support::getattr(py, ob, crate::intern!(py, "utcoffset"))?;
        let offset = call(py, utcoffset.as_any(py), (py.None(),))?;
        if offset.is_none(py) {
            // SAFETY: `ob` is valid; the result is a new reference or null with an error.
            let repr = unsafe {
                PyObject::from_owned_ptr_or_err(py, crate::ffi::PyObject_Repr(ob.as_ptr()))
            }?;
            let repr = repr.as_any(py).downcast::<crate::types::PyString>()?;
            let repr = repr.to_string_lossy();
            return Err(PyTypeError::new_err(format!(
                "{repr} is not a fixed offset timezone"
            )));
        }
        let offset: TimeDelta = offset.extract(py)?;
        let seconds = i32::try_from(offset.num_seconds()).ok();
        seconds
            .and_then(FixedOffset::east_opt)
            .ok_or_else(|| PyValueError::new_err("fixed offset out of bounds"))
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for Utc {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        built("Utc", dt::utc(py).map(|utc| utc.into()))
    }
}

impl FromPyObject<'_> for Utc {
    /// Accepts `timezone.utc` (or a tzinfo equal to it).
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let utc = dt::utc(ob.py())?;
        if ob.eq(utc)? {
            Ok(Utc)
        } else {
            Err(PyValueError::new_err("expected datetime.timezone.utc"))
        }
    }
    crate::gil_independent_extract!();
}
