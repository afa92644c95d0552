//! `serde::Serialize` and `serde::Deserialize` for `Py<T>`, through the Rust value that
//! stands for a `T` object.
//!
//! # Setup
//!
//! ```toml
//! [dependencies]
//! serde = "1"
//! pyo3-core = { version = "0.1", features = ["serde"] }
//! ```
//!
//! A type opts in by implementing [`PySerde`], naming the Rust value its objects are
//! extracted as for serialization and converted from after deserialization. Serializing
//! a `Py<T>` takes the GIL, extracts that value and serializes it; deserializing builds
//! the value first, without the GIL, then takes the GIL to convert it and checks the
//! result is a `T`.
//!
//! Note: PyO3 implements these traits for `Py<T>` of a `#[pyclass] T: Serialize`, by
//! borrowing the class instance. Here `#[pyclass]` types do not implement [`PySerde`]
//! automatically: [`PySerde::Value`] must be `FromPyObject`, which a class value only is
//! when it is `Clone`. Doing it for every class means splitting that bound off (a
//! required, borrowing `serialize_object` for classes, the extracting default for the
//! rest), rather than adding a second blanket impl on `Py<T>`, which would overlap with
//! this one. A `Clone + Serialize` class can opt in by hand today:
//! `impl PySerde for MyClass { type Value = MyClass; }`.
#![cfg(feature = "serde")]

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::conversion::{FromPyObject, IntoPy};
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

/// A Python type whose objects serialize as, and deserialize from, a Rust value.
pub trait PySerde: PyTypeInfo {
    /// The Rust value that stands for an object of this type.
    type Value: for<'py> FromPyObject<'py> + IntoPy<PyObject>;

    /// Serializes `obj`, an instance of this type; by default extracts a
    /// [`PySerde::Value`] and serializes that.
    fn serialize_object<S>(obj: &PyAny, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        Self::Value: Serialize,
    {
        let value: Self::Value = obj.extract().map_err(S::Error::custom)?;
        value.serialize(serializer)
    }
}

impl<T> Serialize for Py<T>
where
    T: PySerde,
    T::Value: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Python::with_gil(|py| T::serialize_object(self.as_any(py), serializer))
    }
}

impl<'de, T> Deserialize<'de> for Py<T>
where
    T: PySerde,
    T::Value: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Py<T>, D::Error> {
        let value = T::Value::deserialize(deserializer)?;
        Python::with_gil(|py| {
            let obj = value.into_py(py);
            if !T::is_type_of(obj.as_any(py)) {
                let from = obj
                    .as_any(py)
                    .get_type()
                    .name()
                    .map(str::to_owned)
                    .unwrap_or_default();
                return Err(D::Error::custom(format!(
                    "'{from}' object cannot be converted to '{}'",
                    T::NAME
                )));
            }
            // SAFETY: the object was checked to be a `T`; ownership moves over.
            Ok(unsafe { Py::from_owned_ptr(py, obj.into_ptr()) })
        })
    }
}
