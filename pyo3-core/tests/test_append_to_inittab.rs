//! `append_to_inittab!`: a `#[pymodule]` registered as a built-in module of an embedded
//! interpreter. A test binary of its own, since it must run before the interpreter starts.

use pyo3::prelude::*;

#[pyfunction]
fn triple(x: i64) -> i64 {
    3 * x
}

/// A module built into the embedding program.
#[pymodule]
fn embedded_module(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(triple, m)?)?;
    m.add("ANSWER", 42)
}

#[test]
fn module_is_importable_by_name_in_the_embedded_interpreter() {
    pyo3::append_to_inittab!(embedded_module);
    Python::with_gil(|py| {
        let module = py.import("embedded_module").unwrap();
        assert_eq!(
            module.getattr("ANSWER").unwrap().extract::<i64>().unwrap(),
            42
        );
        let tripled: i64 = module
            .getattr("triple")
            .unwrap()
            .call1((5,))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(tripled, 15);
        let doc: &str = module.getattr("__doc__").unwrap().extract().unwrap();
        assert_eq!(doc, "A module built into the embedding program.");
        // Imported again: the module object from sys.modules, not a second initialisation.
        assert!(py.import("embedded_module").unwrap().is(module));
    });

    // Once the interpreter runs, registering is a programming error. (One test function:
    // the steps must run in this order, in this process.)
    let late = std::panic::catch_unwind(|| pyo3::append_to_inittab!(embedded_module));
    let message = late.unwrap_err();
    let message = message.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(
        message.starts_with("`append_to_inittab!` was called after the Python interpreter started"),
        "{message}"
    );
}
