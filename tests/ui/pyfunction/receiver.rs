use pyo3::prelude::*;

struct Counter(i64);

impl Counter {
    #[pyfunction]
    fn get(&self) -> i64 {
        self.0
    }
}

fn main() {}
