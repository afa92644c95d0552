//! Borrow checking of receivers: a method that calls back into Python, which calls the
//! same object, gets `RuntimeError` instead of aliasing `&mut`.

use pyo3::prelude::*;

#[pyclass(module = "pyclasses.borrows")]
struct Cell {
    #[pyo3(get, set)]
    value: i64,
}

#[pymethods]
impl Cell {
    #[new]
    fn new(value: i64) -> Self {
        Cell { value }
    }

    /// Holds `&mut self` while `f` runs.
    fn mutate_with(&mut self, f: &PyAny) -> PyResult<()> {
        self.value += 1;
        f.call0()?;
        self.value += 1;
        Ok(())
    }

    /// Holds `&self` while `f` runs.
    fn read_with(&self, f: &PyAny) -> PyResult<i64> {
        f.call0()?;
        Ok(self.value)
    }

    /// Holds a shared borrow through `slf` while `f` runs with the object.
    fn call_with_self(slf: PyRef<'_, Self>, f: &PyAny) -> PyResult<PyObject> {
        Ok(f.call1((slf.as_cell(),))?.into())
    }

    fn incr(&mut self) {
        self.value += 1;
    }

    fn get(&self) -> i64 {
        self.value
    }

    fn merge(&mut self, other: PyRef<'_, Self>) {
        self.value += other.value;
    }
}

/// A frozen class: `&self` methods never touch a borrow flag.
#[pyclass(module = "pyclasses.borrows", frozen)]
struct Constant {
    #[pyo3(get)]
    value: i64,
}

#[pymethods]
impl Constant {
    #[new]
    fn new(value: i64) -> Self {
        Constant { value }
    }

    fn read_with(&self, f: &PyAny) -> PyResult<i64> {
        f.call0()?;
        Ok(self.value)
    }
}

/// Holds a borrow from Rust while Python code runs.
#[pyfunction]
fn hold_borrow_mut(cell: &PyCell<Cell>, f: &PyAny) -> PyResult<()> {
    let _guard = cell.try_borrow_mut()?;
    f.call0()?;
    Ok(())
}

#[pymodule]
pub fn borrows(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Cell>()?;
    m.add_class::<Constant>()?;
    m.add_function(wrap_pyfunction!(hold_borrow_mut, m)?)?;
    Ok(())
}
