//! `allow_threads` releases the GIL, so its closure cannot use the token.
use pyo3::prelude::*;

fn main() {
    Python::with_gil(|py| {
        py.allow_threads(|| {
            let _none = py.None();
        });
    });
}
