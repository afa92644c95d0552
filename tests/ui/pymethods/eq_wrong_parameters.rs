use pyo3::prelude::*;

#[pyclass]
struct Version {}

#[pymethods]
impl Version {
    fn __eq__(&self, other: &Self, op: pyo3::pyclass::CompareOp) -> bool {
        let _ = (other, op);
        true
    }
}

fn main() {}
