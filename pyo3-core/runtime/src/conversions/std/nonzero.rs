//! `NonZeroI8`..`NonZeroU128`, `NonZeroIsize`, `NonZeroUsize` ↔ `int`; `0` raises
//! `ValueError: invalid zero value`.

use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8, NonZeroUsize,
};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::err::PyResult;
use crate::exceptions::PyValueError;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::PyAny;

macro_rules! nonzero_conversions {
    ($($nonzero:ty => $primitive:ty),+ $(,)?) => {$(
        impl ToPyObject for $nonzero {
            #[inline]
            fn to_object(&self, py: Python<'_>) -> PyObject {
                self.get().into_py(py)
            }
        }

        impl IntoPy<PyObject> for $nonzero {
            #[inline]
            fn into_py(self, py: Python<'_>) -> PyObject {
                self.get().into_py(py)
            }
            const GIL_INDEPENDENT: bool = true;
        }

        impl FromPyObject<'_> for $nonzero {
            /// Extracts the primitive (so overflow raises `OverflowError`), then rejects 0.
            #[inline]
            fn extract(ob: &PyAny) -> PyResult<Self> {
                let value: $primitive = ob.extract()?;
                <$nonzero>::new(value).ok_or_else(|| PyValueError::new_err("invalid zero value"))
            }
            crate::gil_independent_extract!();
        }
    )+};
}

nonzero_conversions!(
    NonZeroI8 => i8,
    NonZeroI16 => i16,
    NonZeroI32 => i32,
    NonZeroI64 => i64,
    NonZeroI128 => i128,
    NonZeroIsize => isize,
    NonZeroU8 => u8,
    NonZeroU16 => u16,
    NonZeroU32 => u32,
    NonZeroU64 => u64,
    NonZeroU128 => u128,
    NonZeroUsize => usize,
);
