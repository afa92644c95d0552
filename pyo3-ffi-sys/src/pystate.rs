//! Thread-state functions of `pystate.h` that `pyo3-ffi` leaves out.

#[cfg(all(Py_LIMITED_API, not(PyPy)))]
use std::os::raw::c_int;

#[cfg(all(Py_LIMITED_API, not(PyPy)))]
extern "C" {
    /// Whether the calling thread holds the GIL (is attached, on free-threaded builds).
    ///
    /// `pyo3-ffi` declares this only outside the limited API, because `Include/pystate.h`
    /// keeps it out of the stable ABI headers; the symbol itself is exported by every
    /// CPython 3.9+ shared library and executable, so abi3 extensions on Unix resolve it at
    /// load time. (Windows' `python3.dll` does not forward it.)
    pub fn PyGILState_Check() -> c_int;
}
