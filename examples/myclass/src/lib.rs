//! The `myclass` module: the seed's `MyClass`, a Rust struct with a constructor and a method.

use pyo3::prelude::*;

/// A number that can be halved.
#[pyclass]
struct MyClass {
    num: u32,
}

#[pymethods]
impl MyClass {
    /// `MyClass(num)`: Python calls this when it calls the class.
    #[new]
    fn new(num: u32) -> Self {
        MyClass { num }
    }

    /// Returns half of the number, rounded down.
    fn half(&self) -> PyResult<u32> {
        Ok(self.num / 2)
    }
}

/// A module with one class written in Rust.
#[pymodule]
fn myclass(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<MyClass>()
}
