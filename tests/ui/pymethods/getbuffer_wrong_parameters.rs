use pyo3::prelude::*;

#[pyclass]
struct Exporter {}

#[pymethods]
impl Exporter {
    unsafe fn __getbuffer__(
        _slf: PyRefMut<'_, Self>,
        _view: *mut pyo3::ffi::Py_buffer,
    ) -> PyResult<()> {
        Ok(())
    }
}

fn main() {}
