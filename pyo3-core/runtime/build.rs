//! Turns the interpreter configuration published by `pyo3-ffi-sys` into cfgs:
//! `Py_3_9`..`Py_3_13` (version at least), `Py_LIMITED_API`, `Py_GIL_DISABLED`, `PyPy`.

use std::env;

const MAX_MINOR: u32 = 15;

fn dep(key: &str) -> String {
    env::var(format!("DEP_PYO3_FFI_SYS_{key}")).unwrap_or_default()
}

/// Prints the cfgs (and, for tests, the rpath of libpython); `pyo3-core`'s build script calls it too.
pub fn main() {
    println!("cargo:rustc-check-cfg=cfg(Py_LIMITED_API, Py_GIL_DISABLED, PyPy, GraalPy)");
    for minor in 7..=MAX_MINOR {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{minor})");
    }

    let version = dep("VERSION");
    let minor: u32 = version
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .expect("pyo3-ffi-sys published no Python version");
    for m in 7..=minor.min(MAX_MINOR) {
        println!("cargo:rustc-cfg=Py_3_{m}");
    }
    if dep("ABI3") == "true" {
        println!("cargo:rustc-cfg=Py_LIMITED_API");
    }
    if dep("GIL_DISABLED") == "true" {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
    match dep("IMPLEMENTATION").as_str() {
        "PyPy" => println!("cargo:rustc-cfg=PyPy"),
        "GraalPy" => println!("cargo:rustc-cfg=GraalPy"),
        _ => {}
    }
    // The crate's own tests and examples embed the interpreter: let them find libpython
    // when it lives outside the system library path (pyenv, conda).
    let lib_dir = dep("LIB_DIR");
    if dep("SHARED") == "true" && !lib_dir.is_empty() {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib_dir}");
    }
}
