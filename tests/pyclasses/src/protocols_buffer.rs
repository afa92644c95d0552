//! Protocols, group 8: classes exporting their memory through the buffer protocol
//! (`__getbuffer__`, `__releasebuffer__`), checked against `bytes`/`bytearray`.

use std::cell::Cell;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyBufferError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;

static BYTEBUF_DROPS: AtomicUsize = AtomicUsize::new(0);

/// A growable byte array exporting its contents as a 1-D buffer of `B`, writable unless
/// made read-only. Any number of views may coexist (`__getbuffer__` takes `PyRef`).
#[pyclass(module = "pyclasses.protocols_buffer")]
struct ByteBuf {
    data: Vec<u8>,
    readonly: bool,
    releases: Cell<usize>,
}

impl Drop for ByteBuf {
    fn drop(&mut self) {
        BYTEBUF_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl ByteBuf {
    #[new]
    #[pyo3(signature = (data, readonly = false))]
    fn new(data: Vec<u8>, readonly: bool) -> Self {
        ByteBuf {
            data,
            readonly,
            releases: Cell::new(0),
        }
    }

    /// Appends a byte: resizing would move the exported memory.
    fn push(&mut self, byte: u8) {
        self.data.push(byte);
    }

    /// A copy of the contents.
    fn get(&self) -> Vec<u8> {
        self.data.clone()
    }

    /// How many views were released so far.
    #[getter]
    fn releases(&self) -> usize {
        self.releases.get()
    }

    #[staticmethod]
    fn drops() -> usize {
        BYTEBUF_DROPS.load(Ordering::SeqCst)
    }

    unsafe fn __getbuffer__(
        slf: PyRef<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        let len = slf.data.len() as ffi::Py_ssize_t;
        let buf = slf.data.as_ptr() as *mut c_void;
        // SAFETY: `view` is the caller's to fill; the data stays put while the view is
        // alive, since the export borrow keeps `&mut self` methods out.
        let rc = unsafe {
            ffi::PyBuffer_FillInfo(
                view,
                slf.as_ptr(),
                buf,
                len,
                c_int::from(slf.readonly),
                flags,
            )
        };
        if rc == -1 {
            return Err(PyErr::fetch(slf.py()));
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(&self, _view: *mut ffi::Py_buffer) {
        self.releases.set(self.releases.get() + 1);
    }
}

/// A row-major matrix of `i32` exporting a 2-D buffer of format `i` with explicit shape
/// and strides, written with PyO3 0.20's signatures (`PyRefMut`).
#[pyclass(module = "pyclasses.protocols_buffer")]
struct Matrix {
    data: Vec<i32>,
    shape: [ffi::Py_ssize_t; 2],
    strides: [ffi::Py_ssize_t; 2],
    releases: usize,
}

#[pymethods]
impl Matrix {
    #[new]
    fn new(rows: usize, cols: usize) -> Self {
        let item = std::mem::size_of::<i32>() as ffi::Py_ssize_t;
        Matrix {
            data: (0..(rows * cols) as i32).collect(),
            shape: [rows as ffi::Py_ssize_t, cols as ffi::Py_ssize_t],
            strides: [cols as ffi::Py_ssize_t * item, item],
            releases: 0,
        }
    }

    fn clear(&mut self) {
        self.data.clear();
    }

    /// Calls `f` while `self` is mutably borrowed.
    fn while_borrowed(&mut self, f: &PyAny) -> PyResult<PyObject> {
        f.call0().map(Into::into)
    }

    #[getter]
    fn releases(&self) -> usize {
        self.releases
    }

    unsafe fn __getbuffer__(
        mut slf: PyRefMut<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        if flags & ffi::PyBUF_WRITABLE != 0 {
            return Err(PyBufferError::new_err("Object is not writable."));
        }
        if flags & ffi::PyBUF_STRIDES != ffi::PyBUF_STRIDES {
            return Err(PyBufferError::new_err("Matrix is not C-contiguous in 1-D"));
        }
        let format: &'static std::ffi::CStr = c"i";
        let this = &mut *slf;
        // SAFETY: `view` is the caller's to fill; the shape and strides arrays live in
        // the instance, which the view keeps alive and unchanged.
        unsafe {
            (*view).buf = this.data.as_mut_ptr().cast();
            (*view).obj = std::ptr::null_mut(); // the framework fills it in
            (*view).len = (this.data.len() * std::mem::size_of::<i32>()) as ffi::Py_ssize_t;
            (*view).itemsize = std::mem::size_of::<i32>() as ffi::Py_ssize_t;
            (*view).readonly = 1;
            (*view).ndim = 2;
            (*view).format = if flags & ffi::PyBUF_FORMAT != 0 {
                format.as_ptr().cast_mut()
            } else {
                std::ptr::null_mut()
            };
            (*view).shape = this.shape.as_mut_ptr();
            (*view).strides = this.strides.as_mut_ptr();
            (*view).suboffsets = std::ptr::null_mut();
            (*view).internal = std::ptr::null_mut();
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(mut slf: PyRefMut<'_, Self>, _view: *mut ffi::Py_buffer) {
        slf.releases += 1;
    }
}

/// A class whose `__getbuffer__` fails (or panics) after taking a reference to itself.
#[pyclass(module = "pyclasses.protocols_buffer")]
struct Broken {
    panics: bool,
}

#[pymethods]
impl Broken {
    #[new]
    #[pyo3(signature = (panics = false))]
    fn new(panics: bool) -> Self {
        Broken { panics }
    }

    unsafe fn __getbuffer__(
        slf: PyRef<'_, Self>,
        view: *mut ffi::Py_buffer,
        _flags: c_int,
    ) -> PyResult<()> {
        // SAFETY: `view` is the caller's to fill; the reference is the view's to own.
        unsafe {
            ffi::Py_IncRef(slf.as_ptr());
            (*view).obj = slf.as_ptr();
        }
        if slf.panics {
            panic!("no buffer at all");
        }
        Err(PyValueError::new_err("no buffer today"))
    }
}

/// A class whose `__releasebuffer__` fails (or panics): nothing can report it but the
/// unraisable hook.
#[pyclass(module = "pyclasses.protocols_buffer")]
struct FailingRelease {
    panics: bool,
}

#[pymethods]
impl FailingRelease {
    #[new]
    fn new(panics: bool) -> Self {
        FailingRelease { panics }
    }

    /// A `&mut self` method, refused while a view is alive.
    fn toggle(&mut self) {
        self.panics = !self.panics;
    }

    unsafe fn __getbuffer__(
        slf: PyRef<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        static DATA: [u8; 2] = [1, 2];
        // SAFETY: `view` is the caller's to fill; the data is static and read-only.
        let rc = unsafe {
            ffi::PyBuffer_FillInfo(
                view,
                slf.as_ptr(),
                DATA.as_ptr() as *mut c_void,
                2,
                1,
                flags,
            )
        };
        if rc == -1 {
            return Err(PyErr::fetch(slf.py()));
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(&self, _view: *mut ffi::Py_buffer) -> PyResult<()> {
        if self.panics {
            panic!("release panicked");
        }
        Err(PyValueError::new_err("release failed"))
    }
}

#[pymodule]
pub fn protocols_buffer(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<ByteBuf>()?;
    m.add_class::<Matrix>()?;
    m.add_class::<Broken>()?;
    m.add_class::<FailingRelease>()?;
    Ok(())
}
