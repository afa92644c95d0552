//! Conversions for the standard library's types.

mod num;
mod option;
mod string;
mod tuple;
mod unit;
