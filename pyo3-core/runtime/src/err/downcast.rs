//! `PyDowncastError`: a failed `downcast`, naming the object's type and the wanted one.

use std::borrow::Cow;

use crate::err::PyErr;
use crate::types::PyAny;

/// The error of a failed `downcast`: the object and the name of the wanted type.
///
/// Converts into `TypeError: 'int' object cannot be converted to 'PyString'`.
#[derive(Debug)]
pub struct PyDowncastError<'a> {
    from: &'a PyAny,
    to: Cow<'static, str>,
}

impl<'a> PyDowncastError<'a> {
    /// A downcast error for `from` not being a `to`.
    pub fn new(from: &'a PyAny, to: impl Into<Cow<'static, str>>) -> Self {
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
        crate::err::type_error_for(err.from, err.to)
    }
}
