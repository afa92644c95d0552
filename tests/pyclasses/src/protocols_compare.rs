//! Protocols, group 1: truth (`__bool__`) and the individual comparison methods
//! (`__eq__`..`__ge__`), which share one `tp_richcompare`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Truthy when its value is not zero.
#[pyclass(module = "pyclasses.protocols_compare")]
struct Flag {
    value: i64,
}

#[pymethods]
impl Flag {
    #[new]
    fn new(value: i64) -> Self {
        Flag { value }
    }

    fn __bool__(&self) -> bool {
        self.value != 0
    }
}

/// `__bool__` that raises.
#[pyclass(module = "pyclasses.protocols_compare")]
struct NoTruth;

#[pymethods]
impl NoTruth {
    #[new]
    fn new() -> Self {
        NoTruth
    }

    fn __bool__(&self) -> PyResult<bool> {
        Err(PyValueError::new_err("no truth value"))
    }
}

/// All six comparisons, against the same class or an `int`.
#[pyclass(module = "pyclasses.protocols_compare")]
struct Version {
    value: i64,
}

/// What a `Version` compares with.
#[derive(FromPyObject)]
enum VersionLike<'py> {
    Version(PyRef<'py, Version>),
    Int(i64),
}

impl VersionLike<'_> {
    fn value(&self) -> i64 {
        match self {
            VersionLike::Version(v) => v.value,
            VersionLike::Int(i) => *i,
        }
    }
}

#[pymethods]
impl Version {
    #[new]
    fn new(value: i64) -> Self {
        Version { value }
    }

    fn __eq__(&self, other: VersionLike<'_>) -> bool {
        self.value == other.value()
    }

    fn __ne__(&self, other: VersionLike<'_>) -> bool {
        self.value != other.value()
    }

    fn __lt__(&self, other: VersionLike<'_>) -> bool {
        self.value < other.value()
    }

    fn __le__(&self, other: VersionLike<'_>) -> bool {
        self.value <= other.value()
    }

    fn __gt__(&self, other: VersionLike<'_>) -> bool {
        self.value > other.value()
    }

    fn __ge__(&self, other: VersionLike<'_>) -> bool {
        self.value >= other.value()
    }
}

/// Only `__eq__` and `__lt__`: `!=` inverts `__eq__`, `>` is reflected from `__lt__`,
/// `<=` and `>=` are unsupported.
#[pyclass(module = "pyclasses.protocols_compare")]
struct Partial {
    value: i64,
}

#[pymethods]
impl Partial {
    #[new]
    fn new(value: i64) -> Self {
        Partial { value }
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.value == other.value
    }

    fn __lt__(&self, other: PyRef<'_, Self>) -> bool {
        self.value < other.value
    }
}

/// `__eq__` returning any object, and raising for negative values.
#[pyclass(module = "pyclasses.protocols_compare")]
struct Odd {
    value: i64,
}

#[pymethods]
impl Odd {
    #[new]
    fn new(value: i64) -> Self {
        Odd { value }
    }

    fn __eq__(&self, py: Python<'_>, other: PyRef<'_, Self>) -> PyResult<PyObject> {
        if self.value < 0 {
            return Err(PyValueError::new_err("negative"));
        }
        Ok((self.value - other.value).into_py(py))
    }
}

/// The `protocols_compare` submodule.
#[pymodule]
pub fn protocols_compare(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Flag>()?;
    m.add_class::<NoTruth>()?;
    m.add_class::<Version>()?;
    m.add_class::<Partial>()?;
    m.add_class::<Odd>()?;
    Ok(())
}
