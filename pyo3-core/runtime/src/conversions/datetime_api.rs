//! The `datetime` module's types as the conversions need them (type checks, fields,
//! constructors): through the module's C-API capsule when the full API is available,
//! through Python-level calls under the limited API, where the capsule is not declared.

// Only `chrono` uses the whole set; `std::time` needs a part of it.
#![cfg_attr(not(feature = "chrono"), allow(dead_code))]

#[cfg(not(Py_LIMITED_API))]
pub(crate) use capi::*;
#[cfg(Py_LIMITED_API)]
pub(crate) use python_level::*;

use crate::err::PyResult;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

/// The fields of a `date`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateFields {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
}

/// The time-of-day fields of a `time` or `datetime`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeFields {
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    pub(crate) microsecond: u32,
    pub(crate) fold: bool,
}

/// The normalised fields of a `timedelta`: `0 <= seconds < 86400`,
/// `0 <= microseconds < 1_000_000`, the sign in `days`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeltaFields {
    pub(crate) days: i32,
    pub(crate) seconds: i32,
    pub(crate) microseconds: i32,
}

/// `datetime.timezone(timedelta(seconds=offset))`.
pub(crate) fn timezone_from_offset_seconds(py: Python<'_>, seconds: i32) -> PyResult<PyObject> {
    let offset = new_delta(py, 0, seconds, 0)?;
    new_timezone(py, offset.as_any(py))
}

/// The `tzinfo` of a `datetime` or `time`, `None` if naive.
pub(crate) fn tzinfo_opt(py: Python<'_>, ob: &PyAny) -> PyResult<Option<PyObject>> {
    let tz = tzinfo(py, ob)?;
    Ok(if tz.is_none(py) { None } else { Some(tz) })
}

#[cfg(not(Py_LIMITED_API))]
mod capi {
    use super::{DateFields, DeltaFields, TimeFields};
    use crate::err::{PyErr, PyResult};
    use crate::ffi;
    use crate::instance::PyObject;
    use crate::python::Python;
    use crate::types::datetime::{capsule, tz_ptr};
    use crate::types::PyAny;

    /// The capsule, imported on first use (shared with the `datetime` types).
    fn api(py: Python<'_>) -> PyResult<&'static ffi::PyDateTime_CAPI> {
        capsule(py).ok_or_else(|| PyErr::fetch(py))
    }

    /// Whether `ob` is an instance of `ty` (or a subclass).
    fn instance_of(ob: &PyAny, ty: *mut ffi::PyTypeObject) -> bool {
        // SAFETY: both are valid objects.
        unsafe { ffi::PyObject_TypeCheck(ob.as_ptr(), ty) != 0 }
    }

    /// Whether `ob` is a `timedelta`.
    pub(crate) fn is_delta(ob: &PyAny) -> PyResult<bool> {
        Ok(instance_of(ob, api(ob.py())?.DeltaType))
    }

    /// Whether `ob` is a `date` (a `datetime` is one too).
    pub(crate) fn is_date(ob: &PyAny) -> PyResult<bool> {
        Ok(instance_of(ob, api(ob.py())?.DateType))
    }

    /// Whether `ob` is a `datetime`.
    pub(crate) fn is_datetime(ob: &PyAny) -> PyResult<bool> {
        Ok(instance_of(ob, api(ob.py())?.DateTimeType))
    }

    /// Whether `ob` is a `time`.
    pub(crate) fn is_time(ob: &PyAny) -> PyResult<bool> {
        Ok(instance_of(ob, api(ob.py())?.TimeType))
    }

    /// Whether `ob` is a `tzinfo`.
    pub(crate) fn is_tzinfo(ob: &PyAny) -> PyResult<bool> {
        Ok(instance_of(ob, api(ob.py())?.TZInfoType))
    }

    /// The fields of a `timedelta`.
    pub(crate) fn delta_fields(ob: &PyAny) -> PyResult<DeltaFields> {
        let p = ob.as_ptr();
        // SAFETY: callers pass a timedelta (checked with `is_delta`).
        unsafe {
            Ok(DeltaFields {
                days: ffi::PyDateTime_DELTA_GET_DAYS(p),
                seconds: ffi::PyDateTime_DELTA_GET_SECONDS(p),
                microseconds: ffi::PyDateTime_DELTA_GET_MICROSECONDS(p),
            })
        }
    }

    /// The date fields of a `date` or `datetime`.
    pub(crate) fn date_fields(ob: &PyAny) -> PyResult<DateFields> {
        let p = ob.as_ptr();
        // SAFETY: callers pass a date (checked with `is_date`).
        unsafe {
            Ok(DateFields {
                year: ffi::PyDateTime_GET_YEAR(p),
                month: ffi::PyDateTime_GET_MONTH(p) as u32,
                day: ffi::PyDateTime_GET_DAY(p) as u32,
            })
        }
    }

    /// The time fields of a `datetime`.
    pub(crate) fn datetime_time_fields(ob: &PyAny) -> PyResult<TimeFields> {
        let p = ob.as_ptr();
        // SAFETY: callers pass a datetime (checked with `is_datetime`).
        unsafe {
            Ok(TimeFields {
                hour: ffi::PyDateTime_DATE_GET_HOUR(p) as u32,
                minute: ffi::PyDateTime_DATE_GET_MINUTE(p) as u32,
                second: ffi::PyDateTime_DATE_GET_SECOND(p) as u32,
                microsecond: ffi::PyDateTime_DATE_GET_MICROSECOND(p) as u32,
                fold: ffi::PyDateTime_DATE_GET_FOLD(p) != 0,
            })
        }
    }

    /// The fields of a `time`.
    pub(crate) fn time_fields(ob: &PyAny) -> PyResult<TimeFields> {
        let p = ob.as_ptr();
        // SAFETY: callers pass a time (checked with `is_time`).
        unsafe {
            Ok(TimeFields {
                hour: ffi::PyDateTime_TIME_GET_HOUR(p) as u32,
                minute: ffi::PyDateTime_TIME_GET_MINUTE(p) as u32,
                second: ffi::PyDateTime_TIME_GET_SECOND(p) as u32,
                microsecond: ffi::PyDateTime_TIME_GET_MICROSECOND(p) as u32,
                fold: ffi::PyDateTime_TIME_GET_FOLD(p) != 0,
            })
        }
    }

    /// The `tzinfo` of a `datetime` or `time` (`None` when naive).
    pub(crate) fn tzinfo(py: Python<'_>, ob: &PyAny) -> PyResult<PyObject> {
        let p = ob.as_ptr();
        // SAFETY: callers pass a datetime or time; the macros return a borrowed reference,
        // of which we take our own.
        unsafe {
            let tz = if is_datetime(ob)? {
                ffi::PyDateTime_DATE_GET_TZINFO(p)
            } else {
                ffi::PyDateTime_TIME_GET_TZINFO(p)
            };
            Ok(PyObject::from_borrowed_ptr(py, tz))
        }
    }

    /// `timedelta(days, seconds, microseconds)`, normalised.
    pub(crate) fn new_delta(
        py: Python<'_>,
        days: i32,
        seconds: i32,
        microseconds: i32,
    ) -> PyResult<PyObject> {
        let api = api(py)?;
        // SAFETY: the constructor returns a new reference or null with an error set.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                (api.Delta_FromDelta)(days, seconds, microseconds, 1, api.DeltaType),
            )
        }
    }

    /// `date(year, month, day)`.
    pub(crate) fn new_date(py: Python<'_>, d: DateFields) -> PyResult<PyObject> {
        let api = api(py)?;
        // SAFETY: the constructor validates its arguments and returns a new reference or
        // null with an error set.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                (api.Date_FromDate)(d.year, d.month as i32, d.day as i32, api.DateType),
            )
        }
    }

    /// `datetime(...)` with an optional tzinfo.
    pub(crate) fn new_datetime(
        py: Python<'_>,
        d: DateFields,
        t: TimeFields,
        tz: Option<&PyAny>,
    ) -> PyResult<PyObject> {
        let api = api(py)?;
        // SAFETY: the constructor validates its arguments and returns a new reference or
        // null with an error set; `tz` is a valid object or None.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                (api.DateTime_FromDateAndTimeAndFold)(
                    d.year,
                    d.month as i32,
                    d.day as i32,
                    t.hour as i32,
                    t.minute as i32,
                    t.second as i32,
                    t.microsecond as i32,
                    tz_ptr(tz),
                    i32::from(t.fold),
                    api.DateTimeType,
                ),
            )
        }
    }

    /// `time(...)` with an optional tzinfo.
    pub(crate) fn new_time(
        py: Python<'_>,
        t: TimeFields,
        tz: Option<&PyAny>,
    ) -> PyResult<PyObject> {
        let api = api(py)?;
        // SAFETY: as for `new_datetime`.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                (api.Time_FromTimeAndFold)(
                    t.hour as i32,
                    t.minute as i32,
                    t.second as i32,
                    t.microsecond as i32,
                    tz_ptr(tz),
                    i32::from(t.fold),
                    api.TimeType,
                ),
            )
        }
    }

    /// `datetime.timezone.utc`.
    pub(crate) fn utc(py: Python<'_>) -> PyResult<&PyAny> {
        let api = api(py)?;
        // SAFETY: the UTC singleton lives as long as the capsule, for the whole process.
        Ok(unsafe { py.from_borrowed_ptr(api.TimeZone_UTC) })
    }

    /// `datetime.timezone(offset)`.
    pub(crate) fn new_timezone(py: Python<'_>, offset: &PyAny) -> PyResult<PyObject> {
        let api = api(py)?;
        // SAFETY: `offset` is a valid object (checked by the constructor); a null name
        // means no name; the result is a new reference or null with an error set.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                (api.TimeZone_FromTimeZone)(offset.as_ptr(), std::ptr::null_mut()),
            )
        }
    }
}

#[cfg(Py_LIMITED_API)]
mod python_level {
    use super::{DateFields, DeltaFields, TimeFields};
    use crate::conversion::IntoPy;
    use crate::conversions::std::map::dict_from_iter;
    use crate::conversions::support::{call, call_with_kwargs, getattr};
    use crate::err::PyResult;
    use crate::instance::PyObject;
    use crate::python::Python;
    use crate::types::datetime::classes;
    use crate::types::{PyAny, PyString, PyTuple};
    use crate::ToPyObject;

    /// An integer attribute.
    fn int_attr(ob: &PyAny, name: &PyString) -> PyResult<i32> {
        getattr(ob.py(), ob, name)?.extract(ob.py())
    }

    /// `ob.name` for an integer attribute `name`, with the name interned.
    macro_rules! int_attr {
        ($ob:expr, $name:literal) => {
            int_attr($ob, crate::intern!($ob.py(), $name))
        };
    }

    /// Whether `ob` is a `timedelta`.
    pub(crate) fn is_delta(ob: &PyAny) -> PyResult<bool> {
        ob.is_instance(classes(ob.py())?.delta.as_ref(ob.py()))
    }

    /// Whether `ob` is a `date` (a `datetime` is one too).
    pub(crate) fn is_date(ob: &PyAny) -> PyResult<bool> {
        ob.is_instance(classes(ob.py())?.date.as_ref(ob.py()))
    }

    /// Whether `ob` is a `datetime`.
    pub(crate) fn is_datetime(ob: &PyAny) -> PyResult<bool> {
        ob.is_instance(classes(ob.py())?.datetime.as_ref(ob.py()))
    }

    /// Whether `ob` is a `time`.
    pub(crate) fn is_time(ob: &PyAny) -> PyResult<bool> {
        ob.is_instance(classes(ob.py())?.time.as_ref(ob.py()))
    }

    /// Whether `ob` is a `tzinfo`.
    pub(crate) fn is_tzinfo(ob: &PyAny) -> PyResult<bool> {
        ob.is_instance(classes(ob.py())?.tzinfo.as_ref(ob.py()))
    }

    /// The fields of a `timedelta`.
    pub(crate) fn delta_fields(ob: &PyAny) -> PyResult<DeltaFields> {
        Ok(DeltaFields {
            days: int_attr!(ob, "days")?,
            seconds: int_attr!(ob, "seconds")?,
            microseconds: int_attr!(ob, "microseconds")?,
        })
    }

    /// The date fields of a `date` or `datetime`.
    pub(crate) fn date_fields(ob: &PyAny) -> PyResult<DateFields> {
        Ok(DateFields {
            year: int_attr!(ob, "year")?,
            month: int_attr!(ob, "month")? as u32,
            day: int_attr!(ob, "day")? as u32,
        })
    }

    /// The time fields of a `time` or `datetime`.
    pub(crate) fn time_fields(ob: &PyAny) -> PyResult<TimeFields> {
        Ok(TimeFields {
            hour: int_attr!(ob, "hour")? as u32,
            minute: int_attr!(ob, "minute")? as u32,
            second: int_attr!(ob, "second")? as u32,
            microsecond: int_attr!(ob, "microsecond")? as u32,
            fold: int_attr!(ob, "fold")? != 0,
        })
    }

    /// The time fields of a `datetime`.
    pub(crate) fn datetime_time_fields(ob: &PyAny) -> PyResult<TimeFields> {
        time_fields(ob)
    }

    /// The `tzinfo` of a `datetime` or `time` (`None` when naive).
    pub(crate) fn tzinfo(py: Python<'_>, ob: &PyAny) -> PyResult<PyObject> {
        getattr(py, ob, crate::intern!(py, "tzinfo"))
    }

    /// `timedelta(days, seconds, microseconds)`, normalised.
    pub(crate) fn new_delta(
        py: Python<'_>,
        days: i32,
        seconds: i32,
        microseconds: i32,
    ) -> PyResult<PyObject> {
        call(
            py,
            classes(py)?.delta.as_ref(py),
            (days, seconds, microseconds),
        )
    }

    /// `date(year, month, day)`.
    pub(crate) fn new_date(py: Python<'_>, d: DateFields) -> PyResult<PyObject> {
        call(py, classes(py)?.date.as_ref(py), (d.year, d.month, d.day))
    }

    /// Calls `class(*args, tzinfo=tz, fold=fold)`.
    fn call_with_tz(
        py: Python<'_>,
        class: &PyAny,
        args: impl IntoPy<crate::Py<PyTuple>>,
        tz: Option<&PyAny>,
        fold: bool,
    ) -> PyResult<PyObject> {
        let kwargs = dict_from_iter(
            py,
            [
                (
                    "tzinfo".into_py(py),
                    tz.map_or_else(|| py.None(), |tz| tz.to_object(py)),
                ),
                ("fold".into_py(py), u8::from(fold).into_py(py)),
            ]
            .into_iter(),
        );
        call_with_kwargs(py, class, args, kwargs.as_any(py))
    }

    /// `datetime(...)` with an optional tzinfo.
    pub(crate) fn new_datetime(
        py: Python<'_>,
        d: DateFields,
        t: TimeFields,
        tz: Option<&PyAny>,
    ) -> PyResult<PyObject> {
        let args = (
            d.year,
            d.month,
            d.day,
            t.hour,
            t.minute,
            t.second,
            t.microsecond,
        );
        call_with_tz(py, classes(py)?.datetime.as_ref(py), args, tz, t.fold)
    }

    /// `time(...)` with an optional tzinfo.
    pub(crate) fn new_time(
        py: Python<'_>,
        t: TimeFields,
        tz: Option<&PyAny>,
    ) -> PyResult<PyObject> {
        let args = (t.hour, t.minute, t.second, t.microsecond);
        call_with_tz(py, classes(py)?.time.as_ref(py), args, tz, t.fold)
    }

    /// `datetime.timezone.utc`.
    pub(crate) fn utc(py: Python<'_>) -> PyResult<&PyAny> {
        Ok(classes(py)?.utc.as_any(py))
    }

    /// `datetime.timezone(offset)`.
    pub(crate) fn new_timezone(py: Python<'_>, offset: &PyAny) -> PyResult<PyObject> {
        call(py, classes(py)?.timezone.as_ref(py), (offset,))
    }
}
