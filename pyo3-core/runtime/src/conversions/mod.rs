//! Conversions between Rust and Python values: `std` types here, optional crates behind
//! their feature flags (one module each, named after the crate).

pub mod anyhow;
pub mod chrono;
pub(crate) mod datetime_api;
pub mod eyre;
pub mod hashbrown;
pub mod indexmap;
pub mod num_bigint;
pub mod num_complex;
pub mod serde;
pub mod smallvec;
pub mod std;
pub(crate) mod support;
