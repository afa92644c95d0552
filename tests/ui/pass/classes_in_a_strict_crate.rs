//! Class macros compile without a warning in a crate with strict lints, without the
//! prelude, and without `unsafe` of its own.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![forbid(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
#![deny(rust_2018_idioms)]
#![no_implicit_prelude]

/// A class with every kind of item.
#[::pyo3::pyclass(module = "strict", subclass, dict, weakref, freelist = 2, eq, str)]
#[derive(::std::cmp::PartialEq, ::std::clone::Clone)]
pub struct Strict {
    /// A property.
    #[pyo3(get, set)]
    pub value: i64,
}

impl ::std::fmt::Display for Strict {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::write!(f, "{}", self.value)
    }
}

#[::pyo3::pymethods]
impl Strict {
    /// Constructor.
    #[new]
    #[pyo3(signature = (value = Self::DEFAULT))]
    pub fn new(value: i64) -> Self {
        Strict { value }
    }

    /// A constant.
    #[classattr]
    pub const DEFAULT: i64 = 1;

    /// A method.
    pub fn add(&mut self, n: i64) -> i64 {
        self.value += n;
        self.value
    }

    /// A typed receiver.
    pub fn peek(slf: ::pyo3::PyRef<'_, Self>, other: ::pyo3::PyRef<'_, Self>) -> i64 {
        slf.value + other.value
    }

    /// A static method.
    #[staticmethod]
    pub fn make() -> Self {
        Strict { value: 0 }
    }

    /// A class method.
    #[classmethod]
    pub fn name(cls: &::pyo3::types::PyType) -> ::pyo3::PyResult<&str> {
        cls.name()
    }

    /// A getter.
    #[getter]
    pub fn doubled(&self) -> i64 {
        2 * self.value
    }

    /// A setter.
    #[setter(doubled)]
    pub fn set_doubled(&mut self, value: i64) -> ::pyo3::PyResult<()> {
        self.value = value / 2;
        ::std::result::Result::Ok(())
    }

    /// A slot.
    pub fn __repr__(&self) -> ::std::string::String {
        ::std::format!("Strict({})", self.value)
    }
}

/// A subclass.
#[::pyo3::pyclass(extends = Strict, frozen)]
pub struct Child {}

/// A simple enum.
#[::pyo3::pyclass(eq_int)]
#[derive(::std::clone::Clone, ::std::marker::Copy)]
pub enum Simple {
    /// A.
    A,
    /// B.
    B,
}

/// An enum with data.
#[::pyo3::pyclass]
#[derive(::std::clone::Clone)]
pub enum Data {
    /// A.
    A {
        /// x.
        x: i64,
    },
    /// B.
    B(::std::string::String),
}

/// Derived extraction.
#[derive(::pyo3::FromPyObject)]
pub enum Input<'a> {
    /// A number.
    Int(i64),
    /// An object with attributes.
    Named {
        /// name.
        name: &'a ::pyo3::PyAny,
    },
    /// A pair.
    Pair(i64, i64),
}

fn main() {}
