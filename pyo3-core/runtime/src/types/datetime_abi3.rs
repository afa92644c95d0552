//! The limited-API backend of `types/datetime.rs`: the `datetime` classes are imported
//! once, cached, and called as from Python; fields are read as attributes.

use std::os::raw::c_int;
use std::ptr::NonNull;

use super::{
    DateTimeFields, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess,
    PyTzInfo, PyTzInfoAccess, TimeFields, TypePtrs,
};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::{IntoPyDict, PyAny, PyString, PyType};

/// The module's classes and the UTC singleton (shared with the conversions).
pub(crate) struct Classes {
    pub(crate) date: Py<PyType>,
    pub(crate) datetime: Py<PyType>,
    pub(crate) time: Py<PyType>,
    pub(crate) delta: Py<PyType>,
    pub(crate) tzinfo: Py<PyType>,
    pub(crate) timezone: Py<PyType>,
    pub(crate) utc: PyObject,
}

static CLASSES: GILOnceCell<Classes> = GILOnceCell::new();

/// The cached classes, importing `datetime` on first use.
pub(crate) fn classes(py: Python<'_>) -> PyResult<&'static Classes> {
    CLASSES.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let class = |name: &str| -> PyResult<Py<PyType>> {
            Ok(module.getattr(name)?.downcast::<PyType>()?.into())
        };
        let timezone = class("timezone")?;
        Ok(Classes {
            date: class("date")?,
            datetime: class("datetime")?,
            time: class("time")?,
            delta: class("timedelta")?,
            tzinfo: class("tzinfo")?,
            utc: timezone.getattr(py, "utc")?,
            timezone,
        })
    })
}

/// The cached classes; a type check cannot report an error, so failing to import
/// `datetime` (a broken installation) panics.
fn classes_or_panic(py: Python<'_>) -> &'static Classes {
    match classes(py) {
        Ok(classes) => classes,
        Err(err) => {
            err.print(py);
            panic!("failed to import the `datetime` module");
        }
    }
}

pub(super) fn type_ptr(
    py: Python<'_>,
    pick: impl FnOnce(&TypePtrs) -> *mut ffi::PyTypeObject,
) -> *mut ffi::PyTypeObject {
    let c = classes_or_panic(py);
    pick(&TypePtrs {
        date: c.date.as_ptr() as *mut ffi::PyTypeObject,
        datetime: c.datetime.as_ptr() as *mut ffi::PyTypeObject,
        time: c.time.as_ptr() as *mut ffi::PyTypeObject,
        delta: c.delta.as_ptr() as *mut ffi::PyTypeObject,
        tzinfo: c.tzinfo.as_ptr() as *mut ffi::PyTypeObject,
    })
}

/// Calls `class(*args, fold=fold)` and views the result as `T`.
fn construct<'py, T: crate::PyNativeType, A>(
    py: Python<'py>,
    class: &'py Py<PyType>,
    args: A,
    fold: Option<bool>,
) -> PyResult<&'py T>
where
    A: crate::IntoPy<Py<crate::types::PyTuple>>,
{
    let kwargs = fold.map(|fold| [("fold", c_int::from(fold))].into_py_dict(py));
    let obj = class.as_ref(py).call(args, kwargs)?;
    // SAFETY: the class's constructor returns an instance of the class.
    Ok(unsafe { obj.downcast_unchecked() })
}

pub(super) fn new_date(py: Python<'_>, year: c_int, month: c_int, day: c_int) -> PyResult<&PyDate> {
    construct(py, &classes(py)?.date, (year, month, day), None)
}

pub(super) fn new_datetime<'py>(
    py: Python<'py>,
    f: DateTimeFields,
    tzinfo: Option<&PyTzInfo>,
    fold: Option<bool>,
) -> PyResult<&'py PyDateTime> {
    let [year, month, day] = f.date;
    let [hour, minute, second, us] = f.time.0;
    let args = (year, month, day, hour, minute, second, us, tzinfo);
    construct(py, &classes(py)?.datetime, args, fold)
}

pub(super) fn new_time<'py>(
    py: Python<'py>,
    f: TimeFields,
    tzinfo: Option<&PyTzInfo>,
    fold: Option<bool>,
) -> PyResult<&'py PyTime> {
    let [hour, minute, second, us] = f.0;
    construct(
        py,
        &classes(py)?.time,
        (hour, minute, second, us, tzinfo),
        fold,
    )
}

pub(super) fn new_delta(
    py: Python<'_>,
    days: c_int,
    seconds: c_int,
    microseconds: c_int,
    _normalize: bool,
) -> PyResult<&PyDelta> {
    // The Python constructor always normalizes; for already-normalized parts (the
    // contract of `normalize == false`) the result is the same.
    construct(py, &classes(py)?.delta, (days, seconds, microseconds), None)
}

pub(super) fn date_from_timestamp(py: Python<'_>, timestamp: i64) -> PyResult<&PyDate> {
    let date = classes(py)?.date.as_ref(py);
    let obj = date.call_method1("fromtimestamp", (timestamp,))?;
    // SAFETY: `date.fromtimestamp` returns a date.
    Ok(unsafe { obj.downcast_unchecked() })
}

pub(super) fn datetime_from_timestamp<'py>(
    py: Python<'py>,
    timestamp: f64,
    tzinfo: Option<&PyTzInfo>,
) -> PyResult<&'py PyDateTime> {
    let datetime = classes(py)?.datetime.as_ref(py);
    let obj = datetime.call_method1("fromtimestamp", (timestamp, tzinfo))?;
    // SAFETY: `datetime.fromtimestamp` returns a datetime.
    Ok(unsafe { obj.downcast_unchecked() })
}

pub(super) fn utc(py: Python<'_>) -> &PyAny {
    classes_or_panic(py).utc.as_any(py)
}

/// Reads an integer attribute of an immutable datetime object. Its fields are plain ints,
/// so this cannot fail short of memory exhaustion (which panics). The attribute object
/// never enters the pool.
fn int_attr(obj: &PyAny, name: &PyString) -> i64 {
    let py = obj.py();
    // SAFETY: both are valid objects; the result is a new reference or null.
    let value = unsafe { ffi::PyObject_GetAttr(obj.as_ptr(), name.as_ptr()) };
    let result = match NonNull::new(value) {
        // SAFETY: `value` is an owned reference, released by the guard.
        Some(value) => unsafe { TempRef::from_owned(value) }
            .as_any()
            .extract::<i64>(),
        None => Err(PyErr::fetch(py)),
    };
    result.unwrap_or_else(|err| panic!("reading a datetime field failed: {err}"))
}

macro_rules! field {
    ($obj:expr, $name:literal) => {
        int_attr($obj, crate::intern!($obj.py(), $name))
    };
}

macro_rules! date_access {
    ($ty:ty) => {
        impl PyDateAccess for $ty {
            fn get_year(&self) -> i32 {
                field!(self, "year") as i32
            }
            fn get_month(&self) -> u8 {
                field!(self, "month") as u8
            }
            fn get_day(&self) -> u8 {
                field!(self, "day") as u8
            }
        }
    };
}
date_access!(PyDate);
date_access!(PyDateTime);

macro_rules! time_access {
    ($ty:ty) => {
        impl PyTimeAccess for $ty {
            fn get_hour(&self) -> u8 {
                field!(self, "hour") as u8
            }
            fn get_minute(&self) -> u8 {
                field!(self, "minute") as u8
            }
            fn get_second(&self) -> u8 {
                field!(self, "second") as u8
            }
            fn get_microsecond(&self) -> u32 {
                field!(self, "microsecond") as u32
            }
            fn get_fold(&self) -> bool {
                field!(self, "fold") != 0
            }
        }

        impl PyTzInfoAccess for $ty {
            fn get_tzinfo(&self) -> Option<&PyTzInfo> {
                let tz = self
                    .getattr(crate::intern!(self.py(), "tzinfo"))
                    .unwrap_or_else(|err| panic!("reading a datetime field failed: {err}"));
                if tz.is_none() {
                    None
                } else {
                    // SAFETY: a datetime's or time's `tzinfo` is None or a tzinfo.
                    Some(unsafe { tz.downcast_unchecked() })
                }
            }
        }
    };
}
time_access!(PyDateTime);
time_access!(PyTime);

impl PyDeltaAccess for PyDelta {
    fn get_days(&self) -> i32 {
        field!(self, "days") as i32
    }
    fn get_seconds(&self) -> i32 {
        field!(self, "seconds") as i32
    }
    fn get_microseconds(&self) -> i32 {
        field!(self, "microseconds") as i32
    }
}
