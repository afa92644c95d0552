//! Embeds CPython in a Rust program: runs Python code, converts values both ways and turns
//! a Python exception into a Rust error.

use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyList};

fn main() -> PyResult<()> {
    Python::with_gil(|py| {
        println!(
            "Python {}",
            py.version().split_whitespace().next().unwrap_or("?")
        );

        // Rust -> Python: a Vec becomes a list, a HashMap-like iterator a dict.
        let primes = PyList::new(py, [2, 3, 5, 7, 11]);
        let locals = [("primes", primes)].into_py_dict(py);
        let total: i64 = py.eval("sum(primes)", None, Some(locals))?.extract()?;
        println!("sum of {primes} = {total}");

        // Python -> Rust: a tuple extracted into a Rust tuple.
        let (name, answer, ratio): (String, u8, f64) = py
            .eval("('answer', 6 * 7, 22 / 7)", None, None)?
            .extract()?;
        println!("{name} = {answer}, ratio = {ratio:.4}");

        // Calling into the standard library.
        let math = py.import("math")?;
        let root: f64 = math.getattr("sqrt")?.call1((2.0,))?.extract()?;
        println!("math.sqrt(2) = {root:.6}");

        // A Python exception arrives as a PyErr.
        let err = py.eval("int('forty-two')", None, None).unwrap_err();
        println!("caught {err}");
        Ok(())
    })
}
