//! Protocols, group 2: containers and iterators (`__len__`, `__getitem__`,
//! `__setitem__`, `__delitem__`, `__contains__`, `__iter__`, `__next__`, and
//! `__reversed__` as a plain method).

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;

/// A list of integers.
#[pyclass(module = "pyclasses.protocols_containers")]
struct Seq {
    items: Vec<i64>,
}

impl Seq {
    fn position(&self, index: isize) -> PyResult<usize> {
        let len = self.items.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if (0..len).contains(&i) {
            Ok(i as usize)
        } else {
            Err(PyIndexError::new_err("list index out of range"))
        }
    }
}

#[pymethods]
impl Seq {
    #[new]
    fn new(items: Vec<i64>) -> Self {
        Seq { items }
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<i64> {
        Ok(self.items[self.position(index)?])
    }

    fn __setitem__(&mut self, index: isize, value: i64) -> PyResult<()> {
        let i = self.position(index)?;
        self.items[i] = value;
        Ok(())
    }

    fn __delitem__(&mut self, index: isize) -> PyResult<()> {
        let i = self.position(index)?;
        self.items.remove(i);
        Ok(())
    }

    fn __contains__(&self, item: i64) -> bool {
        self.items.contains(&item)
    }

    fn __reversed__(&self) -> Vec<i64> {
        self.items.iter().rev().copied().collect()
    }
}

/// Counts down to one.
#[pyclass(module = "pyclasses.protocols_containers")]
struct Countdown {
    n: u32,
}

#[pymethods]
impl Countdown {
    #[new]
    fn new(n: u32) -> Self {
        Countdown { n }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<u32> {
        let n = self.n;
        self.n = n.checked_sub(1)?;
        Some(n)
    }
}

/// An iterator whose `__next__` raises on 13.
#[pyclass(module = "pyclasses.protocols_containers")]
struct Unlucky {
    n: u32,
}

#[pymethods]
impl Unlucky {
    #[new]
    fn new() -> Self {
        Unlucky { n: 10 }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> PyResult<Option<u32>> {
        self.n += 1;
        if self.n == 13 {
            return Err(PyValueError::new_err("unlucky"));
        }
        Ok(Some(self.n))
    }
}

/// Only `__setitem__`, a `__len__` too large for `Py_ssize_t`, and a failing `__contains__`.
#[pyclass(module = "pyclasses.protocols_containers")]
struct Odd;

#[pymethods]
impl Odd {
    #[new]
    fn new() -> Self {
        Odd
    }

    fn __len__(&self) -> usize {
        usize::MAX
    }

    fn __setitem__(&mut self, key: String, value: String) {
        let _ = (key, value);
    }

    fn __contains__(&self, item: &PyAny) -> PyResult<bool> {
        Err(PyValueError::new_err(format!(
            "cannot look for {}",
            item.repr()?
        )))
    }
}

/// A `sequence`: registered as `collections.abc.Sequence`, matched by sequence patterns.
#[pyclass(sequence, module = "pyclasses.protocols_containers")]
struct Pair {
    items: [i64; 2],
}

#[pymethods]
impl Pair {
    #[new]
    fn new(a: i64, b: i64) -> Self {
        Pair { items: [a, b] }
    }

    fn __len__(&self) -> usize {
        2
    }

    fn __getitem__(&self, index: usize) -> PyResult<i64> {
        self.items
            .get(index)
            .copied()
            .ok_or_else(|| PyIndexError::new_err("index out of range"))
    }
}

/// A `mapping`: registered as `collections.abc.Mapping`, matched by mapping patterns, and
/// not a sequence.
#[pyclass(mapping, module = "pyclasses.protocols_containers")]
struct Single {
    key: String,
    value: i64,
}

#[pymethods]
impl Single {
    #[new]
    fn new(key: String, value: i64) -> Self {
        Single { key, value }
    }

    fn __len__(&self) -> usize {
        1
    }

    fn __getitem__(&self, key: &str) -> PyResult<i64> {
        if key == self.key {
            Ok(self.value)
        } else {
            Err(pyo3::exceptions::PyKeyError::new_err(key.to_owned()))
        }
    }

    /// `Mapping.get` (mapping patterns in `match` call it).
    #[pyo3(signature = (key, default = None))]
    fn get(&self, key: &str, default: Option<PyObject>, py: Python<'_>) -> Option<PyObject> {
        if key == self.key {
            Some(self.value.into_py(py))
        } else {
            default
        }
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(pyo3::types::PyList::new(py, [self.key.as_str()])
            .call_method0("__iter__")?
            .into())
    }
}

/// No container methods at all.
#[pyclass(module = "pyclasses.protocols_containers")]
struct Empty;

#[pymethods]
impl Empty {
    #[new]
    fn new() -> Self {
        Empty
    }
}

/// The `protocols_containers` submodule.
#[pymodule]
pub fn protocols_containers(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Seq>()?;
    m.add_class::<Countdown>()?;
    m.add_class::<Unlucky>()?;
    m.add_class::<Odd>()?;
    m.add_class::<Empty>()?;
    m.add_class::<Pair>()?;
    m.add_class::<Single>()?;
    Ok(())
}
