//! Protocols, group 5: attribute access (`__getattr__` as a fallback,
//! `__getattribute__`, `__setattr__` and `__delattr__`).

use std::collections::BTreeMap;

use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;

/// `__getattr__` runs only when the normal lookup fails.
#[pyclass(module = "pyclasses.protocols_attributes")]
struct Fallback {
    #[pyo3(get)]
    real: i64,
}

#[pymethods]
impl Fallback {
    #[new]
    fn new() -> Self {
        Fallback { real: 1 }
    }

    fn method(&self) -> &'static str {
        "method"
    }

    fn __getattr__(&self, name: String) -> PyResult<String> {
        if name.starts_with("no") {
            return Err(PyAttributeError::new_err(name));
        }
        Ok(format!("virtual {name}"))
    }
}

/// `__getattribute__` sees every lookup; `__getattr__` catches its `AttributeError`.
#[pyclass(module = "pyclasses.protocols_attributes")]
struct Everything;

#[pymethods]
impl Everything {
    #[new]
    fn new() -> Self {
        Everything
    }

    fn __getattribute__(&self, name: String) -> PyResult<String> {
        if name == "missing" {
            return Err(PyAttributeError::new_err("not here"));
        }
        Ok(format!("got {name}"))
    }

    fn __getattr__(&self, name: String) -> String {
        format!("fallback {name}")
    }
}

/// Attributes stored in a map through `__setattr__`, `__delattr__` and `__getattr__`.
#[pyclass(module = "pyclasses.protocols_attributes")]
struct Record {
    fields: BTreeMap<String, i64>,
}

#[pymethods]
impl Record {
    #[new]
    fn new() -> Self {
        Record {
            fields: BTreeMap::new(),
        }
    }

    fn keys(&self) -> Vec<String> {
        self.fields.keys().cloned().collect()
    }

    fn __getattr__(&self, name: String) -> PyResult<i64> {
        self.fields
            .get(&name)
            .copied()
            .ok_or_else(|| PyAttributeError::new_err(name))
    }

    fn __setattr__(&mut self, name: String, value: i64) {
        self.fields.insert(name, value);
    }

    fn __delattr__(&mut self, name: String) -> PyResult<()> {
        match self.fields.remove(&name) {
            Some(_) => Ok(()),
            None => Err(PyAttributeError::new_err(name)),
        }
    }
}

/// Only `__setattr__` (refusing everything): deleting falls back to the generic rule.
#[pyclass(module = "pyclasses.protocols_attributes")]
struct Frozen;

#[pymethods]
impl Frozen {
    #[new]
    fn new() -> Self {
        Frozen
    }

    fn __setattr__(&self, name: String, _value: &PyAny) -> PyResult<()> {
        Err(PyAttributeError::new_err(format!("cannot set {name}")))
    }
}

/// The `protocols_attributes` submodule.
#[pymodule]
pub fn protocols_attributes(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Fallback>()?;
    m.add_class::<Everything>()?;
    m.add_class::<Record>()?;
    m.add_class::<Frozen>()?;
    Ok(())
}
