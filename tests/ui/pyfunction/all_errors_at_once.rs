use pyo3::prelude::*;

// One mistake per option: every one is reported, and nothing else cascades.
#[pyfunction(nmae = "x", signature = (a, b = 1, c))]
#[pyo3(pass_module, pass_module)]
fn f(m: &PyModule, a: i64, b: i64, c: i64) -> i64 {
    let _ = m;
    a + b + c
}

fn main() {
    Python::with_gil(|py| {
        let _ = wrap_pyfunction!(f, py);
    });
}
