//! `From` conversions of standard Rust errors into the matching Python exceptions, so `?`
//! works on them in functions returning `PyResult`, and `PyErrArguments` for the same
//! errors, so `PyValueError::new_err(parse_error)` works too.

use std::io;

use crate::conversion::IntoPy;
use crate::err::{PyErr, PyErrArguments};
use crate::exceptions::*;
use crate::instance::PyObject;
use crate::python::Python;
use crate::type_object::PyTypeInfo;

/// Maps an `io::Error` by kind (`NotFound` → `FileNotFoundError`, `PermissionDenied` →
/// `PermissionError`, ...; the rest → `OSError`). An OS error keeps its number:
/// `FileNotFoundError(2, 'No such file or directory')`, so `e.errno` works and `str(e)`
/// reads as Python's own. An `io::Error` made from a `PyErr` gives that `PyErr` back.
impl From<io::Error> for PyErr {
    fn from(err: io::Error) -> PyErr {
        if err.get_ref().is_some_and(|inner| inner.is::<PyErr>()) {
            let inner = err.into_inner().expect("checked just above");
            return *inner.downcast::<PyErr>().expect("checked just above");
        }
        macro_rules! to {
            ($exc:ty) => {
                match err.raw_os_error() {
                    Some(errno) => <$exc>::new_err((errno, os_error_description(&err, errno))),
                    None => <$exc>::new_err(err.to_string()),
                }
            };
        }
        match err.kind() {
            io::ErrorKind::NotFound => to!(PyFileNotFoundError),
            io::ErrorKind::PermissionDenied => to!(PyPermissionError),
            io::ErrorKind::ConnectionRefused => to!(PyConnectionRefusedError),
            io::ErrorKind::ConnectionReset => to!(PyConnectionResetError),
            io::ErrorKind::ConnectionAborted => to!(PyConnectionAbortedError),
            io::ErrorKind::BrokenPipe => to!(PyBrokenPipeError),
            io::ErrorKind::AlreadyExists => to!(PyFileExistsError),
            io::ErrorKind::WouldBlock => to!(PyBlockingIOError),
            io::ErrorKind::TimedOut => to!(PyTimeoutError),
            io::ErrorKind::Interrupted => to!(PyInterruptedError),
            io::ErrorKind::IsADirectory => to!(PyIsADirectoryError),
            io::ErrorKind::NotADirectory => to!(PyNotADirectoryError),
            _ => to!(PyOSError),
        }
    }
}

/// The OS's description of an error without Rust's ` (os error N)` suffix, as
/// `strerror` gives it to Python's `OSError`.
fn os_error_description(err: &io::Error, errno: i32) -> String {
    let text = err.to_string();
    let suffix = format!(" (os error {errno})");
    match text.strip_suffix(&suffix) {
        Some(description) => description.to_owned(),
        None => text,
    }
}

/// Turns a Python exception into an `io::Error` whose kind follows the exception type
/// (`FileNotFoundError` → `NotFound`, ...; others `Other`) and which carries the `PyErr`
/// (`get_ref()`, `into_inner()`); its message is `str(err)` as `PyErr` displays it.
impl From<PyErr> for io::Error {
    fn from(err: PyErr) -> io::Error {
        let kind = Python::with_gil(|py| kind_of(py, &err));
        io::Error::new(kind, err)
    }
}

/// The `io::ErrorKind` matching an exception's type.
fn kind_of(py: Python<'_>, err: &PyErr) -> io::ErrorKind {
    macro_rules! kinds {
        ($($exc:ty => $kind:ident),* $(,)?) => {
            $(if err.is_instance_of::<$exc>(py) {
                return io::ErrorKind::$kind;
            })*
        };
    }
    kinds!(
        PyFileNotFoundError => NotFound,
        PyPermissionError => PermissionDenied,
        PyFileExistsError => AlreadyExists,
        PyConnectionRefusedError => ConnectionRefused,
        PyConnectionResetError => ConnectionReset,
        PyConnectionAbortedError => ConnectionAborted,
        PyBrokenPipeError => BrokenPipe,
        PyBlockingIOError => WouldBlock,
        PyTimeoutError => TimedOut,
        PyInterruptedError => Interrupted,
        PyIsADirectoryError => IsADirectory,
        PyNotADirectoryError => NotADirectory,
    );
    io::ErrorKind::Other
}

/// An `io::Error` as exception arguments: its message.
impl PyErrArguments for io::Error {
    fn arguments(self, py: Python<'_>) -> PyObject {
        self.to_string().into_py(py)
    }
}

/// The `io::Error` inside a failed `BufWriter::into_inner` and the like.
impl<W: Send + Sync> From<io::IntoInnerError<W>> for PyErr {
    fn from(err: io::IntoInnerError<W>) -> PyErr {
        err.into_error().into()
    }
}

/// `Infallible` never happens; this lets `?` work on `Result<_, Infallible>`.
impl From<std::convert::Infallible> for PyErr {
    fn from(never: std::convert::Infallible) -> PyErr {
        match never {}
    }
}

/// Implements `From<$err> for PyErr` as `$exc(str(err))`, and `PyErrArguments` as
/// `str(err)`.
macro_rules! impl_to_pyerr {
    ($($err:ty => $exc:ty),* $(,)?) => {$(
        impl From<$err> for PyErr {
            fn from(err: $err) -> PyErr {
                <$exc>::new_err(err)
            }
        }

        impl PyErrArguments for $err {
            fn arguments(self, py: Python<'_>) -> PyObject {
                self.to_string().into_py(py)
            }
        }
    )*};
}

impl_to_pyerr!(
    std::num::ParseIntError => PyValueError,
    std::num::ParseFloatError => PyValueError,
    std::num::TryFromIntError => PyValueError,
    std::str::ParseBoolError => PyValueError,
    std::char::ParseCharError => PyValueError,
    std::char::CharTryFromError => PyValueError,
    std::net::AddrParseError => PyValueError,
    std::ffi::NulError => PyValueError,
    std::ffi::FromBytesWithNulError => PyValueError,
    std::array::TryFromSliceError => PyValueError,
    std::time::SystemTimeError => PyValueError,
);

/// `Utf8Error` → `UnicodeDecodeError`. The error does not carry the bytes, so the
/// exception's `object` is empty; `start`/`end` still give the position.
impl From<std::str::Utf8Error> for PyErr {
    fn from(err: std::str::Utf8Error) -> PyErr {
        let start = err.valid_up_to();
        let (end, reason) = match err.error_len() {
            Some(len) => (start + len, "invalid utf-8"),
            None => (start + 1, "unexpected end of data"),
        };
        unicode_decode_error("utf-8", Vec::new(), start, end, reason)
    }
}

/// `FromUtf8Error` → `UnicodeDecodeError` over the offending bytes, with the position and
/// reason Python's own decoder reports (`'utf-8' codec can't decode byte 0xff in position
/// 3: invalid start byte`).
impl From<std::string::FromUtf8Error> for PyErr {
    fn from(err: std::string::FromUtf8Error) -> PyErr {
        let utf8 = err.utf8_error();
        utf8_decode_error(err.into_bytes(), utf8)
    }
}

/// `IntoStringError` (a `CString` that is not UTF-8) → `UnicodeDecodeError` over its bytes.
impl From<std::ffi::IntoStringError> for PyErr {
    fn from(err: std::ffi::IntoStringError) -> PyErr {
        let utf8 = err.utf8_error();
        utf8_decode_error(err.into_cstring().into_bytes(), utf8)
    }
}

/// `FromUtf16Error` → `UnicodeDecodeError('utf-16', ..., 'illegal UTF-16 surrogate')`.
impl From<std::string::FromUtf16Error> for PyErr {
    fn from(_: std::string::FromUtf16Error) -> PyErr {
        unicode_decode_error("utf-16", Vec::new(), 0, 1, "illegal UTF-16 surrogate")
    }
}

/// `DecodeUtf16Error` → `UnicodeDecodeError('utf-16', ..., 'illegal UTF-16 surrogate')`.
impl From<std::char::DecodeUtf16Error> for PyErr {
    fn from(_: std::char::DecodeUtf16Error) -> PyErr {
        unicode_decode_error("utf-16", Vec::new(), 0, 1, "illegal UTF-16 surrogate")
    }
}

/// Where UTF-8 decoding of `bytes` failed and why, in the words of Python's decoder:
/// `(start, end, reason)`.
pub(crate) fn utf8_error_span(
    bytes: &[u8],
    err: std::str::Utf8Error,
) -> (usize, usize, &'static str) {
    let start = err.valid_up_to();
    match err.error_len() {
        // The input ends inside a sequence: Python reports the rest of the input.
        None => (start, bytes.len(), "unexpected end of data"),
        Some(len) => {
            // A byte that can start a multi-byte sequence was followed by a bad one.
            let lead = bytes.get(start).copied().unwrap_or(0);
            let reason = if (0xC2..=0xF4).contains(&lead) {
                "invalid continuation byte"
            } else {
                "invalid start byte"
            };
            (start, start + len, reason)
        }
    }
}

fn utf8_decode_error(bytes: Vec<u8>, err: std::str::Utf8Error) -> PyErr {
    let (start, end, reason) = utf8_error_span(&bytes, err);
    unicode_decode_error("utf-8", bytes, start, end, reason)
}

/// A lazy `UnicodeDecodeError(encoding, bytes, start, end, reason)`.
fn unicode_decode_error(
    encoding: &'static str,
    bytes: Vec<u8>,
    start: usize,
    end: usize,
    reason: &'static str,
) -> PyErr {
    PyErr::lazy_from_fn(move |py| {
        let object = crate::types::PyBytes::new(py, &bytes);
        let args = (encoding, object, start, end, reason).into_py(py);
        (PyUnicodeDecodeError::type_object(py).into(), args)
    })
}
