//! `IterNextOutput` / `IterANextOutput`: what `__next__` / `__anext__` may return to
//! either yield a value or end the iteration with a value, as a generator's `return`
//! does (`StopIteration(value)` / `StopAsyncIteration(value)`).

use crate::conversion::IntoPy;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyStopAsyncIteration, PyStopIteration};
use crate::impl_::callback::CallbackOutput;
use crate::impl_::slots::NextOutput;
use crate::instance::PyObject;
use crate::python::Python;

/// The outcome of `__next__`: the next value, or the end with a value that
/// `StopIteration.value` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IterNextOutput<T, U> {
    /// The value yielded by the iterator.
    Yield(T),
    /// The end, raising `StopIteration(value)`.
    Return(U),
}

/// An [`IterNextOutput`] of Python objects.
pub type PyIterNextOutput = IterNextOutput<PyObject, PyObject>;

/// The outcome of `__anext__`: the awaitable for the next value, or the end with a value
/// that `StopAsyncIteration` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IterANextOutput<T, U> {
    /// The awaitable yielding the next value.
    Yield(T),
    /// The end, raising `StopAsyncIteration(value)`.
    Return(U),
}

/// An [`IterANextOutput`] of Python objects.
pub type PyIterANextOutput = IterANextOutput<PyObject, PyObject>;

impl<T: IntoPy<PyObject>, U: IntoPy<PyObject>> NextOutput for IterNextOutput<T, U> {
    #[inline]
    fn into_next(self, py: Python<'_>) -> PyResult<Option<PyObject>> {
        match self {
            IterNextOutput::Yield(value) => Ok(Some(value.into_py(py))),
            IterNextOutput::Return(value) => Err(PyStopIteration::new_err((value.into_py(py),))),
        }
    }
}

impl<T, U, E> NextOutput for Result<IterNextOutput<T, U>, E>
where
    T: IntoPy<PyObject>,
    U: IntoPy<PyObject>,
    E: Into<PyErr>,
{
    #[inline]
    fn into_next(self, py: Python<'_>) -> PyResult<Option<PyObject>> {
        self.map_err(Into::into)?.into_next(py)
    }
}

impl<T: IntoPy<PyObject>, U: IntoPy<PyObject>> CallbackOutput for IterANextOutput<T, U> {
    // The `Return` value goes into a lazy error, converted with a token but parked
    // nowhere; the `Yield` value converts as `T` does.
    const GIL_INDEPENDENT: bool =
        <T as IntoPy<PyObject>>::GIL_INDEPENDENT && <U as IntoPy<PyObject>>::GIL_INDEPENDENT;

    #[inline]
    fn convert(self, py: Python<'_>) -> PyResult<PyObject> {
        match self {
            IterANextOutput::Yield(value) => Ok(value.into_py(py)),
            IterANextOutput::Return(value) => {
                Err(PyStopAsyncIteration::new_err((value.into_py(py),)))
            }
        }
    }
}

impl<T, U, E> CallbackOutput for Result<IterANextOutput<T, U>, E>
where
    T: IntoPy<PyObject>,
    U: IntoPy<PyObject>,
    E: Into<PyErr>,
{
    const GIL_INDEPENDENT: bool = <IterANextOutput<T, U> as CallbackOutput>::GIL_INDEPENDENT;

    #[inline]
    fn convert(self, py: Python<'_>) -> PyResult<PyObject> {
        self.map_err(Into::into)?.convert(py)
    }
}
