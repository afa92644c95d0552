//! `PyTraceback`: a Python traceback object.

use crate::err::PyResult;
use crate::ffi;
use crate::types::PyAny;

/// A traceback object (`types.TracebackType`).
#[repr(transparent)]
pub struct PyTraceback(PyAny);

crate::pyobject_native_type_base!(PyTraceback);
crate::pyobject_native_type_info!(
    PyTraceback,
    |_py| std::ptr::addr_of_mut!(ffi::PyTraceBack_Type),
    "traceback",
    Some("builtins"),
    check = ffi::PyTraceBack_Check
);

impl PyTraceback {
    /// Formats the traceback as Python prints it (`Traceback (most recent call last): ...`).
    pub fn format(&self) -> PyResult<String> {
        let py = self.py();
        let io = py.import("io")?;
        let buffer = io.getattr("StringIO")?.call0()?;
        // SAFETY: `self` is a traceback and `buffer` a file-like object.
        let rc = unsafe { ffi::PyTraceBack_Print(self.as_ptr(), buffer.as_ptr()) };
        crate::err::error_on_minus_one(py, rc)?;
        let body: String = buffer.call_method0("getvalue")?.extract()?;
        Ok(format!("Traceback (most recent call last):\n{body}"))
    }
}
