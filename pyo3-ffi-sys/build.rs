//! Reads the interpreter configuration that `pyo3-ffi` resolved and republishes it as
//! plain `links` metadata, so that `pyo3-core`'s build script can turn it into cfgs.

use std::collections::HashMap;
use std::env;

/// Decodes the hex-encoded `key=value` lines that `pyo3-ffi` publishes.
fn decode_config(hex: &str) -> HashMap<String, String> {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("pyo3-ffi config is hex"))
        .collect();
    let text = String::from_utf8(bytes).expect("pyo3-ffi config is UTF-8");
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn main() {
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
    println!("cargo:rerun-if-env-changed=PYO3_CONFIG_FILE");
    let hex = env::var("DEP_PYTHON_PYO3_CONFIG")
        .expect("pyo3-ffi did not publish its interpreter configuration");
    let config = decode_config(&hex);
    let get = |key: &str| config.get(key).cloned().unwrap_or_default();

    // target_abi looks like `CPython-gil_enabled-3.11`, `CPython-abi3-3.9` or
    // `CPython-free_threaded-3.13`.
    let target_abi = get("target_abi");
    let abi3 = target_abi.contains("-abi3");
    let free_threaded = target_abi.contains("free_threaded")
        || get("build_flags")
            .split(',')
            .any(|f| f == "Py_GIL_DISABLED");

    // The version cfgs describe the C API we may call: under abi3 that is the stable ABI of
    // the minimum version (the tail of `target_abi`), not the interpreter found at build time.
    let api_version = if abi3 {
        target_abi.rsplit('-').next().unwrap_or_default().to_owned()
    } else {
        get("version")
    };
    // The same cfgs pyo3-core gets, for this crate's own declarations.
    println!("cargo:rustc-check-cfg=cfg(Py_LIMITED_API, Py_GIL_DISABLED, PyPy, GraalPy)");
    for minor in 7..=15 {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{minor})");
    }
    let minor: u32 = api_version
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .expect("pyo3-ffi published no Python version");
    for m in 7..=minor.min(15) {
        println!("cargo:rustc-cfg=Py_3_{m}");
    }
    if abi3 {
        println!("cargo:rustc-cfg=Py_LIMITED_API");
    }
    if free_threaded {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
    match get("implementation").as_str() {
        "PyPy" => println!("cargo:rustc-cfg=PyPy"),
        "GraalPy" => println!("cargo:rustc-cfg=GraalPy"),
        _ => {}
    }

    println!("cargo:version={api_version}");
    println!("cargo:interpreter_version={}", get("version"));
    println!("cargo:implementation={}", get("implementation"));
    println!("cargo:abi3={abi3}");
    println!("cargo:gil_disabled={free_threaded}");
    println!("cargo:lib_dir={}", get("lib_dir"));

    println!("cargo:executable={}", get("executable"));
    println!("cargo:shared={}", get("shared"));
}
