//! Every kind of `#[pymethods]` item, and methods of every signature shape (the tests
//! compare them with an equivalent Python class: results, errors, `inspect.signature`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

/// Counts things.
#[pyclass(module = "pyclasses.methods")]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    /// Starts at `start`.
    #[new]
    #[pyo3(signature = (start = 0))]
    fn new(start: i64) -> Self {
        Counter { value: start }
    }

    /// Adds one.
    fn incr(&mut self) {
        self.value += 1;
    }

    /// Adds `n` and returns the new value.
    fn add(&mut self, n: i64) -> i64 {
        self.value += n;
        self.value
    }

    /// The current value.
    #[getter]
    fn value(&self) -> i64 {
        self.value
    }

    #[setter]
    fn set_value(&mut self, value: i64) -> PyResult<()> {
        if value < 0 {
            return Err(PyValueError::new_err("the value must not be negative"));
        }
        self.value = value;
        Ok(())
    }

    #[getter(doubled)]
    fn twice(&self) -> i64 {
        2 * self.value
    }

    #[getter("halved")]
    fn half(&self, py: Python<'_>) -> PyObject {
        (self.value / 2).into_py(py)
    }

    #[getter]
    fn get_read_only(&self) -> &'static str {
        "ro"
    }

    #[staticmethod]
    fn from_pair(a: i64, b: i64) -> Counter {
        Counter { value: a + b }
    }

    #[classmethod]
    fn class_name(cls: &PyType) -> PyResult<String> {
        cls.getattr("__qualname__")?.extract()
    }

    #[classmethod]
    fn make(cls: &PyType, value: i64) -> PyResult<&PyAny> {
        cls.call1((value,))
    }

    #[classattr]
    const LIMIT: i64 = 1000;

    #[classattr]
    #[pyo3(name = "ZERO")]
    fn zero() -> Counter {
        Counter { value: 0 }
    }

    #[pyo3(name = "renamed")]
    fn rust_name(&self) -> &'static str {
        "renamed"
    }

    fn slf_ref(slf: PyRef<'_, Self>) -> i64 {
        slf.value
    }

    fn slf_mut(mut slf: PyRefMut<'_, Self>, by: i64) -> i64 {
        slf.value += by;
        slf.value
    }

    fn slf_cell(slf: &PyCell<Self>) -> PyResult<i64> {
        Ok(slf.try_borrow()?.value)
    }

    fn slf_py(slf: Py<Self>, py: Python<'_>) -> i64 {
        slf.borrow(py).value
    }

    fn needs_token(&self, py: Python<'_>) -> String {
        py.version()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned()
    }

    fn __repr__(&self) -> String {
        format!("Counter({})", self.value)
    }
}

#[pymethods]
impl Counter {
    /// From a second `#[pymethods]` block.
    fn reset(&mut self) {
        self.value = 0;
    }
}

/// Pickles through `__reduce__`.
#[pyclass(module = "pyclasses.methods")]
struct Reducible {
    #[pyo3(get)]
    value: i64,
}

#[pymethods]
impl Reducible {
    #[new]
    fn new(value: i64) -> Self {
        Reducible { value }
    }

    fn __reduce__(slf: &PyCell<Self>) -> PyResult<(PyObject, (i64,))> {
        let py = slf.py();
        Ok((slf.get_type().into_py(py), (slf.borrow().value,)))
    }
}

/// Methods of every signature shape; each returns what it received.
#[pyclass(module = "pyclasses.methods")]
struct Sig {}

type Full<'py> = (
    i64,
    i64,
    Option<i64>,
    &'py PyTuple,
    i64,
    i64,
    Option<&'py PyDict>,
);

#[pymethods]
impl Sig {
    #[new]
    fn new() -> Self {
        Sig {}
    }

    fn noop(&self) {}

    fn one(&self, a: i64) -> i64 {
        a
    }

    fn add(&self, a: i64, b: i64) -> i64 {
        a + b
    }

    #[pyo3(signature = (a, b = 2, *, c = 3))]
    fn kw(&self, a: i64, b: i64, c: i64) -> i64 {
        a + b + c
    }

    #[pyo3(signature = (a, b = 1, /, c = None, *args, d, e = 2, **kwargs))]
    #[allow(clippy::too_many_arguments)]
    fn full<'py>(
        &self,
        a: i64,
        b: i64,
        c: Option<i64>,
        args: &'py PyTuple,
        d: i64,
        e: i64,
        kwargs: Option<&'py PyDict>,
    ) -> Full<'py> {
        (a, b, c, args, d, e, kwargs)
    }

    #[pyo3(signature = (a, b, /, c))]
    fn posonly(&mut self, a: i64, b: i64, c: i64) -> (i64, i64, i64) {
        (a, b, c)
    }

    #[pyo3(signature = (*, a, b = 2))]
    fn kwonly(slf: PyRef<'_, Self>, a: i64, b: i64) -> (i64, i64) {
        let _ = slf;
        (a, b)
    }

    #[pyo3(signature = (*args))]
    fn varargs<'py>(&self, args: &'py PyTuple) -> &'py PyTuple {
        args
    }

    #[staticmethod]
    fn s_add(a: i64, b: i64) -> i64 {
        a + b
    }

    #[staticmethod]
    #[pyo3(signature = (a, b = 2, *, c = 3))]
    fn s_kw(a: i64, b: i64, c: i64) -> i64 {
        a + b + c
    }

    #[classmethod]
    fn c_add(_cls: &PyType, a: i64, b: i64) -> i64 {
        a + b
    }

    #[classmethod]
    #[pyo3(signature = (a, /, b = 2))]
    fn c_posonly(_cls: &PyType, a: i64, b: i64) -> (i64, i64) {
        (a, b)
    }
}

/// A constructor with every kind of parameter.
#[pyclass(module = "pyclasses.methods")]
struct Ctor {
    #[pyo3(get)]
    args: (i64, i64, i64),
}

#[pymethods]
impl Ctor {
    #[new]
    #[pyo3(signature = (a, b = 1, *, c = 2))]
    fn new(a: i64, b: i64, c: i64) -> Self {
        Ctor { args: (a, b, c) }
    }
}

/// A constructor that can fail.
#[pyclass(module = "pyclasses.methods")]
struct Positive {
    #[pyo3(get)]
    value: u32,
}

#[pymethods]
impl Positive {
    #[new]
    fn new(value: i64) -> PyResult<Self> {
        match u32::try_from(value) {
            Ok(value) if value > 0 => Ok(Positive { value }),
            _ => Err(PyValueError::new_err(format!("{value} is not positive"))),
        }
    }
}

/// Magic methods from the dunder table, written by hand.
#[pyclass(module = "pyclasses.methods")]
struct Money {
    cents: i64,
}

#[pymethods]
impl Money {
    #[new]
    #[pyo3(text_signature = "(cents, /)")]
    fn new(cents: i64) -> Self {
        Money { cents }
    }

    fn __repr__(&self) -> String {
        format!("Money({})", self.cents)
    }

    fn __str__(&self) -> String {
        format!("${}.{:02}", self.cents / 100, self.cents % 100)
    }

    fn __hash__(&self) -> u64 {
        self.cents as u64
    }

    fn __int__(&self) -> i64 {
        self.cents
    }

    fn __richcmp__(&self, other: PyRef<'_, Self>, op: pyo3::pyclass::CompareOp) -> bool {
        op.matches(self.cents.cmp(&other.cents))
    }

    /// Parses the amount with a custom extractor.
    #[staticmethod]
    fn parse(#[pyo3(from_py_with = "cents_of")] cents: i64) -> Money {
        Money { cents }
    }
}

fn cents_of(obj: &PyAny) -> PyResult<i64> {
    let text: &str = obj.extract()?;
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let whole: i64 = whole
        .parse()
        .map_err(|_| PyValueError::new_err("bad amount"))?;
    let frac: i64 = frac
        .parse()
        .map_err(|_| PyValueError::new_err("bad amount"))?;
    Ok(whole * 100 + frac)
}

#[pymodule]
pub fn methods(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Counter>()?;
    m.add_class::<Reducible>()?;
    m.add_class::<Sig>()?;
    m.add_class::<Ctor>()?;
    m.add_class::<Positive>()?;
    m.add_class::<Money>()?;
    Ok(())
}
