//! Conversions for the standard library's types.

mod array;
mod cell;
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
pub(crate) mod compact_int;
pub(crate) mod map;
mod net;
mod nonzero;
mod num;
mod option;
mod osstr;
mod path;
pub(crate) mod sequence;
pub(crate) mod set;
pub(crate) mod slice;
mod string;
mod time;
mod tuple;
mod unit;
pub(crate) mod vec;
