//! The same interpreter cfgs as the runtime's (`runtime/build.rs`), for this crate's
//! tests and the guide's snippets, which use `#[cfg(Py_3_12)]` and the like.

#[path = "runtime/build.rs"]
mod runtime_build;

fn main() {
    runtime_build::main();
}
