use pyo3::prelude::*;

struct Handle(u32);

#[pyclass]
struct Resource {
    #[pyo3(get)]
    handle: Handle,
}

fn main() {}
