//! Nothing GIL-bound may come out of `allow_threads` either.
use pyo3::prelude::*;

fn smuggled() -> &'static PyAny {
    unimplemented!()
}

fn main() {
    Python::with_gil(|py| {
        let _any = py.allow_threads(smuggled);
    });
}
