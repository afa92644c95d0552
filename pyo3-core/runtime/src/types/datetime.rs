//! The `datetime` module's types: `PyDate`, `PyDateTime`, `PyTime`, `PyDelta`,
//! `PyTzInfo`, their accessor traits, and `timezone_utc`.
//!
//! On the full API everything goes through the module's C-API capsule
//! (`PyDateTime_IMPORT`), imported on first use. The limited API has no such capsule, so
//! there the classes are fetched from the `datetime` module once, cached, and called like
//! Python code would; fields are read as attributes.

use std::os::raw::c_int;

use crate::err::PyResult;
use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

#[cfg(not(Py_LIMITED_API))]
use backend_capi as backend;
// The conversions (`conversions/datetime_api.rs`) reach the same capsule or classes.
#[cfg(not(Py_LIMITED_API))]
pub(crate) use backend_capi::{capsule, tz_ptr};
#[cfg(Py_LIMITED_API)]
use backend_module as backend;
#[cfg(Py_LIMITED_API)]
pub(crate) use backend_module::classes;

macro_rules! datetime_type {
    ($(#[$doc:meta])* $name:ident, $pyname:literal, $field:ident) => {
        $(#[$doc])*
        #[repr(transparent)]
        pub struct $name(PyAny);

        crate::pyobject_native_type_base!($name);
        crate::pyobject_native_type_info!(
            $name,
            |py| backend::type_ptr(py, |types| types.$field),
            $pyname,
            Some("datetime")
        );
    };
}

datetime_type!(
    /// `datetime.date`.
    PyDate, "date", date
);
datetime_type!(
    /// `datetime.datetime`.
    PyDateTime, "datetime", datetime
);
datetime_type!(
    /// `datetime.time`.
    PyTime, "time", time
);
datetime_type!(
    /// `datetime.timedelta`.
    PyDelta, "timedelta", delta
);
datetime_type!(
    /// `datetime.tzinfo`, the abstract base of time zones (`datetime.timezone`,
    /// `zoneinfo.ZoneInfo`, ...).
    PyTzInfo, "tzinfo", tzinfo
);

/// The components of a date (`PyDate`, `PyDateTime`).
pub trait PyDateAccess {
    /// The year, 1 to 9999.
    fn get_year(&self) -> i32;
    /// The month, 1 to 12.
    fn get_month(&self) -> u8;
    /// The day of the month, 1 to 31.
    fn get_day(&self) -> u8;
}

/// The components of a time of day (`PyTime`, `PyDateTime`).
pub trait PyTimeAccess {
    /// The hour, 0 to 23.
    fn get_hour(&self) -> u8;
    /// The minute, 0 to 59.
    fn get_minute(&self) -> u8;
    /// The second, 0 to 59.
    fn get_second(&self) -> u8;
    /// The microsecond, 0 to 999 999.
    fn get_microsecond(&self) -> u32;
    /// The fold (PEP 495): whether this is the second of two identical wall-clock times
    /// (at the end of daylight saving time).
    fn get_fold(&self) -> bool;
}

/// The components of a `timedelta`, as normalized by Python (only `days` can be negative).
pub trait PyDeltaAccess {
    /// Days, -999 999 999 to 999 999 999.
    fn get_days(&self) -> i32;
    /// Seconds within the day, 0 to 86 399.
    fn get_seconds(&self) -> i32;
    /// Microseconds within the second, 0 to 999 999.
    fn get_microseconds(&self) -> i32;
}

/// The time zone of an aware object (`PyTime`, `PyDateTime`).
pub trait PyTzInfoAccess {
    /// The `tzinfo`, or `None` for a naive object.
    fn get_tzinfo(&self) -> Option<&PyTzInfo>;
}

impl PyDate {
    /// `date(year, month, day)`; fails with `ValueError` for an invalid date (e.g.
    /// `month must be in 1..12`, `day is out of range for month`).
    pub fn new(py: Python<'_>, year: i32, month: u8, day: u8) -> PyResult<&PyDate> {
        backend::new_date(py, year, c_int::from(month), c_int::from(day))
    }

    /// `date.fromtimestamp(timestamp)`: the local date at a POSIX timestamp.
    pub fn from_timestamp(py: Python<'_>, timestamp: i64) -> PyResult<&PyDate> {
        backend::date_from_timestamp(py, timestamp)
    }

    /// `date.today()`: the current local date.
    pub fn today(py: Python<'_>) -> PyResult<&PyDate> {
        let today = <PyDate as crate::PyTypeInfo>::type_object(py).call_method0("today")?;
        // SAFETY: `date.today()` returns a date.
        Ok(unsafe { today.downcast_unchecked() })
    }
}

impl PyDateTime {
    /// `datetime(year, month, day, hour, minute, second, microsecond, tzinfo)`; fails with
    /// `ValueError` for out-of-range components.
    #[allow(clippy::too_many_arguments)]
    pub fn new<'py>(
        py: Python<'py>,
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        microsecond: u32,
        tzinfo: Option<&PyTzInfo>,
    ) -> PyResult<&'py PyDateTime> {
        let fields = DateTimeFields::new(year, month, day, hour, minute, second, microsecond);
        backend::new_datetime(py, fields, tzinfo, None)
    }

    /// As [`PyDateTime::new`], with the PEP 495 `fold` (which of two identical wall-clock
    /// times is meant).
    #[allow(clippy::too_many_arguments)]
    pub fn new_with_fold<'py>(
        py: Python<'py>,
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        microsecond: u32,
        tzinfo: Option<&PyTzInfo>,
        fold: bool,
    ) -> PyResult<&'py PyDateTime> {
        let fields = DateTimeFields::new(year, month, day, hour, minute, second, microsecond);
        backend::new_datetime(py, fields, tzinfo, Some(fold))
    }

    /// `datetime.fromtimestamp(timestamp, tzinfo)`: local time when `tzinfo` is `None`,
    /// else the time in that zone. Fails with `OverflowError`/`ValueError` out of range.
    pub fn from_timestamp<'py>(
        py: Python<'py>,
        timestamp: f64,
        tzinfo: Option<&PyTzInfo>,
    ) -> PyResult<&'py PyDateTime> {
        backend::datetime_from_timestamp(py, timestamp, tzinfo)
    }
}

impl PyTime {
    /// `time(hour, minute, second, microsecond, tzinfo)`; fails with `ValueError` for
    /// out-of-range components.
    pub fn new<'py>(
        py: Python<'py>,
        hour: u8,
        minute: u8,
        second: u8,
        microsecond: u32,
        tzinfo: Option<&PyTzInfo>,
    ) -> PyResult<&'py PyTime> {
        let fields = TimeFields::new(hour, minute, second, microsecond);
        backend::new_time(py, fields, tzinfo, None)
    }

    /// As [`PyTime::new`], with the PEP 495 `fold`.
    pub fn new_with_fold<'py>(
        py: Python<'py>,
        hour: u8,
        minute: u8,
        second: u8,
        microsecond: u32,
        tzinfo: Option<&PyTzInfo>,
        fold: bool,
    ) -> PyResult<&'py PyTime> {
        let fields = TimeFields::new(hour, minute, second, microsecond);
        backend::new_time(py, fields, tzinfo, Some(fold))
    }
}

impl PyDelta {
    /// `timedelta(days, seconds, microseconds)`. With `normalize`, the parts are carried
    /// over as Python does (`seconds=-1` becomes `days=-1, seconds=86399`); without it they
    /// must already be normalized. Fails with `OverflowError` when `|days|` exceeds
    /// 999 999 999.
    pub fn new(
        py: Python<'_>,
        days: i32,
        seconds: i32,
        microseconds: i32,
        normalize: bool,
    ) -> PyResult<&PyDelta> {
        backend::new_delta(py, days, seconds, microseconds, normalize)
    }
}

/// `datetime.timezone.utc`.
pub fn timezone_utc(py: Python<'_>) -> &PyAny {
    backend::utc(py)
}

/// The components of a `datetime` constructor, converted to C ints.
struct DateTimeFields {
    date: [c_int; 3],
    time: TimeFields,
}

impl DateTimeFields {
    fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8, us: u32) -> Self {
        DateTimeFields {
            date: [year, c_int::from(month), c_int::from(day)],
            time: TimeFields::new(hour, minute, second, us),
        }
    }
}

/// The components of a `time` constructor, converted to C ints.
struct TimeFields([c_int; 4]);

impl TimeFields {
    fn new(hour: u8, minute: u8, second: u8, microsecond: u32) -> Self {
        // Anything above `c_int::MAX` is out of range anyway; keep it out of range rather
        // than letting it wrap into a valid value.
        let microsecond = c_int::try_from(microsecond).unwrap_or(c_int::MAX);
        TimeFields([
            c_int::from(hour),
            c_int::from(minute),
            c_int::from(second),
            microsecond,
        ])
    }
}

/// The five type objects, as the backends provide them.
struct TypePtrs {
    date: *mut ffi::PyTypeObject,
    datetime: *mut ffi::PyTypeObject,
    time: *mut ffi::PyTypeObject,
    delta: *mut ffi::PyTypeObject,
    tzinfo: *mut ffi::PyTypeObject,
}

/// Full API: the `datetime` C-API capsule.
#[cfg(not(Py_LIMITED_API))]
mod backend_capi {
    use std::os::raw::c_int;

    use super::{
        DateTimeFields, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime,
        PyTimeAccess, PyTzInfo, PyTzInfoAccess, TimeFields, TypePtrs,
    };
    use crate::conversion::IntoPy;
    use crate::err::PyResult;
    use crate::ffi;
    use crate::instance::Py;
    use crate::python::Python;
    use crate::types::{PyAny, PyTuple};
    use crate::AsPyPointer;

    /// The capsule's function table, imported on first use; `None` (with the error set)
    /// if importing `datetime` fails.
    pub(crate) fn capsule(_py: Python<'_>) -> Option<&'static ffi::PyDateTime_CAPI> {
        // SAFETY: the pointer is either null or the table, which lives forever.
        if let Some(api) = unsafe { ffi::PyDateTimeAPI().as_ref() } {
            return Some(api);
        }
        // SAFETY: the token proves the GIL is held; this imports `datetime` and stores the
        // table pointer (or sets an error).
        unsafe { ffi::PyDateTime_IMPORT() };
        // SAFETY: as above.
        unsafe { ffi::PyDateTimeAPI().as_ref() }
    }

    /// The capsule's function table; a type check cannot report an error, so a failed
    /// import (a broken installation) panics.
    fn api(py: Python<'_>) -> &'static ffi::PyDateTime_CAPI {
        capsule(py).unwrap_or_else(|| crate::err::panic_after_error(py))
    }

    pub(super) fn type_ptr(
        py: Python<'_>,
        pick: impl FnOnce(&TypePtrs) -> *mut ffi::PyTypeObject,
    ) -> *mut ffi::PyTypeObject {
        let api = api(py);
        pick(&TypePtrs {
            date: api.DateType,
            datetime: api.DateTimeType,
            time: api.TimeType,
            delta: api.DeltaType,
            tzinfo: api.TZInfoType,
        })
    }

    /// The `tzinfo` argument of the capsule's constructors: the object, or `None`.
    pub(crate) fn tz_ptr(tzinfo: Option<&impl AsPyPointer>) -> *mut ffi::PyObject {
        // SAFETY: reading a static's address.
        tzinfo.map_or_else(|| unsafe { ffi::Py_None() }, AsPyPointer::as_ptr)
    }

    pub(super) fn new_date(
        py: Python<'_>,
        year: c_int,
        month: c_int,
        day: c_int,
    ) -> PyResult<&PyDate> {
        let api = api(py);
        // SAFETY: the constructor validates its arguments and returns a new reference or
        // null with an error set.
        unsafe { py.from_owned_ptr_or_err((api.Date_FromDate)(year, month, day, api.DateType)) }
    }

    pub(super) fn new_datetime<'py>(
        py: Python<'py>,
        f: DateTimeFields,
        tzinfo: Option<&PyTzInfo>,
        fold: Option<bool>,
    ) -> PyResult<&'py PyDateTime> {
        let api = api(py);
        let [year, month, day] = f.date;
        let [hour, minute, second, us] = f.time.0;
        let tz = tz_ptr(tzinfo);
        // SAFETY: the constructors validate their arguments; `tz` is a tzinfo or None.
        let ptr = unsafe {
            match fold {
                None => (api.DateTime_FromDateAndTime)(
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    us,
                    tz,
                    api.DateTimeType,
                ),
                Some(fold) => (api.DateTime_FromDateAndTimeAndFold)(
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    us,
                    tz,
                    c_int::from(fold),
                    api.DateTimeType,
                ),
            }
        };
        // SAFETY: a new reference or null with an error set.
        unsafe { py.from_owned_ptr_or_err(ptr) }
    }

    pub(super) fn new_time<'py>(
        py: Python<'py>,
        f: TimeFields,
        tzinfo: Option<&PyTzInfo>,
        fold: Option<bool>,
    ) -> PyResult<&'py PyTime> {
        let api = api(py);
        let [hour, minute, second, us] = f.0;
        let tz = tz_ptr(tzinfo);
        // SAFETY: the constructors validate their arguments; `tz` is a tzinfo or None.
        let ptr = unsafe {
            match fold {
                None => (api.Time_FromTime)(hour, minute, second, us, tz, api.TimeType),
                Some(fold) => (api.Time_FromTimeAndFold)(
                    hour,
                    minute,
                    second,
                    us,
                    tz,
                    c_int::from(fold),
                    api.TimeType,
                ),
            }
        };
        // SAFETY: a new reference or null with an error set.
        unsafe { py.from_owned_ptr_or_err(ptr) }
    }

    pub(super) fn new_delta(
        py: Python<'_>,
        days: c_int,
        seconds: c_int,
        microseconds: c_int,
        normalize: bool,
    ) -> PyResult<&PyDelta> {
        let api = api(py);
        // SAFETY: the constructor checks the range of the (normalized) days; the result is
        // a new reference or null with an error set.
        unsafe {
            py.from_owned_ptr_or_err((api.Delta_FromDelta)(
                days,
                seconds,
                microseconds,
                c_int::from(normalize),
                api.DeltaType,
            ))
        }
    }

    pub(super) fn date_from_timestamp(py: Python<'_>, timestamp: i64) -> PyResult<&PyDate> {
        let api = api(py);
        let args: Py<PyTuple> = (timestamp,).into_py(py);
        // SAFETY: `args` is a tuple; the result is a new reference or null.
        unsafe { py.from_owned_ptr_or_err((api.Date_FromTimestamp)(api.DateType, args.as_ptr())) }
    }

    pub(super) fn datetime_from_timestamp<'py>(
        py: Python<'py>,
        timestamp: f64,
        tzinfo: Option<&PyTzInfo>,
    ) -> PyResult<&'py PyDateTime> {
        let api = api(py);
        let args: Py<PyTuple> = (timestamp, tzinfo).into_py(py);
        // SAFETY: `args` is a tuple, kwargs may be null; the result is a new reference or
        // null.
        unsafe {
            py.from_owned_ptr_or_err((api.DateTime_FromTimestamp)(
                api.DateTimeType,
                args.as_ptr(),
                std::ptr::null_mut(),
            ))
        }
    }

    pub(super) fn utc(py: Python<'_>) -> &PyAny {
        // SAFETY: the UTC singleton lives as long as the interpreter.
        unsafe { py.from_borrowed_ptr(api(py).TimeZone_UTC) }
    }

    /// `tzinfo` of a datetime or time: a borrowed pointer (kept alive by the immutable
    /// object), `None` if naive.
    fn tzinfo_of(obj: &PyAny, raw: *mut ffi::PyObject) -> Option<&PyTzInfo> {
        // SAFETY: reading a static's address.
        if raw.is_null() || raw == unsafe { ffi::Py_None() } {
            None
        } else {
            // SAFETY: the object holds a reference to its tzinfo for as long as it lives.
            Some(unsafe { obj.py().from_borrowed_ptr(raw) })
        }
    }

    // SAFETY (all accessors below): the receiver is an instance of the matching type (or a
    // subclass, which shares the layout), so the C macros read valid fields.

    macro_rules! date_access {
        ($ty:ty) => {
            impl PyDateAccess for $ty {
                fn get_year(&self) -> i32 {
                    // SAFETY: see above.
                    unsafe { ffi::PyDateTime_GET_YEAR(self.as_ptr()) }
                }
                fn get_month(&self) -> u8 {
                    // SAFETY: see above.
                    unsafe { ffi::PyDateTime_GET_MONTH(self.as_ptr()) as u8 }
                }
                fn get_day(&self) -> u8 {
                    // SAFETY: see above.
                    unsafe { ffi::PyDateTime_GET_DAY(self.as_ptr()) as u8 }
                }
            }
        };
    }
    date_access!(PyDate);
    date_access!(PyDateTime);

    macro_rules! time_access {
        ($ty:ty, $hour:ident, $minute:ident, $second:ident, $us:ident, $fold:ident, $tz:ident) => {
            impl PyTimeAccess for $ty {
                fn get_hour(&self) -> u8 {
                    // SAFETY: see above.
                    unsafe { ffi::$hour(self.as_ptr()) as u8 }
                }
                fn get_minute(&self) -> u8 {
                    // SAFETY: see above.
                    unsafe { ffi::$minute(self.as_ptr()) as u8 }
                }
                fn get_second(&self) -> u8 {
                    // SAFETY: see above.
                    unsafe { ffi::$second(self.as_ptr()) as u8 }
                }
                fn get_microsecond(&self) -> u32 {
                    // SAFETY: see above.
                    unsafe { ffi::$us(self.as_ptr()) as u32 }
                }
                fn get_fold(&self) -> bool {
                    // SAFETY: see above.
                    unsafe { ffi::$fold(self.as_ptr()) > 0 }
                }
            }

            impl PyTzInfoAccess for $ty {
                fn get_tzinfo(&self) -> Option<&PyTzInfo> {
                    // SAFETY: see above.
                    tzinfo_of(self, unsafe { ffi::$tz(self.as_ptr()) })
                }
            }
        };
    }
    time_access!(
        PyDateTime,
        PyDateTime_DATE_GET_HOUR,
        PyDateTime_DATE_GET_MINUTE,
        PyDateTime_DATE_GET_SECOND,
        PyDateTime_DATE_GET_MICROSECOND,
        PyDateTime_DATE_GET_FOLD,
        PyDateTime_DATE_GET_TZINFO
    );
    time_access!(
        PyTime,
        PyDateTime_TIME_GET_HOUR,
        PyDateTime_TIME_GET_MINUTE,
        PyDateTime_TIME_GET_SECOND,
        PyDateTime_TIME_GET_MICROSECOND,
        PyDateTime_TIME_GET_FOLD,
        PyDateTime_TIME_GET_TZINFO
    );

    impl PyDeltaAccess for PyDelta {
        fn get_days(&self) -> i32 {
            // SAFETY: see above.
            unsafe { ffi::PyDateTime_DELTA_GET_DAYS(self.as_ptr()) }
        }
        fn get_seconds(&self) -> i32 {
            // SAFETY: see above.
            unsafe { ffi::PyDateTime_DELTA_GET_SECONDS(self.as_ptr()) }
        }
        fn get_microseconds(&self) -> i32 {
            // SAFETY: see above.
            unsafe { ffi::PyDateTime_DELTA_GET_MICROSECONDS(self.as_ptr()) }
        }
    }
}

#[cfg(Py_LIMITED_API)]
#[path = "datetime_abi3.rs"]
mod backend_module;
