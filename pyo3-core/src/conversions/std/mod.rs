//! Conversions for the standard library's types.

mod array;
pub(crate) mod map;
mod num;
mod option;
pub(crate) mod sequence;
pub(crate) mod set;
mod slice;
mod string;
mod tuple;
mod unit;
pub(crate) mod vec;
