//! `PyErr`, the Rust side of a Python exception, and `PyResult`.

mod impls;
mod state;

use std::cell::UnsafeCell;
use std::ffi::CString;

use crate::conversion::{IntoPy, ToPyObject};
use crate::exceptions::{self, PyBaseException, PyTypeError};
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyTraceback, PyType};
pub(crate) use state::SavedErrorIndicator;
use state::{LazyOutput, PyErrState};

/// The result type of everything that can raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;

/// A Python exception, held on the Rust side.
///
/// Building one needs no GIL: `PyValueError::new_err("bad")` only stores the type and
/// arguments, and the exception object is created when the error is raised in Python
/// ([`PyErr::restore`]) or inspected. So `?` works on any `E: Into<PyErr>` anywhere.
pub struct PyErr {
    // `None` only transiently, while being normalized.
    state: UnsafeCell<Option<PyErrState>>,
}

// SAFETY: the lazy state is `Send + Sync` by construction and the normalized one is a
// `Py<T>`; the cell is only mutated while normalizing, which requires the GIL (a token).
unsafe impl Send for PyErr {}
// SAFETY: as above.
unsafe impl Sync for PyErr {}

/// Values usable as the arguments of a lazily built exception.
pub trait PyErrArguments: Send + Sync {
    /// Converts the arguments into the Python value passed to the exception type.
    fn arguments(self, py: Python<'_>) -> PyObject;
}

impl<T> PyErrArguments for T
where
    T: IntoPy<PyObject> + Send + Sync,
{
    fn arguments(self, py: Python<'_>) -> PyObject {
        self.into_py(py)
    }
}

impl PyErr {
    /// A lazy error of exception type `T` built from `args` (a message, a tuple, ...).
    #[inline]
    pub fn new<T, A>(args: A) -> PyErr
    where
        T: PyTypeInfo,
        A: PyErrArguments + 'static,
    {
        PyErr::from_state(PyErrState::Lazy(Box::new(move |py| LazyOutput {
            ptype: T::type_object(py).into(),
            pvalue: args.arguments(py),
        })))
    }

    /// A lazy error of the given exception type. A `ty` that is not an exception class
    /// raises `TypeError` instead, as Python's `raise` does.
    pub fn from_type<A>(ty: &PyType, args: A) -> PyErr
    where
        A: PyErrArguments + 'static,
    {
        let ptype: PyObject = ty.into();
        PyErr::from_state(PyErrState::Lazy(Box::new(move |py| LazyOutput {
            ptype,
            pvalue: args.arguments(py),
        })))
    }

    /// An error from an exception instance, or from an exception class (instantiated with
    /// no arguments). Anything else gives a `TypeError`.
    pub fn from_value(obj: &PyAny) -> PyErr {
        let py = obj.py();
        // SAFETY: `obj` is a valid object.
        let is_instance = unsafe { ffi::PyExceptionInstance_Check(obj.as_ptr()) } != 0;
        if is_instance {
            // SAFETY: checked to be an exception instance; we take a new reference.
            let value = unsafe { Py::from_borrowed_ptr(py, obj.as_ptr()) };
            return PyErr::from_state(PyErrState::Normalized(value));
        }
        // SAFETY: `obj` is a valid object.
        let is_class = unsafe { ffi::PyExceptionClass_Check(obj.as_ptr()) } != 0;
        if is_class {
            let ptype: PyObject = obj.into();
            return PyErr::from_state(PyErrState::Lazy(Box::new(move |py| LazyOutput {
                ptype,
                pvalue: py.None(),
            })));
        }
        PyTypeError::new_err("exceptions must derive from BaseException")
    }

    fn from_state(state: PyErrState) -> PyErr {
        PyErr {
            state: UnsafeCell::new(Some(state)),
        }
    }

    /// Whether an exception is currently set in the interpreter.
    #[inline]
    pub fn occurred(_py: Python<'_>) -> bool {
        // SAFETY: the GIL is held.
        unsafe { !ffi::PyErr_Occurred().is_null() }
    }

    /// Takes the current exception out of the interpreter, if one is set.
    ///
    /// A `PanicException` that started as a Rust panic resumes unwinding instead, so a
    /// panic that went through Python code comes back out as a panic.
    pub fn take(py: Python<'_>) -> Option<PyErr> {
        let value = state::fetch_normalized(py)?;
        let ty = state::type_of(py, &value);
        if ty.is(exceptions::PanicException::type_object(py)) {
            let msg = value
                .as_ref(py)
                .str()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|_| String::from("unwrapped panic from Python code"));
            eprintln!(
                "--- PyO3 is resuming a panic after fetching a PanicException from Python. ---"
            );
            eprintln!("Python stack trace below:");
            PyErr::from_state(PyErrState::Normalized(value)).print(py);
            std::panic::resume_unwind(Box::new(msg));
        }
        Some(PyErr::from_state(PyErrState::Normalized(value)))
    }

    /// Takes the current exception; if none is set, returns a `SystemError` saying so.
    pub fn fetch(py: Python<'_>) -> PyErr {
        PyErr::take(py).unwrap_or_else(|| {
            exceptions::PySystemError::new_err("attempted to fetch exception but none was set")
        })
    }

    /// Sets this error as the interpreter's current exception (Python's `raise`).
    #[inline]
    pub fn restore(self, py: Python<'_>) {
        if let Some(state) = self.state.into_inner() {
            state.restore(py);
        }
    }

    fn normalized(&self, py: Python<'_>) -> &Py<PyBaseException> {
        // SAFETY: the GIL is held (token), so no other thread normalizes concurrently, and
        // no reference into the cell outlives this call except to the normalized value,
        // which is never replaced once normalized.
        unsafe {
            let slot = &mut *self.state.get();
            if !matches!(slot, Some(PyErrState::Normalized(_))) {
                let state = slot
                    .take()
                    .expect("PyErr state is being normalized re-entrantly");
                *slot = Some(PyErrState::Normalized(state.normalize(py)));
            }
            match slot {
                Some(PyErrState::Normalized(value)) => value,
                _ => unreachable!("normalized just above"),
            }
        }
    }

    /// The exception instance.
    pub fn value<'py>(&'py self, py: Python<'py>) -> &'py PyBaseException {
        self.normalized(py).as_ref(py)
    }

    /// The exception instance as an owned reference.
    pub fn into_value(self, py: Python<'_>) -> Py<PyBaseException> {
        self.normalized(py).clone_ref(py)
    }

    /// The exception type.
    pub fn get_type<'py>(&'py self, py: Python<'py>) -> &'py PyType {
        self.value(py).get_type()
    }

    /// The traceback, if the exception was raised in Python.
    pub fn traceback<'py>(&'py self, py: Python<'py>) -> Option<&'py PyTraceback> {
        // SAFETY: the instance is valid; the result is a new reference or null.
        unsafe { py.from_owned_ptr_or_opt(ffi::PyException_GetTraceback(self.value(py).as_ptr())) }
    }

    /// Whether the exception is an instance of `exc` (a type, or a tuple of types), like
    /// `except exc:`.
    pub fn matches<T: ToPyObject>(&self, py: Python<'_>, exc: T) -> bool {
        let exc = exc.to_object(py);
        // SAFETY: both are valid objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(self.get_type(py).as_ptr(), exc.as_ptr()) != 0 }
    }

    /// Whether the exception is an instance of `ty`.
    pub fn is_instance(&self, py: Python<'_>, ty: &PyType) -> bool {
        // SAFETY: both are valid objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(self.get_type(py).as_ptr(), ty.as_ptr()) != 0 }
    }

    /// Whether the exception is an instance of `T`.
    pub fn is_instance_of<T: PyTypeInfo>(&self, py: Python<'_>) -> bool {
        self.is_instance(py, T::type_object(py))
    }

    /// The exception's `__cause__`.
    pub fn cause(&self, py: Python<'_>) -> Option<PyErr> {
        // SAFETY: the instance is valid; the result is a new reference or null.
        let cause = unsafe { ffi::PyException_GetCause(self.value(py).as_ptr()) };
        // SAFETY: `cause` is a new reference or null.
        let cause: &PyAny = unsafe { py.from_owned_ptr_or_opt(cause)? };
        Some(PyErr::from_value(cause))
    }

    /// Sets (or clears) the exception's `__cause__`.
    pub fn set_cause(&self, py: Python<'_>, cause: Option<PyErr>) {
        let value = self.value(py);
        let cause = cause.map(|err| err.into_value(py));
        // SAFETY: SetCause steals the reference to the cause (null clears it).
        unsafe {
            ffi::PyException_SetCause(
                value.as_ptr(),
                cause.map_or(std::ptr::null_mut(), Py::into_ptr),
            )
        };
    }

    /// Prints the error and its traceback to `sys.stderr`.
    pub fn print(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        // SAFETY: an exception is set (just restored).
        unsafe { ffi::PyErr_PrintEx(0) };
    }

    /// Prints the error and sets `sys.last_type`/`last_value`/`last_traceback`.
    pub fn print_and_set_sys_last_vars(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        // SAFETY: an exception is set (just restored).
        unsafe { ffi::PyErr_PrintEx(1) };
    }

    /// Reports the error through `sys.unraisablehook`, for errors that cannot propagate
    /// (destructors, callbacks).
    pub fn write_unraisable(self, py: Python<'_>, obj: Option<&PyAny>) {
        self.restore(py);
        // SAFETY: an exception is set; `obj` is a valid object or null.
        unsafe { ffi::PyErr_WriteUnraisable(obj.map_or(std::ptr::null_mut(), |o| o.as_ptr())) };
    }

    /// Issues a warning (`warnings.warn(message, category, stacklevel)`).
    pub fn warn(py: Python<'_>, category: &PyAny, message: &str, stacklevel: i32) -> PyResult<()> {
        let message = CString::new(message)?;
        // SAFETY: category is a valid object, message a NUL-terminated string.
        let rc = unsafe {
            ffi::PyErr_WarnEx(
                category.as_ptr(),
                message.as_ptr(),
                stacklevel as ffi::Py_ssize_t,
            )
        };
        if rc == -1 {
            Err(PyErr::fetch(py))
        } else {
            Ok(())
        }
    }

    /// Another handle to the same exception (normalizing it first).
    pub fn clone_ref(&self, py: Python<'_>) -> PyErr {
        PyErr::from_state(PyErrState::Normalized(self.normalized(py).clone_ref(py)))
    }

    /// Formats as Python's `traceback.format_exception_only` would: `Type: message`.
    fn write_summary(&self, py: Python<'_>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = self.value(py);
        let type_name = value.get_type().name().map_err(|_| std::fmt::Error)?;
        match value.str() {
            Ok(text) => {
                let text = text.to_string_lossy();
                if text.is_empty() {
                    write!(f, "{type_name}")
                } else {
                    write!(f, "{type_name}: {text}")
                }
            }
            Err(_) => write!(f, "{type_name}: <exception str() failed>"),
        }
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Python::with_gil(|py| {
            let value = self.value(py);
            f.debug_struct("PyErr")
                .field("type", &value.get_type())
                .field("value", &value)
                .field(
                    "traceback",
                    &self.traceback(py).map(|tb| tb.format().unwrap_or_default()),
                )
                .finish()
        })
    }
}

impl std::fmt::Display for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Python::with_gil(|py| self.write_summary(py, f))
    }
}

impl std::error::Error for PyErr {}

impl IntoPy<PyObject> for PyErr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.into_value(py).into_any()
    }
}

impl ToPyObject for PyErr {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.normalized(py).clone_ref(py).into_any()
    }
}

impl IntoPy<PyObject> for &PyErr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
}

/// The error of a failed `downcast`: the object and the name of the wanted type.
#[derive(Debug)]
pub struct PyDowncastError<'a> {
    from: &'a PyAny,
    to: std::borrow::Cow<'static, str>,
}

impl<'a> PyDowncastError<'a> {
    /// A downcast error for `from` not being a `to`.
    pub fn new(from: &'a PyAny, to: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        PyDowncastError {
            from,
            to: to.into(),
        }
    }
}

impl std::fmt::Display for PyDowncastError<'_> {
    /// `'int' object cannot be converted to 'PyString'`, PyO3's wording.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let from = self.from.get_type().name().map_err(|_| std::fmt::Error)?;
        write!(f, "'{}' object cannot be converted to '{}'", from, self.to)
    }
}

impl std::error::Error for PyDowncastError<'_> {}

impl<'a> From<PyDowncastError<'a>> for PyErr {
    fn from(err: PyDowncastError<'a>) -> PyErr {
        let from: Py<PyType> = err.from.get_type().into();
        let to = err.to;
        PyErr::from_state(PyErrState::Lazy(Box::new(move |py| {
            let from_name = from
                .as_ref(py)
                .name()
                .map(str::to_owned)
                .unwrap_or_else(|_| String::from("<unknown>"));
            LazyOutput {
                ptype: PyTypeError::type_object(py).into(),
                pvalue: format!("'{from_name}' object cannot be converted to '{to}'").into_py(py),
            }
        })))
    }
}

/// Panics with the pending Python error after a C-API call unexpectedly returned null.
#[cold]
#[track_caller]
pub(crate) fn panic_after_error(py: Python<'_>) -> ! {
    if let Some(err) = PyErr::take(py) {
        err.print(py);
    }
    panic!("Python API call failed");
}

/// Converts a `-1` C-API status into a `PyResult`.
#[inline]
pub(crate) fn error_on_minus_one(py: Python<'_>, status: std::os::raw::c_int) -> PyResult<()> {
    if status == -1 {
        Err(PyErr::fetch(py))
    } else {
        Ok(())
    }
}

impl PyErr {
    /// Builds a lazy error whose type and constructor arguments come from `f`.
    pub(crate) fn lazy_from_fn<F>(f: F) -> PyErr
    where
        F: for<'py> FnOnce(Python<'py>) -> (PyObject, PyObject) + Send + Sync + 'static,
    {
        PyErr::from_state(PyErrState::Lazy(Box::new(move |py| {
            let (ptype, pvalue) = f(py);
            LazyOutput { ptype, pvalue }
        })))
    }
}
