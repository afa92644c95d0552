//! Protocols, group 3: calls (`__call__` with a full signature), context managers
//! (`__enter__`/`__exit__`) and descriptors (`__get__`, `__set__`, `__delete__`,
//! `__set_name__`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

/// Callable with positional, defaulted, `*args`, keyword-only and `**kwargs` parameters.
#[pyclass(module = "pyclasses.protocols_calls")]
struct Adder {
    base: i64,
}

#[pymethods]
impl Adder {
    #[new]
    fn new(base: i64) -> Self {
        Adder { base }
    }

    #[pyo3(signature = (a, b = 10, *rest, scale = 1, **extra))]
    fn __call__(
        &self,
        a: i64,
        b: i64,
        rest: &PyTuple,
        scale: i64,
        extra: Option<&PyDict>,
    ) -> PyResult<(i64, usize)> {
        let mut total = self.base + a + b;
        for item in rest {
            total += item.extract::<i64>()?;
        }
        if total < 0 {
            return Err(PyValueError::new_err("negative total"));
        }
        Ok((total * scale, extra.map_or(0, |d| d.len())))
    }
}

/// Records entering and leaving; swallows `KeyError`.
#[pyclass(module = "pyclasses.protocols_calls")]
struct Recorder {
    #[pyo3(get)]
    log: Vec<String>,
}

#[pymethods]
impl Recorder {
    #[new]
    fn new() -> Self {
        Recorder { log: Vec::new() }
    }

    fn __enter__(mut slf: PyRefMut<'_, Self>) -> PyRefMut<'_, Self> {
        slf.log.push("enter".to_owned());
        slf
    }

    fn __exit__(
        &mut self,
        ty: Option<&PyType>,
        _value: Option<&PyAny>,
        _traceback: Option<&PyAny>,
    ) -> PyResult<bool> {
        let name = match ty {
            Some(ty) => ty.name()?.to_owned(),
            None => "None".to_owned(),
        };
        self.log.push(format!("exit {name}"));
        Ok(name == "KeyError")
    }
}

/// A data descriptor storing a value per instance in the instance's `__dict__` under the
/// attribute name it was given by `__set_name__`, doubled on read.
#[pyclass(module = "pyclasses.protocols_calls")]
struct Doubled {
    #[pyo3(get)]
    name: Option<String>,
}

#[pymethods]
impl Doubled {
    #[new]
    fn new() -> Self {
        Doubled { name: None }
    }

    fn __set_name__(&mut self, _owner: &PyType, name: String) {
        self.name = Some(format!("_{name}"));
    }

    fn __get__<'py>(
        slf: PyRef<'py, Self>,
        obj: Option<&'py PyAny>,
        _owner: Option<&'py PyAny>,
    ) -> PyResult<PyObject> {
        let py = slf.py();
        let Some(obj) = obj else {
            return Ok(slf.into_py(py));
        };
        let key = slf.name.clone().unwrap_or_default();
        let value: i64 = obj.getattr("__dict__")?.get_item(key)?.extract()?;
        Ok((value * 2).into_py(py))
    }

    fn __set__(&self, obj: &PyAny, value: i64) -> PyResult<()> {
        let key = self.name.clone().unwrap_or_default();
        obj.getattr("__dict__")?.set_item(key, value)
    }

    fn __delete__(&self, obj: &PyAny) -> PyResult<()> {
        let key = self.name.clone().unwrap_or_default();
        obj.getattr("__dict__")?.del_item(key)
    }
}

/// A non-data descriptor: only `__get__`, so the instance dict shadows it.
#[pyclass(module = "pyclasses.protocols_calls")]
struct Constant;

#[pymethods]
impl Constant {
    #[new]
    fn new() -> Self {
        Constant
    }

    fn __get__(&self, obj: Option<&PyAny>, _owner: Option<&PyAny>) -> &'static str {
        if obj.is_some() {
            "instance"
        } else {
            "class"
        }
    }
}

/// `__set__` without `__delete__`.
#[pyclass(module = "pyclasses.protocols_calls")]
struct SetOnly;

#[pymethods]
impl SetOnly {
    #[new]
    fn new() -> Self {
        SetOnly
    }

    fn __get__(&self, _obj: Option<&PyAny>, _owner: Option<&PyAny>) -> i64 {
        0
    }

    fn __set__(&self, _obj: &PyAny, _value: &PyAny) {}
}

/// The `protocols_calls` submodule.
#[pymodule]
pub fn protocols_calls(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Adder>()?;
    m.add_class::<Recorder>()?;
    m.add_class::<Doubled>()?;
    m.add_class::<Constant>()?;
    m.add_class::<SetOnly>()?;
    Ok(())
}
