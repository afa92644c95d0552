use pyo3::prelude::*;

#[pyclass(rename_all = "camel")]
struct Record {
    #[pyo3(get)]
    first_name: String,
}

fn main() {}
