//! pyo3-core: Python extension modules in Rust, written with attributes.
//!
//! Annotate ordinary Rust functions, structs and impl blocks with `#[pyfunction]`,
//! `#[pyclass]`, `#[pymethods]` and `#[pymodule]`; handle Python objects as GIL-bound
//! references (`&'py PyAny`, `&'py PyList`, ...) under a [`Python<'py>`] token, and store
//! them beyond the GIL as [`Py<T>`]. The API follows PyO3 0.20's, so code of that style
//! compiles with only the dependency line changed.
//!
//! ```
//! use pyo3::prelude::*;
//! use pyo3::types::PyList;
//!
//! Python::with_gil(|py| {
//!     let list = PyList::new(py, [1, 2, 3]);
//!     let total: i64 = list.iter().map(|x| x.extract::<i64>().unwrap()).sum();
//!     assert_eq!(total, 6);
//! });
//! ```

// Everything public in the runtime, under the same paths (`pyo3::types::PyList`, ...).
pub use pyo3_runtime::*;

/// The attribute macros (`macros` feature, on by default).
#[cfg(feature = "macros")]
pub use pyo3_macros::{pyclass, pyfunction, pymethods, pymodule, FromPyObject};

/// The items most code needs: `use pyo3::prelude::*;`.
pub mod prelude {
    pub use pyo3_runtime::prelude::*;

    #[cfg(feature = "macros")]
    pub use pyo3_macros::{pyclass, pyfunction, pymethods, pymodule, FromPyObject};
}

/// The guide's pages, compiled as doctests so every snippet in them keeps working.
#[cfg(doctest)]
mod guide {
    #[doc = include_str!("../../guide/src/introduction.md")]
    mod introduction {}
    #[doc = include_str!("../../guide/src/getting-started.md")]
    mod getting_started {}
    #[doc = include_str!("../../guide/src/module.md")]
    mod module {}
    #[doc = include_str!("../../guide/src/function.md")]
    mod function {}
    #[doc = include_str!("../../guide/src/exceptions.md")]
    mod exceptions {}
    #[doc = include_str!("../../guide/src/conversions.md")]
    mod conversions {}
    #[doc = include_str!("../../guide/src/class.md")]
    mod class {}
    #[doc = include_str!("../../guide/src/protocols.md")]
    mod protocols {}
    #[doc = include_str!("../../guide/src/gil.md")]
    mod gil {}
    #[doc = include_str!("../../guide/src/memory.md")]
    mod memory {}
    #[doc = include_str!("../../guide/src/building.md")]
    mod building {}
    #[doc = include_str!("../../guide/src/python-from-rust.md")]
    mod python_from_rust {}
    #[doc = include_str!("../../guide/src/performance.md")]
    mod performance {}
    #[doc = include_str!("../../guide/src/faq.md")]
    mod faq {}
    #[doc = include_str!("../../guide/src/migration.md")]
    mod migration {}
}
