use pyo3::prelude::*;

struct Handle;

#[derive(FromPyObject)]
struct Config {
    handle: Handle,
}

fn main() {}
