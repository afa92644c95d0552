//! The token proves *this* thread holds the GIL; it cannot move to another thread.
use pyo3::prelude::*;

fn main() {
    Python::with_gil(|py| {
        std::thread::spawn(move || {
            let _none = py.None();
        });
    });
}
