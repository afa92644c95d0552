//! Conversions between Rust and Python values: `std` types here, optional crates behind
//! their feature flags.

pub(crate) mod datetime_api;
pub mod std;
pub(crate) mod support;
