use pyo3::prelude::*;

#[pyclass]
struct Descriptor {}

#[pymethods]
impl Descriptor {
    fn __get__(&self, instance: &PyAny) -> PyObject {
        instance.into()
    }

    fn __set__(&self, instance: &PyAny) {
        let _ = instance;
    }

    fn __delete__(&self, instance: &PyAny, extra: &PyAny) {
        let _ = (instance, extra);
    }

    fn __set_name__(&self, owner: &PyAny) {
        let _ = owner;
    }
}

fn main() {}
