use pyo3::prelude::*;

#[pyfunction]
unsafe fn read(ptr: usize) -> u8 {
    unsafe { *(ptr as *const u8) }
}

fn main() {}
