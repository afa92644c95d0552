//! `pyclasses`: the test extension module for `#[pyclass]`, `#[pymethods]` and
//! `#[derive(FromPyObject)]`. Each topic is a submodule (`src/<topic>.rs`), checked by
//! `test_<topic>.py`.

use pyo3::prelude::*;

mod basics;
mod borrows;
mod conversions;
mod drops;
mod enums;
mod inheritance;
mod methods;
mod protocols_async;
mod protocols_attributes;
mod protocols_buffer;
mod protocols_calls;
mod protocols_compare;
mod protocols_containers;
mod protocols_gc;
mod protocols_iter_output;
mod protocols_numbers;

/// Test module for classes.
#[pymodule]
fn pyclasses(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_wrapped(wrap_pymodule!(basics::basics))?;
    m.add_wrapped(wrap_pymodule!(borrows::borrows))?;
    m.add_wrapped(wrap_pymodule!(conversions::conversions))?;
    m.add_wrapped(wrap_pymodule!(drops::drops_module))?;
    m.add_wrapped(wrap_pymodule!(enums::enums))?;
    m.add_wrapped(wrap_pymodule!(inheritance::inheritance))?;
    m.add_wrapped(wrap_pymodule!(methods::methods))?;
    m.add_wrapped(wrap_pymodule!(protocols_async::protocols_async))?;
    m.add_wrapped(wrap_pymodule!(protocols_attributes::protocols_attributes))?;
    m.add_wrapped(wrap_pymodule!(protocols_buffer::protocols_buffer))?;
    m.add_wrapped(wrap_pymodule!(protocols_calls::protocols_calls))?;
    m.add_wrapped(wrap_pymodule!(protocols_compare::protocols_compare))?;
    m.add_wrapped(wrap_pymodule!(protocols_containers::protocols_containers))?;
    m.add_wrapped(wrap_pymodule!(protocols_gc::protocols_gc))?;
    m.add_wrapped(wrap_pymodule!(protocols_iter_output::protocols_iter_output))?;
    m.add_wrapped(wrap_pymodule!(protocols_numbers::protocols_numbers))?;
    Ok(())
}
