//! `From` conversions of standard Rust errors into the matching Python exceptions, so `?`
//! works on them in functions returning `PyResult`.

use std::io;

use crate::err::PyErr;
use crate::exceptions::*;

/// Maps an `io::Error` by kind: `NotFound` → `FileNotFoundError`, `PermissionDenied` →
/// `PermissionError`, and so on; the rest become `OSError`. The OS error number is kept
/// as the first argument when there is one, so `e.errno` works in Python.
impl From<io::Error> for PyErr {
    fn from(err: io::Error) -> PyErr {
        let message = err.to_string();
        macro_rules! to {
            ($exc:ty) => {
                match err.raw_os_error() {
                    Some(errno) => <$exc>::new_err((errno, message)),
                    None => <$exc>::new_err(message),
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

/// Turns a Python exception back into an `io::Error` (kind `Other`, message as `str(err)`),
/// for Rust code that speaks `io::Result`.
impl From<PyErr> for io::Error {
    fn from(err: PyErr) -> io::Error {
        io::Error::other(err.to_string())
    }
}

/// Implements `From<$err> for PyErr` as `$exc(str(err))`.
macro_rules! impl_to_pyerr {
    ($err:ty => $exc:ty) => {
        impl From<$err> for PyErr {
            fn from(err: $err) -> PyErr {
                <$exc>::new_err(err.to_string())
            }
        }
    };
}

impl_to_pyerr!(std::num::ParseIntError => PyValueError);
impl_to_pyerr!(std::num::ParseFloatError => PyValueError);
impl_to_pyerr!(std::num::TryFromIntError => PyValueError);
impl_to_pyerr!(std::str::ParseBoolError => PyValueError);
impl_to_pyerr!(std::char::ParseCharError => PyValueError);
impl_to_pyerr!(std::char::CharTryFromError => PyValueError);
impl_to_pyerr!(std::net::AddrParseError => PyValueError);
impl_to_pyerr!(std::ffi::NulError => PyValueError);
impl_to_pyerr!(std::ffi::FromBytesWithNulError => PyValueError);
impl_to_pyerr!(std::ffi::IntoStringError => PyUnicodeDecodeError);
impl_to_pyerr!(std::string::FromUtf16Error => PyUnicodeDecodeError);
impl_to_pyerr!(std::array::TryFromSliceError => PyValueError);
impl_to_pyerr!(std::time::SystemTimeError => PyValueError);

/// `Utf8Error` → `UnicodeDecodeError('utf-8', b'', start, end, reason)` (the bytes are
/// not available from the error itself).
impl From<std::str::Utf8Error> for PyErr {
    fn from(err: std::str::Utf8Error) -> PyErr {
        unicode_decode_error(Vec::new(), &err)
    }
}

/// `FromUtf8Error` → `UnicodeDecodeError` over the offending bytes.
impl From<std::string::FromUtf8Error> for PyErr {
    fn from(err: std::string::FromUtf8Error) -> PyErr {
        let utf8 = err.utf8_error();
        unicode_decode_error(err.into_bytes(), &utf8)
    }
}

/// A lazy `UnicodeDecodeError` for `err`, raised over `bytes`.
fn unicode_decode_error(bytes: Vec<u8>, err: &std::str::Utf8Error) -> PyErr {
    use crate::conversion::IntoPy;
    use crate::type_object::PyTypeInfo;
    let start = err.valid_up_to();
    let end = start + err.error_len().unwrap_or(1);
    let reason = match err.error_len() {
        Some(_) => "invalid start byte",
        None => "unexpected end of data",
    };
    PyErr::lazy_from_fn(move |py| {
        let args = (
            "utf-8",
            crate::types::PyBytes::new(py, &bytes),
            start,
            end,
            reason,
        )
            .into_py(py);
        (PyUnicodeDecodeError::type_object(py).into(), args)
    })
}
