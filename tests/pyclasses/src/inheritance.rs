//! Inheritance: Rust classes extending Rust classes (`extends`, `PyClassInitializer`),
//! native bases (exceptions, `dict`, `list`), and bases for Python subclasses.

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::pyclass::PyClassInitializer;
use pyo3::types::{PyDict, PyList, PyTuple};

/// A base class.
#[pyclass(module = "pyclasses.inheritance", subclass)]
struct Animal {
    #[pyo3(get)]
    name: String,
}

#[pymethods]
impl Animal {
    #[new]
    fn new(name: String) -> Self {
        Animal { name }
    }

    fn speak(&self) -> String {
        format!("{} makes a sound", self.name)
    }

    fn rename(&mut self, name: String) {
        self.name = name;
    }

    fn kind(&self) -> &'static str {
        "animal"
    }
}

#[pyclass(module = "pyclasses.inheritance", extends = Animal, subclass)]
struct Dog {
    #[pyo3(get)]
    tricks: u32,
}

#[pymethods]
impl Dog {
    #[new]
    #[pyo3(signature = (name, tricks = 0))]
    fn new(name: String, tricks: u32) -> (Self, Animal) {
        (Dog { tricks }, Animal { name })
    }

    fn speak(slf: PyRef<'_, Self>) -> String {
        format!("{} barks", slf.as_ref().name)
    }

    fn learn(mut slf: PyRefMut<'_, Self>) -> u32 {
        slf.tricks += 1;
        let tricks = slf.tricks;
        slf.into_super().rename(format!("clever dog ({tricks})"));
        tricks
    }
}

#[pyclass(module = "pyclasses.inheritance", extends = Dog)]
struct Puppy {
    #[pyo3(get)]
    age: u32,
}

#[pymethods]
impl Puppy {
    #[new]
    fn new(name: String) -> PyClassInitializer<Self> {
        PyClassInitializer::from(Animal { name })
            .add_subclass(Dog { tricks: 0 })
            .add_subclass(Puppy { age: 1 })
    }
}

/// An exception with a field.
#[pyclass(module = "pyclasses.inheritance", extends = PyException, subclass)]
struct AppError {
    #[pyo3(get)]
    code: i32,
}

#[pymethods]
impl AppError {
    // `BaseException.__init__` takes no keywords, so `code` is positional, as it would be
    // for a Python subclass that only overrides `__new__`.
    #[new]
    #[pyo3(signature = (message, code = 1))]
    fn new(message: &str, code: i32) -> Self {
        let _ = message;
        AppError { code }
    }
}

/// A `ValueError` subclass.
#[pyclass(module = "pyclasses.inheritance", extends = PyValueError)]
struct BadInput {
    #[pyo3(get)]
    field: String,
}

#[pymethods]
impl BadInput {
    #[new]
    fn new(message: &str, field: String) -> Self {
        let _ = message;
        BadInput { field }
    }
}

/// Raises `AppError` from Rust.
#[pyfunction]
fn fail(py: Python<'_>, code: i32) -> PyResult<()> {
    let err = Py::new(py, AppError { code })?;
    Err(PyErr::from_value(err.as_ref(py)))
}

/// A dict that counts the writes made through `put`.
#[pyclass(module = "pyclasses.inheritance", extends = PyDict)]
struct CountingDict {
    #[pyo3(get)]
    writes: usize,
}

#[pymethods]
impl CountingDict {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &PyTuple, _kwargs: Option<&PyDict>) -> Self {
        CountingDict { writes: 0 }
    }

    fn put(mut slf: PyRefMut<'_, Self>, key: &str, value: i64) -> PyResult<()> {
        slf.writes += 1;
        let dict: &PyDict = slf.as_cell().downcast()?;
        dict.set_item(key, value)
    }
}

/// A list with a label.
#[pyclass(module = "pyclasses.inheritance", extends = PyList)]
struct LabelledList {
    #[pyo3(get)]
    label: String,
}

#[pymethods]
impl LabelledList {
    #[new]
    #[pyo3(signature = (label, *_items))]
    fn new(label: String, _items: &PyTuple) -> Self {
        LabelledList { label }
    }
}

#[pymodule]
pub fn inheritance(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Animal>()?;
    m.add_class::<Dog>()?;
    m.add_class::<Puppy>()?;
    m.add_class::<AppError>()?;
    m.add_class::<BadInput>()?;
    m.add_class::<CountingDict>()?;
    m.add_class::<LabelledList>()?;
    m.add_function(wrap_pyfunction!(fail, m)?)?;
    Ok(())
}
