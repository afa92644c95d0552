//! The `collections.abc` classes behind the `PySequence` and `PyMapping` type checks,
//! imported once per process and cached.

use crate::err::PyResult;
use crate::instance::Py;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::{PyAny, PyType};

static SEQUENCE_ABC: GILOnceCell<Py<PyType>> = GILOnceCell::new();
static MAPPING_ABC: GILOnceCell<Py<PyType>> = GILOnceCell::new();

/// `collections.abc.<name>`, cached in `cell`.
fn get_abc<'py>(
    py: Python<'py>,
    cell: &'static GILOnceCell<Py<PyType>>,
    name: &str,
) -> PyResult<&'py PyType> {
    cell.get_or_try_init(py, || {
        let abc: &PyType = py.import("collections.abc")?.getattr(name)?.downcast()?;
        Ok(abc.into())
    })
    .map(|abc| abc.as_ref(py))
}

/// `collections.abc.Sequence`.
pub(crate) fn sequence_abc(py: Python<'_>) -> PyResult<&PyType> {
    get_abc(py, &SEQUENCE_ABC, "Sequence")
}

/// `collections.abc.Mapping`.
pub(crate) fn mapping_abc(py: Python<'_>) -> PyResult<&PyType> {
    get_abc(py, &MAPPING_ABC, "Mapping")
}

/// `isinstance(object, abc)`; an error (in importing the ABC or in a custom
/// `__instancecheck__`) is reported as unraisable and counts as "no", since a type check
/// cannot fail.
pub(crate) fn is_instance_of_abc(
    object: &PyAny,
    abc: for<'py> fn(Python<'py>) -> PyResult<&'py PyType>,
) -> bool {
    let py = object.py();
    match abc(py).and_then(|abc| object.is_instance(abc)) {
        Ok(result) => result,
        Err(err) => {
            err.write_unraisable(py, Some(object));
            false
        }
    }
}
