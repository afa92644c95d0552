//! What a Rust function called from Python may return: any `T: IntoPy<PyObject>`,
//! `PyResult<T>`, or `Result<T, E>` with `E: Into<PyErr>`. The value converts straight to
//! an owned object; nothing enters the pool.

use crate::conversion::IntoPy;
use crate::err::{PyErr, PyResult};
use crate::instance::PyObject;
use crate::python::Python;

/// Conversion of a function's return value into the object handed back to Python.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Python",
    label = "this return type does not convert to a Python object",
    note = "return a type that implements `IntoPy<PyObject>`, or `PyResult<T>` / \
            `Result<T, E>` of one, where `E: Into<PyErr>`"
)]
pub trait CallbackOutput {
    /// True when converting the value parks nothing in the pool.
    const GIL_INDEPENDENT: bool;

    /// Converts into an owned object, or the error to raise.
    fn convert(self, py: Python<'_>) -> PyResult<PyObject>;
}

impl<T: IntoPy<PyObject>> CallbackOutput for T {
    const GIL_INDEPENDENT: bool = <T as IntoPy<PyObject>>::GIL_INDEPENDENT;

    #[inline]
    fn convert(self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_py(py))
    }
}

impl<T, E> CallbackOutput for Result<T, E>
where
    T: IntoPy<PyObject>,
    E: Into<PyErr>,
{
    // An error converts without a token (`Into<PyErr>`), so it cannot create pooled
    // references; only the success value matters.
    const GIL_INDEPENDENT: bool = <T as IntoPy<PyObject>>::GIL_INDEPENDENT;

    #[inline]
    fn convert(self, py: Python<'_>) -> PyResult<PyObject> {
        match self {
            Ok(value) => Ok(value.into_py(py)),
            Err(err) => Err(err.into()),
        }
    }
}

/// Converts a function's return value (called by generated code).
#[inline]
pub fn convert<R: CallbackOutput>(py: Python<'_>, value: R) -> PyResult<PyObject> {
    value.convert(py)
}

/// Compile-time probe: `OutputProbe::<R>::GIL_INDEPENDENT` is `R`'s constant when
/// `R: CallbackOutput`, and `false` otherwise (through
/// [`ProbeFallback`](crate::impl_::extract_argument::ProbeFallback)), so that a return type
/// that cannot be converted is reported once, by the conversion itself.
pub struct OutputProbe<R>(std::marker::PhantomData<R>);

impl<R: CallbackOutput> OutputProbe<R> {
    /// Whether converting `R` can hand out GIL-bound references.
    pub const GIL_INDEPENDENT: bool = R::GIL_INDEPENDENT;
}

impl<R> crate::impl_::extract_argument::ProbeFallback for OutputProbe<R> {}
