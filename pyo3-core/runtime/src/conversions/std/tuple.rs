//! Rust tuples up to 12 elements ↔ Python `tuple`; tuples are also the positional
//! arguments of calls (`obj.call1((1, "a"))`).

use super::vec::with_item;
use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::types::tuple::{new_from_iter, tuple_item};
use crate::types::{PyAny, PyTuple};

/// The error for a tuple of the wrong length, in PyO3's wording.
fn wrong_length(got: &PyTuple, expected: usize) -> PyErr {
    PyValueError::new_err(format!(
        "expected tuple of length {}, but got tuple of length {}",
        expected,
        got.len()
    ))
}

/// Extraction from a tuple that need only live for the call: items the result borrows
/// from are parked in the pool by their `extract_item`.
trait ExtractTuple<'s>: Sized {
    fn extract_tuple(py: Python<'s>, ob: &PyAny) -> PyResult<Self>;
}

macro_rules! tuple_conversions {
    ($len:expr; $($idx:tt $T:ident),+) => {
        impl<$($T: ToPyObject),+> ToPyObject for ($($T,)+) {
            fn to_object(&self, py: Python<'_>) -> PyObject {
                new_from_iter(py, [$(self.$idx.to_object(py)),+].into_iter()).into_any()
            }
        }

        impl<$($T: IntoPy<PyObject>),+> IntoPy<PyObject> for ($($T,)+) {
            fn into_py(self, py: Python<'_>) -> PyObject {
                new_from_iter(py, [$(self.$idx.into_py(py)),+].into_iter()).into_any()
            }
            const GIL_INDEPENDENT: bool = true $(&& $T::GIL_INDEPENDENT)+;
        }

        impl<$($T: IntoPy<PyObject>),+> IntoPy<Py<PyTuple>> for ($($T,)+) {
            fn into_py(self, py: Python<'_>) -> Py<PyTuple> {
                new_from_iter(py, [$(self.$idx.into_py(py)),+].into_iter())
            }
        }

        impl<'s, $($T: FromPyObject<'s>),+> FromPyObject<'s> for ($($T,)+) {
            fn extract(ob: &'s PyAny) -> PyResult<Self> {
                Self::extract_tuple(ob.py(), ob)
            }
            const GIL_INDEPENDENT: bool = true $(&& $T::GIL_INDEPENDENT)+;

            unsafe fn extract_item(
                py: Python<'s>,
                item: std::ptr::NonNull<crate::ffi::PyObject>,
            ) -> PyResult<Self> {
                // SAFETY: forwarded from the caller; the tuple itself stays off the pool.
                unsafe { with_item(item, |ob| Self::extract_tuple(py, ob)) }
            }
        }

        impl<'s, $($T: FromPyObject<'s>),+> ExtractTuple<'s> for ($($T,)+) {
            fn extract_tuple(py: Python<'s>, ob: &PyAny) -> PyResult<Self> {
                let tuple: &PyTuple = ob.downcast()?;
                if tuple.len() != $len {
                    return Err(wrong_length(tuple, $len));
                }
                // SAFETY: the length was checked; a tuple holds its items while it lives,
                // which is for this call, and `extract_item` takes its own references.
                unsafe {
                    Ok(($(
                        $T::extract_item(py, std::ptr::NonNull::new_unchecked(tuple_item(tuple.as_ptr(), $idx)))?,
                    )+))
                }
            }
        }
    };
}

tuple_conversions!(1; 0 A);
tuple_conversions!(2; 0 A, 1 B);
tuple_conversions!(3; 0 A, 1 B, 2 C);
tuple_conversions!(4; 0 A, 1 B, 2 C, 3 D);
tuple_conversions!(5; 0 A, 1 B, 2 C, 3 D, 4 E);
tuple_conversions!(6; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F);
tuple_conversions!(7; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G);
tuple_conversions!(8; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H);
tuple_conversions!(9; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I);
tuple_conversions!(10; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J);
tuple_conversions!(11; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K);
tuple_conversions!(12; 0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L);
