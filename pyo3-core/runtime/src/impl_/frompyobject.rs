//! What `#[derive(FromPyObject)]` generates against: reading a field by attribute, item or
//! tuple position, wrapping a field's failure as `failed to extract field Struct.field`
//! (the original error as `__cause__`), and the summary error of an enum whose variants
//! all failed. The wording is PyO3's.

use crate::conversion::{FromPyObject, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::python::Python;
use crate::sync::Interned;
use crate::types::{PyAny, PyTuple};

/// `obj.name`.
#[inline]
pub fn getattr<'py>(obj: &'py PyAny, name: &'static Interned) -> PyResult<&'py PyAny> {
    obj.getattr(name.get(obj.py()))
}

/// `obj[key]`.
#[inline]
pub fn get_item<K: ToPyObject>(obj: &PyAny, key: K) -> PyResult<&PyAny> {
    obj.get_item(key)
}

/// `obj` as a tuple of exactly `len` items.
pub fn tuple(obj: &PyAny, len: usize) -> PyResult<&PyTuple> {
    let tuple: &PyTuple = obj.downcast()?;
    if tuple.len() != len {
        return Err(PyTypeError::new_err(format!(
            "expected tuple of length {len}, but got tuple of length {}",
            tuple.len()
        )));
    }
    Ok(tuple)
}

/// Item `index` of a tuple checked by [`tuple`].
#[inline]
pub fn tuple_item(tuple: &PyTuple, index: usize) -> &PyAny {
    tuple
        .get_item(index)
        .expect("the tuple's length was checked")
}

/// Extracts a field, naming it in the error.
#[inline]
pub fn extract_field<'py, T: FromPyObject<'py>>(
    obj: &'py PyAny,
    struct_name: &str,
    field: &str,
) -> PyResult<T> {
    T::extract(obj).map_err(|err| field_error(obj.py(), err, struct_name, field))
}

/// Extracts a field with its `from_py_with` function, naming it in the error.
#[inline]
pub fn extract_field_with<'py, T, F>(
    obj: &'py PyAny,
    struct_name: &str,
    field: &str,
    extractor: F,
) -> PyResult<T>
where
    F: FnOnce(&'py PyAny) -> PyResult<T>,
{
    extractor(obj).map_err(|err| field_error(obj.py(), err, struct_name, field))
}

/// `TypeError: failed to extract field Struct.field`, caused by `err`.
#[cold]
fn field_error(py: Python<'_>, err: PyErr, struct_name: &str, field: &str) -> PyErr {
    let wrapped = PyTypeError::new_err(format!("failed to extract field {struct_name}.{field}"));
    wrapped.set_cause(py, Some(err));
    wrapped
}

/// The error of an enum none of whose variants could be extracted: one line per variant,
/// each with its error and that error's chain of causes.
#[cold]
pub fn failed_to_extract_enum(
    py: Python<'_>,
    type_name: &str,
    variant_names: &[&str],
    error_names: &[&str],
    errors: &[PyErr],
) -> PyErr {
    use std::fmt::Write;
    let mut message = format!(
        "failed to extract enum {type_name} ('{}')",
        error_names.join(" | ")
    );
    for ((variant, error_name), err) in variant_names.iter().zip(error_names).zip(errors) {
        let _ = write!(
            message,
            "\n- variant {variant} ({error_name}): {}",
            with_causes(py, err)
        );
    }
    PyTypeError::new_err(message)
}

/// `Type: message, caused by Type: message, ...`.
fn with_causes(py: Python<'_>, err: &PyErr) -> String {
    use std::fmt::Write;
    let mut text = err.to_string();
    let mut cause = err.cause(py);
    while let Some(err) = cause {
        let _ = write!(text, ", caused by {err}");
        cause = err.cause(py);
    }
    text
}
