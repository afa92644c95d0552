//! Embedding programs link libpython; when it lives outside the system library path
//! (pyenv, conda), record its directory in the binary's rpath so it loads the same
//! interpreter it was built against.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
    let python = std::env::var("PYO3_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = Command::new(&python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_config_var('LIBDIR') or '')",
        ])
        .output();
    if let Ok(output) = output {
        let libdir = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if !libdir.is_empty() {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
        }
    }
}
