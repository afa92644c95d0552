//! Conversions between Rust and Python values: `std` types here, optional crates behind
//! their feature flags.

pub mod std;
pub(crate) mod support;
