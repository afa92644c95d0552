//! The expansion behind pyo3-core's proc-macros, in pipeline order: `attr` (the
//! `#[pyo3(...)]` grammar), `model` (what the item means), `check` (rules across options),
//! `codegen` (tokens only). `pyo3-macros` is the thin proc-macro crate over [`expand`].

mod attr;
mod check;
mod codegen;
mod ctxt;
pub mod expand;
mod messages;
mod model;
