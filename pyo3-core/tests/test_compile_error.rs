//! Compile-fail (UI) tests: every case under `tests/ui/<category>/` at the repository root
//! must fail to compile with exactly the errors recorded in its `<case>.stderr`; every case
//! under `tests/ui/pass/` must compile cleanly.
//!
//! After an intended change of a message (or a new compiler version), re-bless with
//!
//! ```text
//! TRYBUILD=overwrite cargo test -p pyo3-core --test test_compile_error
//! ```
//!
//! and review the `.stderr` diffs before committing: they are what users will read.

/// One line per category directory under `tests/ui/`.
const CATEGORIES: &[&str] = &[
    "borrowed_iter",
    "derive",
    "gil",
    "pyclass",
    "pyfunction",
    "pymethods",
    "pymodule",
    "signature",
];

#[test]
fn compile_errors() {
    // The snapshots do not depend on the interpreter: scripts/test.sh checks them on the
    // default one only and sets this variable for the others.
    if std::env::var_os("PYO3_SKIP_UI_TESTS").is_some() {
        eprintln!("notice: PYO3_SKIP_UI_TESTS is set; compile-fail snapshots not checked here");
        return;
    }
    // The snapshots record the default (full C API) build; an abi3 build names other types
    // in some messages.
    if cfg!(Py_LIMITED_API) {
        eprintln!("notice: abi3 build; compile-fail snapshots are checked on the default build");
        return;
    }
    let cases = trybuild::TestCases::new();
    for category in CATEGORIES {
        cases.compile_fail(format!("../tests/ui/{category}/*.rs"));
    }
    // Code that must compile cleanly under strict lints (`deny(warnings)`,
    // `no_implicit_prelude`, ...).
    cases.pass("../tests/ui/pass/*.rs");
}
