//! Proc-macros of pyo3-core: one thin entry point per attribute; parsing, validation and
//! code generation live in `pyo3-macros-backend` (backend/).

use proc_macro::TokenStream;
use pyo3_macros_backend::expand;

/// Makes a Rust function callable from Python.
///
/// Options, in `#[pyfunction(...)]` or `#[pyo3(...)]` on the function: `name = "..."`,
/// `signature = (a, b=1, /, c=None, *args, d, e=2, **kwargs)`, `text_signature = "..."`
/// (or `None`), `pass_module`, `crate = "..."`. On a parameter:
/// `#[pyo3(from_py_with = "path")]`. Wrap it into a module with
/// `m.add_function(wrap_pyfunction!(f, m)?)`.
#[proc_macro_attribute]
pub fn pyfunction(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::pyfunction(attr.into(), item.into()).into()
}

/// Makes a Rust function the initialiser of a Python module, exported as `PyInit_<name>`.
///
/// The function looks like `fn name(py: Python<'_>, m: &PyModule) -> PyResult<()>`.
/// Options: `name = "..."`, `crate = "..."`.
#[proc_macro_attribute]
pub fn pymodule(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::pymodule(attr.into(), item.into()).into()
}

/// Exposes a struct or enum to Python as a class; the type itself is left unchanged.
///
/// Options, in `#[pyclass(...)]`: `name = "..."`, `module = "..."`, `subclass`,
/// `extends = Base`, `freelist = N`, `dict`, `weakref`, `frozen`, `immutable_type`,
/// `unsendable`, `get_all`,
/// `set_all`, `rename_all = "camelCase"`, `sequence`, `mapping`, `eq`, `ord`, `hash`,
/// `str`, `eq_int` (field-less enums), `crate = "..."`. On a field:
/// `#[pyo3(get, set, name = "...")]`; on an enum variant: `#[pyo3(name = "...")]`.
#[proc_macro_attribute]
pub fn pyclass(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::pyclass(attr.into(), item.into()).into()
}

/// Exposes the functions of an impl block of a `#[pyclass]` as Python methods.
///
/// Every function becomes a method taking `&self`, `&mut self` or `slf: PyRef<'_, Self>`
/// (and the like) unless marked `#[new]`, `#[staticmethod]`, `#[classmethod]`,
/// `#[getter]`, `#[setter]` or `#[classattr]` (also on `const` items). Magic methods in the
/// dunder table (`__repr__`, `__str__`, `__hash__`, `__richcmp__`, `__int__`) fill their
/// type slot. `#[pyo3(name = "...", signature = (...), text_signature = "...")]` as for
/// functions. A class may have any number of `#[pymethods]` blocks.
#[proc_macro_attribute]
pub fn pymethods(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::pymethods(attr.into(), item.into()).into()
}

/// Derives `FromPyObject` for a struct (fields read as attributes, or as items with
/// `#[pyo3(item)]` / `#[pyo3(from_item_all)]`), a tuple struct (from a tuple), a newtype
/// (from the object itself), or an enum (the first variant that extracts; the error lists
/// why each failed). Options: `transparent`, `annotation = "..."` (variants),
/// `crate = "..."`; on fields `attribute("name")`, `item("key")`, `from_py_with = "..."`.
#[proc_macro_derive(FromPyObject, attributes(pyo3))]
pub fn derive_from_py_object(item: TokenStream) -> TokenStream {
    expand::derive_from_py_object(item.into()).into()
}
