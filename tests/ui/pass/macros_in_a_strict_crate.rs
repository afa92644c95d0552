//! Generated code compiles without a warning in a crate with strict lints, without the
//! prelude, and without `unsafe` of its own.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![forbid(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
#![deny(rust_2018_idioms)]
#![no_implicit_prelude]

/// Every kind of parameter.
#[::pyo3::pyfunction]
#[pyo3(signature = (a, b = 1, /, *args, c = ::std::option::Option::None, **kwargs))]
pub fn everything(
    py: ::pyo3::Python<'_>,
    a: i64,
    b: i64,
    args: &::pyo3::types::PyTuple,
    c: ::std::option::Option<i64>,
    kwargs: ::std::option::Option<&::pyo3::types::PyDict>,
) -> ::pyo3::PyResult<i64> {
    let _ = (py, kwargs);
    ::std::result::Result::Ok(a + b + args.len() as i64 + c.unwrap_or(0))
}

fn length(obj: &::pyo3::PyAny) -> ::pyo3::PyResult<usize> {
    obj.len()
}

/// Options.
#[::pyo3::pyfunction(name = "renamed", text_signature = "(items)")]
#[pyo3(pass_module)]
pub fn with_options(
    module: &::pyo3::types::PyModule,
    #[pyo3(from_py_with = "length")] items: usize,
) -> usize {
    let _ = module;
    items
}

/// A submodule.
#[::pyo3::pymodule]
fn inner(m: &::pyo3::types::PyModule) -> ::pyo3::PyResult<()> {
    m.add("X", 1)
}

/// The module.
#[::pyo3::pymodule]
#[pyo3(name = "strict")]
pub fn strict_module(_py: ::pyo3::Python<'_>, m: &::pyo3::types::PyModule) -> ::pyo3::PyResult<()> {
    m.add_function(::pyo3::wrap_pyfunction!(everything, m)?)?;
    m.add_function(::pyo3::wrap_pyfunction!(with_options, m)?)?;
    m.add_wrapped(::pyo3::wrap_pymodule!(inner))
}

fn main() {}
