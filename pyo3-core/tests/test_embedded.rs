//! `with_embedded_python_interpreter`: start, use and finalize the interpreter in one call.
//! Its own test binary, because the interpreter cannot be used after finalization.

#[test]
fn embedded_interpreter_runs_then_finalizes() {
    // SAFETY: nothing else in this binary starts Python, and nothing Python-owned
    // survives the closure.
    let value = unsafe {
        pyo3::with_embedded_python_interpreter(|py| {
            let nested: i64 = pyo3::Python::with_gil(|py| {
                py.eval("2 ** 10", None, None).unwrap().extract().unwrap()
            });
            nested + py.eval("1", None, None).unwrap().extract::<i64>().unwrap()
        })
    };
    assert_eq!(value, 1025);
    // SAFETY: Py_IsInitialized may be called at any time.
    assert_eq!(unsafe { pyo3::ffi::Py_IsInitialized() }, 0);
}
