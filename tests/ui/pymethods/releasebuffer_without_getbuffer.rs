use pyo3::prelude::*;

#[pyclass]
struct Exporter {}

#[pymethods]
impl Exporter {
    unsafe fn __releasebuffer__(&self, _view: *mut pyo3::ffi::Py_buffer) {}
}

fn main() {}
