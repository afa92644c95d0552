//! `wrap_pyfunction!`, `wrap_pymodule!` and `append_to_inittab!`: turning the definitions
//! that `#[pyfunction]` and `#[pymodule]` generate into Python objects.

/// Creates the Python function object of a `#[pyfunction]`.
///
/// - `wrap_pyfunction!(f, py)` / `wrap_pyfunction!(f, module)` returns
///   `PyResult<&PyCFunction>`; with a module, the function's `__module__` is the module's
///   name and a `pass_module` function receives it.
/// - `wrap_pyfunction!(f)` is a closure taking either, for `m.add_wrapped(...)` and
///   `wrap_pyfunction!(f)(py)`.
///
/// ```
/// use pyo3::prelude::*;
///
/// #[pyfunction]
/// fn double(x: i64) -> i64 {
///     2 * x
/// }
///
/// Python::with_gil(|py| {
///     let f = wrap_pyfunction!(double, py).unwrap();
///     let four: i64 = f.call1((2,)).unwrap().extract().unwrap();
///     assert_eq!(four, 4);
/// });
/// ```
#[macro_export]
macro_rules! wrap_pyfunction {
    ($function:path) => {
        &|py_or_module| {
            use $function as wrapped_pyfunction;
            $crate::impl_::pyfunction::wrap_pyfunction(&wrapped_pyfunction::DEF, py_or_module)
        }
    };
    ($function:path, $py_or_module:expr) => {{
        use $function as wrapped_pyfunction;
        $crate::impl_::pyfunction::wrap_pyfunction(&wrapped_pyfunction::DEF, $py_or_module)
    }};
}

/// A closure creating a new module object from a `#[pymodule]`, for
/// `m.add_wrapped(wrap_pymodule!(submodule))`; `wrap_pymodule!(m)(py)` returns
/// `Py<PyModule>` (panicking if the module's initialiser fails).
#[macro_export]
macro_rules! wrap_pymodule {
    ($module:path) => {
        &|py| {
            use $module as wrapped_pymodule;
            match wrapped_pymodule::DEF.make_module(py) {
                $crate::impl_::core::result::Result::Ok(module) => module,
                $crate::impl_::core::result::Result::Err(err) => {
                    $crate::impl_::core::panic!("failed to wrap pymodule: {}", err)
                }
            }
        }
    };
}

/// Registers a `#[pymodule]` as a built-in module of an embedded interpreter, importable
/// by name. Call it before the interpreter starts (before the first `Python::with_gil`).
///
/// ```no_run
/// use pyo3::prelude::*;
///
/// #[pymodule]
/// fn embedded(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
///     m.add("answer", 42)
/// }
///
/// pyo3::append_to_inittab!(embedded);
/// Python::with_gil(|py| {
///     let answer: i64 = py.import("embedded")?.getattr("answer")?.extract()?;
///     assert_eq!(answer, 42);
///     PyResult::Ok(())
/// })
/// .unwrap();
/// ```
#[macro_export]
macro_rules! append_to_inittab {
    ($module:path) => {{
        use $module as wrapped_pymodule;
        $crate::impl_::pymodule::append_to_inittab(
            wrapped_pymodule::NAME,
            wrapped_pymodule::__pyo3_init,
        )
    }};
}
