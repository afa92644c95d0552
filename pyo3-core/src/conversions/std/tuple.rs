//! Rust tuples up to 12 elements ↔ Python `tuple`; tuples are also the positional
//! arguments of calls (`obj.call1((1, "a"))`).

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
                let tuple: &PyTuple = ob.downcast()?;
                if tuple.len() != $len {
                    return Err(wrong_length(tuple, $len));
                }
                let py = ob.py();
                // SAFETY: the length was checked and a tuple's items live as long as it,
                // which lives for 's.
                unsafe {
                    Ok(($(
                        $T::extract_item(py, std::ptr::NonNull::new_unchecked(tuple_item(tuple.as_ptr(), $idx)))?,
                    )+))
                }
            }
            const GIL_INDEPENDENT: bool = true $(&& $T::GIL_INDEPENDENT)+;
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
