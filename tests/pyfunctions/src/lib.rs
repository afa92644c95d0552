//! `pyfunctions`: the test extension module for `#[pyfunction]` and `#[pymodule]`. Each
//! topic is a submodule (`src/<topic>.rs`), checked by `test_<topic>.py`.

use pyo3::prelude::*;

mod closures;
mod conversions;
mod greenlets;
mod modules;
mod options;
mod panics;
mod pool;
mod signatures;

/// Test module for #[pyfunction] and #[pymodule].
///
/// Second paragraph.
#[pymodule]
fn pyfunctions(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_wrapped(wrap_pymodule!(signatures::signatures))?;
    m.add_wrapped(wrap_pymodule!(conversions::conversions))?;
    m.add_wrapped(wrap_pymodule!(options::options))?;
    m.add_wrapped(wrap_pymodule!(panics::panics))?;
    m.add_wrapped(wrap_pymodule!(pool::pool))?;
    m.add_wrapped(wrap_pymodule!(closures::closures))?;
    m.add_wrapped(wrap_pymodule!(greenlets::greenlets))?;
    modules::register(py, m)
}
