use pyo3::prelude::*;
use pyo3::types::PyTuple;

#[pyfunction]
#[pyo3(signature = (*args, *more))]
fn f(args: &PyTuple, more: &PyTuple) -> usize {
    args.len() + more.len()
}

fn main() {}
