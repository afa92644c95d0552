//! `PyErr`, the Rust side of a Python exception, and `PyResult`.

mod downcast;
mod impls;
mod state;

use std::ffi::CString;
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;

use crate::conversion::{IntoPy, ToPyObject};
use crate::exceptions::{self, PyBaseException, PyTypeError};
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyTraceback, PyType};

pub use downcast::PyDowncastError;
pub(crate) use impls::utf8_error_span;
pub(crate) use state::SavedErrorIndicator;
use state::{LazyFn, LazyOutput, LazyState};

/// The result type of everything that can raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;

/// A Python exception, held on the Rust side.
///
/// Building one needs no GIL: `PyValueError::new_err("bad")` only stores the type and
/// arguments, and the exception object is created when the error is raised in Python
/// ([`PyErr::restore`]) or inspected ([`PyErr::value`], [`PyErr::get_type`], ...). So `?`
/// works on any `E: Into<PyErr>` anywhere.
///
/// A `PyErr` is one pointer wide, so `PyResult<T>` stays small on the success path.
pub struct PyErr {
    inner: Box<Inner>,
}

/// The state behind a `PyErr`. Normalization may run Python code (the exception's
/// constructor), during which the GIL can pass to another thread that shares this error,
/// and on free-threaded builds threads run truly in parallel. So the lazy state is handed
/// over under a mutex to exactly one normalizing thread, and the instance is published
/// through a once-cell that is read without locking afterwards.
struct Inner {
    value: OnceLock<Py<PyBaseException>>,
    lazy: Mutex<Lazy>,
}

enum Lazy {
    /// Not normalized yet.
    Pending(LazyState),
    /// A thread is running the lazy constructor.
    InProgress(ThreadId),
    /// Normalized (or the normalizing thread panicked).
    Done,
}

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
    /// A lazy error of exception type `T`, created as `T(args)` (or `T(*args)` for a tuple)
    /// when it is raised or inspected. A `T` that is not an exception class gives a
    /// `TypeError` at that point instead.
    ///
    /// ```rust
    /// use pyo3::exceptions::PyTypeError;
    /// use pyo3::prelude::*;
    ///
    /// fn check(ok: bool) -> PyResult<()> {
    ///     if ok { Ok(()) } else { Err(PyErr::new::<PyTypeError, _>("not ok")) }
    /// }
    /// Python::with_gil(|py| {
    ///     let err = check(false).unwrap_err();
    ///     assert!(err.is_instance_of::<PyTypeError>(py));
    ///     assert_eq!(err.to_string(), "TypeError: not ok");
    /// });
    /// ```
    #[inline]
    pub fn new<T, A>(args: A) -> PyErr
    where
        T: PyTypeInfo,
        A: PyErrArguments + Send + Sync + 'static,
    {
        if let Some(&msg) = (&args as &dyn std::any::Any).downcast_ref::<&'static str>() {
            return PyErr::from_state(LazyState::Message {
                ptype: T::type_object_raw,
                msg,
            });
        }
        PyErr::lazy(Box::new(move |py| LazyOutput {
            ptype: T::type_object(py).into(),
            pvalue: args.arguments(py),
        }))
    }

    /// A lazy error of the exception type `ty`, created as `ty(args)` when needed. A `ty`
    /// that is not an exception class gives a `TypeError` instead, as Python's `raise`
    /// does.
    pub fn from_type<A>(ty: &PyType, args: A) -> PyErr
    where
        A: PyErrArguments + Send + Sync + 'static,
    {
        let ptype: PyObject = ty.into();
        PyErr::lazy(Box::new(move |py| LazyOutput {
            ptype,
            pvalue: args.arguments(py),
        }))
    }

    /// An error from an exception instance, or from an exception class (instantiated with
    /// no arguments). Anything else gives `TypeError: exceptions must derive from
    /// BaseException`.
    pub fn from_value(obj: &PyAny) -> PyErr {
        let py = obj.py();
        // SAFETY: `obj` is a valid object.
        if unsafe { ffi::PyExceptionInstance_Check(obj.as_ptr()) } != 0 {
            // SAFETY: checked to be an exception instance; we take a new reference.
            return PyErr::normalized(unsafe { Py::from_borrowed_ptr(py, obj.as_ptr()) });
        }
        // A class, or something that `restore` will reject with the right TypeError.
        let ptype: PyObject = obj.into();
        PyErr::lazy(Box::new(move |py| LazyOutput {
            ptype,
            pvalue: py.None(),
        }))
    }

    fn lazy(lazy: Box<LazyFn>) -> PyErr {
        PyErr::from_state(LazyState::Boxed(lazy))
    }

    fn from_state(state: LazyState) -> PyErr {
        PyErr {
            inner: Box::new(Inner {
                value: OnceLock::new(),
                lazy: Mutex::new(Lazy::Pending(state)),
            }),
        }
    }

    fn normalized(value: Py<PyBaseException>) -> PyErr {
        PyErr {
            inner: Box::new(Inner {
                value: OnceLock::from(value),
                lazy: Mutex::new(Lazy::Done),
            }),
        }
    }

    /// Builds a lazy error whose type and constructor arguments come from `f`.
    pub(crate) fn lazy_from_fn<F>(f: F) -> PyErr
    where
        F: for<'py> FnOnce(Python<'py>) -> (PyObject, PyObject) + Send + Sync + 'static,
    {
        PyErr::lazy(Box::new(move |py| {
            let (ptype, pvalue) = f(py);
            LazyOutput { ptype, pvalue }
        }))
    }

    /// Whether an exception is currently set in the interpreter.
    #[inline]
    pub fn occurred(_py: Python<'_>) -> bool {
        // SAFETY: the GIL is held.
        unsafe { !ffi::PyErr_Occurred().is_null() }
    }

    /// Takes the current exception out of the interpreter, if one is set.
    ///
    /// A `PanicException` (a Rust panic that went through Python code) resumes unwinding
    /// instead, after printing the Python traceback, so the panic comes back out as one.
    pub fn take(py: Python<'_>) -> Option<PyErr> {
        let value = state::fetch_normalized(py)?;
        // SAFETY: the instance is alive; comparing type pointers.
        let ty = unsafe { ffi::Py_TYPE(value.as_ptr()) };
        if ty == exceptions::PanicException::type_object_raw(py) {
            resume_panic(py, value);
        }
        Some(PyErr::normalized(value))
    }

    /// Takes the current exception; if none is set, a `SystemError` saying so.
    ///
    /// For after a C-API call signalled failure, when an exception must be set.
    #[inline]
    pub fn fetch(py: Python<'_>) -> PyErr {
        PyErr::take(py).unwrap_or_else(|| {
            exceptions::PySystemError::new_err("attempted to fetch exception but none was set")
        })
    }

    /// Creates a new exception class at runtime, as `PyErr_NewExceptionWithDoc` does.
    ///
    /// `name` must be `"module.ClassName"`; `base` defaults to `Exception`, `dict` holds
    /// extra class attributes. A name without a dot gives `SystemError`.
    ///
    /// # Panics
    /// If `name` or `doc` contains a NUL byte.
    pub fn new_type(
        py: Python<'_>,
        name: &str,
        doc: Option<&str>,
        base: Option<&PyType>,
        dict: Option<PyObject>,
    ) -> PyResult<Py<PyType>> {
        let name = CString::new(name).expect("exception name contains a NUL byte");
        let doc = doc.map(|d| CString::new(d).expect("exception docstring contains a NUL byte"));
        // SAFETY: the strings are NUL-terminated, `base` and `dict` valid objects or null;
        // the result is a new reference or null with an error set.
        unsafe {
            Py::from_owned_ptr_or_err(
                py,
                ffi::PyErr_NewExceptionWithDoc(
                    name.as_ptr(),
                    doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
                    base.map_or(std::ptr::null_mut(), |b| b.as_ptr()),
                    dict.as_ref().map_or(std::ptr::null_mut(), |d| d.as_ptr()),
                ),
            )
        }
    }

    /// Sets this error as the interpreter's current exception (Python's `raise`).
    #[inline]
    pub fn restore(self, py: Python<'_>) {
        let Inner { value, lazy } = *self.inner;
        if let Some(value) = value.into_inner() {
            state::restore_normalized(py, value);
        } else if let Lazy::Pending(lazy) = lazy.into_inner().unwrap_or_else(|e| e.into_inner()) {
            state::restore_lazy(py, lazy);
        }
    }

    /// The exception instance, creating it first if the error is still lazy.
    fn normalized_value(&self, py: Python<'_>) -> &Py<PyBaseException> {
        match self.inner.value.get() {
            Some(value) => value,
            None => self.normalize(py),
        }
    }

    #[cold]
    fn normalize(&self, py: Python<'_>) -> &Py<PyBaseException> {
        let me = std::thread::current().id();
        let taken = {
            let mut lazy = self.inner.lazy.lock().unwrap_or_else(|e| e.into_inner());
            match std::mem::replace(&mut *lazy, Lazy::InProgress(me)) {
                Lazy::Pending(f) => Some(f),
                other => {
                    if let Lazy::InProgress(owner) = other {
                        assert!(owner != me, "PyErr normalized re-entrantly");
                    }
                    *lazy = other;
                    None
                }
            }
        };
        match taken {
            Some(f) => {
                /// Marks the state done even if the constructor panics, so that threads
                /// waiting for the value stop waiting.
                struct Finish<'a>(&'a Mutex<Lazy>);
                impl Drop for Finish<'_> {
                    fn drop(&mut self) {
                        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Lazy::Done;
                    }
                }
                let _finish = Finish(&self.inner.lazy);
                let value = state::normalize_lazy(py, f);
                // Only this thread took the lazy state, so only this thread sets the value.
                let _ = self.inner.value.set(value);
            }
            None => {
                // Another thread is running the constructor; wait for it without the GIL,
                // which it may need.
                let inner: &Inner = &self.inner;
                py.allow_threads(|| {
                    while inner.value.get().is_none() {
                        let lazy = inner.lazy.lock().unwrap_or_else(|e| e.into_inner());
                        if matches!(*lazy, Lazy::Done) {
                            break;
                        }
                        drop(lazy);
                        std::thread::yield_now();
                    }
                });
            }
        }
        self.inner
            .value
            .get()
            .expect("the thread normalizing this PyErr panicked")
    }

    /// The exception instance.
    pub fn value<'py>(&'py self, py: Python<'py>) -> &'py PyBaseException {
        self.normalized_value(py).as_ref(py)
    }

    /// The exception instance as an owned reference (its traceback attached).
    pub fn into_value(self, py: Python<'_>) -> Py<PyBaseException> {
        self.normalized_value(py).clone_ref(py)
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

    /// Whether the exception matches `exc` (a type, or a tuple of types), like `except exc:`.
    pub fn matches<T: ToPyObject>(&self, py: Python<'_>, exc: T) -> bool {
        let exc = exc.to_object(py);
        // SAFETY: both are valid objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(self.get_type(py).as_ptr(), exc.as_ptr()) != 0 }
    }

    /// Whether the exception is an instance of `ty` (an exception class, or a tuple of
    /// them).
    pub fn is_instance(&self, py: Python<'_>, ty: &PyAny) -> bool {
        // SAFETY: both are valid objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(self.get_type(py).as_ptr(), ty.as_ptr()) != 0 }
    }

    /// Whether the exception is an instance of `T`.
    pub fn is_instance_of<T: PyTypeInfo>(&self, py: Python<'_>) -> bool {
        self.is_instance(py, T::type_object(py))
    }

    /// The exception's `__cause__` (set by `raise ... from cause`).
    pub fn cause(&self, py: Python<'_>) -> Option<PyErr> {
        // SAFETY: the instance is valid; the result is a new reference or null.
        let cause = unsafe { ffi::PyException_GetCause(self.value(py).as_ptr()) };
        // SAFETY: `cause` is a new reference or null.
        let cause: &PyAny = unsafe { py.from_owned_ptr_or_opt(cause)? };
        Some(PyErr::from_value(cause))
    }

    /// Sets (or, with `None`, clears) the exception's `__cause__`.
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

    /// Prints the error and its traceback to `sys.stderr`, through `sys.excepthook`.
    pub fn print(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        // SAFETY: an exception is set (just restored).
        unsafe { ffi::PyErr_PrintEx(0) };
    }

    /// As [`PyErr::print`], and also sets `sys.last_type`, `sys.last_value` and
    /// `sys.last_traceback` (and `sys.last_exc` on 3.12+) to this error.
    pub fn print_and_set_sys_last_vars(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        // SAFETY: an exception is set (just restored).
        unsafe { ffi::PyErr_PrintEx(1) };
    }

    /// Prints the error and its traceback to `sys.stderr` directly, without
    /// `sys.excepthook`.
    pub fn display(&self, py: Python<'_>) {
        let value = self.value(py);
        #[cfg(Py_3_12)]
        // SAFETY: the GIL is held and `value` is an exception instance.
        unsafe {
            ffi::PyErr_DisplayException(value.as_ptr())
        };
        #[cfg(not(Py_3_12))]
        {
            let traceback = self.traceback(py);
            // SAFETY: the GIL is held; type, value and traceback (or null) are valid and
            // stay alive for the call (`traceback` is pooled).
            unsafe {
                ffi::PyErr_Display(
                    value.get_type().as_ptr(),
                    value.as_ptr(),
                    traceback.map_or(std::ptr::null_mut(), |tb| tb.as_ptr()),
                )
            };
        }
    }

    /// Reports the error through `sys.unraisablehook`, for errors that cannot propagate
    /// (destructors, callbacks); `obj` names the context.
    pub fn write_unraisable(self, py: Python<'_>, obj: Option<&PyAny>) {
        self.restore(py);
        // SAFETY: an exception is set; `obj` is a valid object or null.
        unsafe { ffi::PyErr_WriteUnraisable(obj.map_or(std::ptr::null_mut(), |o| o.as_ptr())) };
    }

    /// Issues a warning, like `warnings.warn(message, category, stacklevel)`. Returns the
    /// error if the warning filters turn it into one.
    ///
    /// ```rust
    /// use pyo3::exceptions::PyUserWarning;
    /// use pyo3::prelude::*;
    ///
    /// Python::with_gil(|py| {
    ///     let category = py.get_type::<PyUserWarning>();
    ///     PyErr::warn(py, category, "careful", 0).unwrap();
    /// });
    /// ```
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
        error_on_minus_one(py, rc)
    }

    /// Issues a warning with an explicit location, like `warnings.warn_explicit`.
    pub fn warn_explicit(
        py: Python<'_>,
        category: &PyAny,
        message: &str,
        filename: &str,
        lineno: i32,
        module: Option<&str>,
        registry: Option<&PyAny>,
    ) -> PyResult<()> {
        let message = CString::new(message)?;
        let filename = CString::new(filename)?;
        let module = module.map(CString::new).transpose()?;
        // SAFETY: the strings are NUL-terminated; category and registry are valid objects
        // (or null for the registry).
        let rc = unsafe {
            ffi::PyErr_WarnExplicit(
                category.as_ptr(),
                message.as_ptr(),
                filename.as_ptr(),
                lineno,
                module.as_ref().map_or(std::ptr::null(), |m| m.as_ptr()),
                registry.map_or(std::ptr::null_mut(), |r| r.as_ptr()),
            )
        };
        error_on_minus_one(py, rc)
    }

    /// Another handle to the same exception (normalizing it first).
    pub fn clone_ref(&self, py: Python<'_>) -> PyErr {
        PyErr::normalized(self.normalized_value(py).clone_ref(py))
    }
}

/// Prints a fetched `PanicException` and resumes the panic it stands for.
#[cold]
fn resume_panic(py: Python<'_>, value: Py<PyBaseException>) -> ! {
    let message = value
        .as_ref(py)
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|_| String::from("Unwrapped panic from Python code"));
    eprintln!("--- PyO3 is resuming a panic after fetching a PanicException from Python. ---");
    eprintln!("Python stack trace below:");
    state::restore_normalized(py, value);
    // SAFETY: an exception is set (just restored); printing clears it.
    unsafe { ffi::PyErr_PrintEx(0) };
    std::panic::resume_unwind(Box::new(message))
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Python::with_gil(|py| {
            f.debug_struct("PyErr")
                .field("type", self.get_type(py))
                .field("value", self.value(py))
                .field("traceback", &self.traceback(py))
                .finish()
        })
    }
}

impl std::fmt::Display for PyErr {
    /// `TypeName: message`, as PyO3 prints it (`TypeName: ` when the message is empty).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Python::with_gil(|py| {
            let value = self.value(py);
            let type_name = value.get_type().name().map_err(|_| std::fmt::Error)?;
            write!(f, "{type_name}")?;
            match value.str() {
                Ok(text) => write!(f, ": {}", text.to_string_lossy()),
                Err(_) => write!(f, ": <exception str() failed>"),
            }
        })
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
        self.normalized_value(py).clone_ref(py).into_any()
    }
}

impl IntoPy<PyObject> for &PyErr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
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

/// The `TypeError` for a value of the wrong type, lazily named (`'int' object cannot be
/// converted to 'PyString'`).
pub(crate) fn type_error_for(from: &PyAny, to: std::borrow::Cow<'static, str>) -> PyErr {
    let from: Py<PyType> = from.get_type().into();
    PyErr::lazy_from_fn(move |py| {
        let from_name = from
            .as_ref(py)
            .name()
            .map(str::to_owned)
            .unwrap_or_else(|_| String::from("<unknown>"));
        let message = format!("'{from_name}' object cannot be converted to '{to}'");
        (PyTypeError::type_object(py).into(), message.into_py(py))
    })
}
