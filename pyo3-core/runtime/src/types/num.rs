//! `PyLong`: Python's `int`.

use crate::ffi;
use crate::types::PyAny;

/// Python's `int`, of any size.
///
/// Convert with `extract::<i64>()` (or any integer type), which raises `OverflowError` when
/// the value does not fit, and `value.into_py(py)` the other way.
#[repr(transparent)]
pub struct PyLong(PyAny);

crate::pyobject_native_type!(PyLong, ffi::PyLong_Type, "int", check = ffi::PyLong_Check);

/// Python's `int`, under its Python name (an alias of [`PyLong`]).
pub type PyInt = PyLong;
