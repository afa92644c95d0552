use std::rc::Rc;

use pyo3::prelude::*;

#[pyclass]
struct Shared {
    data: Rc<Vec<u8>>,
}

fn main() {}
