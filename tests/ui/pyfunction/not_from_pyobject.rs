use pyo3::prelude::*;

struct Config {
    verbose: bool,
}

#[pyfunction]
fn configure(config: Config) -> bool {
    config.verbose
}

fn main() {}
