//! Python's built-in exception types as Rust types (`PyValueError`, ...), plus
//! `create_exception!`, `import_exception!` and `PanicException`.
//!
//! Each type builds a lazy [`PyErr`] with `new_err(args)`:
//! `return Err(PyValueError::new_err("bad value"))`.

use std::ffi::{CStr, CString};
use std::ops::Range;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

/// Declares an exception type whose type object is a C-API global.
macro_rules! native_exception {
    ($(#[$doc:meta])* $name:ident, $ffi:ident, $pyname:literal $(, cfg($($cfg:tt)*))?) => {
        $(#[$doc])*
        $(#[cfg($($cfg)*)])?
        #[repr(transparent)]
        pub struct $name(PyAny);

        $(#[cfg($($cfg)*)])?
        $crate::__exception_type_impls!(
            $name,
            |_py| {
                // SAFETY: the exception globals are set when the interpreter starts
                // and never change afterwards.
                unsafe { ffi::$ffi as *mut ffi::PyTypeObject }
            },
            $pyname,
            "builtins"
        );
    };
}

/// Declares an exception type that is a builtin but not a C-API global (`ExceptionGroup`
/// is created at interpreter start-up and only reachable through `builtins`).
macro_rules! builtin_exception {
    ($(#[$doc:meta])* $name:ident, $pyname:literal, cfg($($cfg:tt)*)) => {
        $(#[$doc])*
        #[cfg($($cfg)*)]
        #[repr(transparent)]
        pub struct $name(PyAny);

        #[cfg($($cfg)*)]
        $crate::__exception_type_impls!(
            $name,
            |py| $crate::__cached_type_object!(
                py,
                $crate::impl_::import_exception_type(py, "builtins", $pyname)
            ),
            $pyname,
            "builtins"
        );
    };
}

/// What every exception type declared here or by `create_exception!`/`import_exception!`
/// implements: the native-type traits, the link to its type object (`$typeobject`, with
/// the token bound to `$py`), and `new_err`/`From<&T> for PyErr`/`Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! __exception_type_impls {
    ($name:ident, |$py:ident| $typeobject:expr, $pyname:expr, $module:expr) => {
        const _: () = {
            $crate::pyobject_native_type_base!($name);
            $crate::pyobject_native_type_info!(
                $name,
                |$py| $typeobject,
                $pyname,
                ::std::option::Option::Some($module)
            );
            $crate::impl_exception_boilerplate!($name);
        };
    };
}

/// The type object that `$init` (a `Py<PyType>`) makes on first use, kept in a static for
/// the life of the process, as a raw pointer.
#[doc(hidden)]
#[macro_export]
macro_rules! __cached_type_object {
    ($py:ident, $init:expr) => {{
        static TYPE_OBJECT: $crate::sync::GILOnceCell<$crate::Py<$crate::types::PyType>> =
            $crate::sync::GILOnceCell::new();
        TYPE_OBJECT.get_or_init($py, || $init).as_ptr() as *mut $crate::ffi::PyTypeObject
    }};
}

/// The methods every exception type shares: `new_err`, `From<&T> for PyErr`.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_exception_boilerplate {
    ($name:ty) => {
        impl $name {
            /// A lazy error of this exception type, built from `args` (a message, a tuple of
            /// arguments, or `()`).
            #[inline]
            pub fn new_err<A>(args: A) -> $crate::PyErr
            where
                A: $crate::PyErrArguments + ::std::marker::Send + ::std::marker::Sync + 'static,
            {
                $crate::PyErr::new::<$name, A>(args)
            }
        }

        impl<'a> ::std::convert::From<&'a $name> for $crate::PyErr {
            #[inline]
            fn from(err: &'a $name) -> $crate::PyErr {
                $crate::PyErr::from_value(err.as_ref())
            }
        }

        impl ::std::error::Error for $name {}
    };
}

native_exception!(
    /// `BaseException`, the root of all exceptions.
    PyBaseException, PyExc_BaseException, "BaseException");
native_exception!(
    /// `BaseExceptionGroup` (Python 3.11+).
    PyBaseExceptionGroup, PyExc_BaseExceptionGroup, "BaseExceptionGroup", cfg(Py_3_11));
builtin_exception!(
    /// `ExceptionGroup` (Python 3.11+), which `except*` unpacks.
    PyExceptionGroup, "ExceptionGroup", cfg(Py_3_11));
native_exception!(
    /// `Exception`, the base of all non-exit exceptions.
    PyException, PyExc_Exception, "Exception");
native_exception!(
    /// `StopAsyncIteration`.
    PyStopAsyncIteration, PyExc_StopAsyncIteration, "StopAsyncIteration");
native_exception!(
    /// `StopIteration`.
    PyStopIteration, PyExc_StopIteration, "StopIteration");
native_exception!(
    /// `GeneratorExit`.
    PyGeneratorExit, PyExc_GeneratorExit, "GeneratorExit");
native_exception!(
    /// `ArithmeticError`.
    PyArithmeticError, PyExc_ArithmeticError, "ArithmeticError");
native_exception!(
    /// `LookupError`.
    PyLookupError, PyExc_LookupError, "LookupError");
native_exception!(
    /// `AssertionError`.
    PyAssertionError, PyExc_AssertionError, "AssertionError");
native_exception!(
    /// `AttributeError`.
    PyAttributeError, PyExc_AttributeError, "AttributeError");
native_exception!(
    /// `BufferError`.
    PyBufferError, PyExc_BufferError, "BufferError");
native_exception!(
    /// `EOFError`.
    PyEOFError, PyExc_EOFError, "EOFError");
native_exception!(
    /// `FloatingPointError`.
    PyFloatingPointError, PyExc_FloatingPointError, "FloatingPointError");
native_exception!(
    /// `OSError` (also `IOError` and `EnvironmentError`).
    PyOSError, PyExc_OSError, "OSError");
native_exception!(
    /// `ImportError`.
    PyImportError, PyExc_ImportError, "ImportError");
native_exception!(
    /// `ModuleNotFoundError`.
    PyModuleNotFoundError, PyExc_ModuleNotFoundError, "ModuleNotFoundError");
native_exception!(
    /// `IndexError`.
    PyIndexError, PyExc_IndexError, "IndexError");
native_exception!(
    /// `KeyError`.
    PyKeyError, PyExc_KeyError, "KeyError");
native_exception!(
    /// `KeyboardInterrupt`.
    PyKeyboardInterrupt, PyExc_KeyboardInterrupt, "KeyboardInterrupt");
native_exception!(
    /// `MemoryError`.
    PyMemoryError, PyExc_MemoryError, "MemoryError");
native_exception!(
    /// `NameError`.
    PyNameError, PyExc_NameError, "NameError");
native_exception!(
    /// `OverflowError`.
    PyOverflowError, PyExc_OverflowError, "OverflowError");
native_exception!(
    /// `RuntimeError`.
    PyRuntimeError, PyExc_RuntimeError, "RuntimeError");
builtin_exception!(
    /// `PythonFinalizationError` (Python 3.13+): an operation is blocked during shutdown.
    PyPythonFinalizationError, "PythonFinalizationError", cfg(Py_3_13));
native_exception!(
    /// `RecursionError`.
    PyRecursionError, PyExc_RecursionError, "RecursionError");
native_exception!(
    /// `NotImplementedError`.
    PyNotImplementedError, PyExc_NotImplementedError, "NotImplementedError");
native_exception!(
    /// `SyntaxError`.
    PySyntaxError, PyExc_SyntaxError, "SyntaxError");
native_exception!(
    /// `IndentationError`.
    PyIndentationError, PyExc_IndentationError, "IndentationError");
native_exception!(
    /// `TabError`.
    PyTabError, PyExc_TabError, "TabError");
native_exception!(
    /// `ReferenceError`.
    PyReferenceError, PyExc_ReferenceError, "ReferenceError");
native_exception!(
    /// `SystemError`.
    PySystemError, PyExc_SystemError, "SystemError");
native_exception!(
    /// `SystemExit`.
    PySystemExit, PyExc_SystemExit, "SystemExit");
native_exception!(
    /// `TypeError`.
    PyTypeError, PyExc_TypeError, "TypeError");
native_exception!(
    /// `UnboundLocalError`.
    PyUnboundLocalError, PyExc_UnboundLocalError, "UnboundLocalError");
native_exception!(
    /// `UnicodeError`.
    PyUnicodeError, PyExc_UnicodeError, "UnicodeError");
native_exception!(
    /// `UnicodeEncodeError`.
    PyUnicodeEncodeError, PyExc_UnicodeEncodeError, "UnicodeEncodeError");
native_exception!(
    /// `UnicodeDecodeError`.
    PyUnicodeDecodeError, PyExc_UnicodeDecodeError, "UnicodeDecodeError");
native_exception!(
    /// `UnicodeTranslateError`.
    PyUnicodeTranslateError, PyExc_UnicodeTranslateError, "UnicodeTranslateError");
native_exception!(
    /// `ValueError`.
    PyValueError, PyExc_ValueError, "ValueError");
native_exception!(
    /// `ZeroDivisionError`.
    PyZeroDivisionError, PyExc_ZeroDivisionError, "ZeroDivisionError");
native_exception!(
    /// `BlockingIOError`.
    PyBlockingIOError, PyExc_BlockingIOError, "BlockingIOError");
native_exception!(
    /// `BrokenPipeError`.
    PyBrokenPipeError, PyExc_BrokenPipeError, "BrokenPipeError");
native_exception!(
    /// `ChildProcessError`.
    PyChildProcessError, PyExc_ChildProcessError, "ChildProcessError");
native_exception!(
    /// `ConnectionError`.
    PyConnectionError, PyExc_ConnectionError, "ConnectionError");
native_exception!(
    /// `ConnectionAbortedError`.
    PyConnectionAbortedError, PyExc_ConnectionAbortedError, "ConnectionAbortedError");
native_exception!(
    /// `ConnectionRefusedError`.
    PyConnectionRefusedError, PyExc_ConnectionRefusedError, "ConnectionRefusedError");
native_exception!(
    /// `ConnectionResetError`.
    PyConnectionResetError, PyExc_ConnectionResetError, "ConnectionResetError");
native_exception!(
    /// `FileExistsError`.
    PyFileExistsError, PyExc_FileExistsError, "FileExistsError");
native_exception!(
    /// `FileNotFoundError`.
    PyFileNotFoundError, PyExc_FileNotFoundError, "FileNotFoundError");
native_exception!(
    /// `InterruptedError`.
    PyInterruptedError, PyExc_InterruptedError, "InterruptedError");
native_exception!(
    /// `IsADirectoryError`.
    PyIsADirectoryError, PyExc_IsADirectoryError, "IsADirectoryError");
native_exception!(
    /// `NotADirectoryError`.
    PyNotADirectoryError, PyExc_NotADirectoryError, "NotADirectoryError");
native_exception!(
    /// `PermissionError`.
    PyPermissionError, PyExc_PermissionError, "PermissionError");
native_exception!(
    /// `ProcessLookupError`.
    PyProcessLookupError, PyExc_ProcessLookupError, "ProcessLookupError");
native_exception!(
    /// `TimeoutError`.
    PyTimeoutError, PyExc_TimeoutError, "TimeoutError");
native_exception!(
    /// `Warning`, the base of all warning categories.
    PyWarning, PyExc_Warning, "Warning");
native_exception!(
    /// `UserWarning`.
    PyUserWarning, PyExc_UserWarning, "UserWarning");
native_exception!(
    /// `DeprecationWarning`.
    PyDeprecationWarning, PyExc_DeprecationWarning, "DeprecationWarning");
native_exception!(
    /// `PendingDeprecationWarning`.
    PyPendingDeprecationWarning, PyExc_PendingDeprecationWarning, "PendingDeprecationWarning");
native_exception!(
    /// `SyntaxWarning`.
    PySyntaxWarning, PyExc_SyntaxWarning, "SyntaxWarning");
native_exception!(
    /// `RuntimeWarning`.
    PyRuntimeWarning, PyExc_RuntimeWarning, "RuntimeWarning");
native_exception!(
    /// `FutureWarning`.
    PyFutureWarning, PyExc_FutureWarning, "FutureWarning");
native_exception!(
    /// `ImportWarning`.
    PyImportWarning, PyExc_ImportWarning, "ImportWarning");
native_exception!(
    /// `UnicodeWarning`.
    PyUnicodeWarning, PyExc_UnicodeWarning, "UnicodeWarning");
native_exception!(
    /// `BytesWarning`.
    PyBytesWarning, PyExc_BytesWarning, "BytesWarning");
native_exception!(
    /// `ResourceWarning`.
    PyResourceWarning, PyExc_ResourceWarning, "ResourceWarning");
native_exception!(
    /// `EncodingWarning` (Python 3.10+).
    PyEncodingWarning, PyExc_EncodingWarning, "EncodingWarning", cfg(Py_3_10));

/// `IOError`, an alias of `OSError` in Python 3.
pub type PyIOError = PyOSError;
/// `EnvironmentError`, an alias of `OSError` in Python 3.
pub type PyEnvironmentError = PyOSError;

impl PyBaseException {
    /// The exception's `args` tuple.
    pub fn args(&self) -> crate::PyResult<&crate::types::PyTuple> {
        self.getattr(crate::intern!(self.py(), "args"))?
            .downcast()
            .map_err(Into::into)
    }
}

impl PyUnicodeDecodeError {
    /// A `UnicodeDecodeError(encoding, input, range.start, range.end, reason)` instance.
    pub fn new<'py>(
        py: Python<'py>,
        encoding: &CStr,
        input: &[u8],
        range: Range<usize>,
        reason: &CStr,
    ) -> PyResult<&'py PyUnicodeDecodeError> {
        let args = (
            encoding.to_string_lossy(),
            crate::types::PyBytes::new(py, input),
            range.start,
            range.end,
            reason.to_string_lossy(),
        );
        let instance = PyUnicodeDecodeError::type_object(py).call1(args)?;
        // SAFETY: calling the class made an instance of it.
        Ok(unsafe { instance.downcast_unchecked() })
    }

    /// The `UnicodeDecodeError` Python's UTF-8 decoder raises for `input`, where `err` is
    /// the result of `std::str::from_utf8(input)`: same position, end and reason.
    ///
    /// ```rust
    /// use pyo3::exceptions::PyUnicodeDecodeError;
    /// use pyo3::prelude::*;
    ///
    /// Python::with_gil(|py| {
    ///     let input = b"ok\xff";
    ///     let err = std::str::from_utf8(input).unwrap_err();
    ///     let exc = PyUnicodeDecodeError::new_utf8(py, input, err).unwrap();
    ///     assert_eq!(
    ///         exc.to_string(),
    ///         "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
    ///     );
    /// });
    /// ```
    pub fn new_utf8<'py>(
        py: Python<'py>,
        input: &[u8],
        err: std::str::Utf8Error,
    ) -> PyResult<&'py PyUnicodeDecodeError> {
        let (start, end, reason) = crate::err::utf8_error_span(input, err);
        let reason = CString::new(reason).expect("reasons have no NUL");
        PyUnicodeDecodeError::new(py, c"utf-8", input, start..end, &reason)
    }
}

/// Declares a new exception type, created in Python on first use:
/// `create_exception!(mymodule, MyError, PyException, "Raised when ...");`
///
/// The type's `__module__` is the first argument, and the type can be added to a module
/// with `m.add("MyError", py.get_type::<MyError>())`.
#[macro_export]
macro_rules! create_exception {
    ($module:expr, $name:ident, $base:ty) => {
        $crate::create_exception!($module, $name, $base, "");
    };
    ($module:expr, $name:ident, $base:ty, $doc:expr) => {
        #[doc = $doc]
        #[repr(transparent)]
        #[allow(non_camel_case_types)]
        pub struct $name($crate::types::PyAny);

        $crate::__exception_type_impls!(
            $name,
            |py| $crate::__cached_type_object!(
                py,
                $crate::impl_::new_exception_type(
                    py,
                    ::std::concat!(::std::stringify!($module), ".", ::std::stringify!($name)),
                    $doc,
                    <$base as $crate::PyTypeInfo>::type_object(py),
                )
            ),
            ::std::stringify!($name),
            ::std::stringify!($module)
        );
    };
}

/// Declares a Rust type for an exception defined in a Python module, imported on first
/// use: `import_exception!(socket, timeout);`.
#[macro_export]
macro_rules! import_exception {
    ($($module:ident).+, $name:ident) => {
        #[repr(transparent)]
        #[allow(non_camel_case_types)]
        #[doc = ::std::concat!("The `", ::std::stringify!($name), "` exception of `", ::std::stringify!($($module).+), "`.")]
        pub struct $name($crate::types::PyAny);

        $crate::__exception_type_impls!(
            $name,
            |py| $crate::__cached_type_object!(
                py,
                $crate::impl_::import_exception_type(
                    py,
                    ::std::stringify!($($module).+),
                    ::std::stringify!($name),
                )
            ),
            ::std::stringify!($name),
            ::std::stringify!($($module).+)
        );
    };
}

create_exception!(
    pyo3_runtime,
    PanicException,
    PyBaseException,
    "A Rust panic that reached Python. It derives from `BaseException`, so `except \
     Exception` does not swallow it."
);

impl PanicException {
    /// The error for a caught panic payload: its message if it was a string.
    pub fn from_panic_payload(payload: Box<dyn std::any::Any + Send + 'static>) -> PyErr {
        if let Some(text) = payload.downcast_ref::<String>() {
            PanicException::new_err((text.clone(),))
        } else if let Some(text) = payload.downcast_ref::<&str>() {
            PanicException::new_err((text.to_string(),))
        } else {
            PanicException::new_err(("panic from Rust code",))
        }
    }
}
