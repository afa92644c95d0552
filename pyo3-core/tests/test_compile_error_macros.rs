//! The errors of `#[pyfunction]` and `#[pymodule]`, one trybuild case each under
//! `tests/ui/{pyfunction,pymodule,signature}/` with its `.stderr` snapshot, plus cases that
//! must compile cleanly under strict lints (`tests/ui/pass/`).
//!
//! After changing a message, re-bless the snapshots with
//! `TRYBUILD=overwrite cargo test -p pyo3-core --test test_compile_error_macros`
//! and review the diff.

#[test]
fn attribute_macro_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("../tests/ui/pyfunction/*.rs");
    cases.compile_fail("../tests/ui/signature/*.rs");
    cases.compile_fail("../tests/ui/pymodule/*.rs");
    cases.pass("../tests/ui/pass/macros_*.rs");
}
