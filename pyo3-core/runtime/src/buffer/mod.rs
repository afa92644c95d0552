//! `PyBuffer<T>`: a view of another object's memory through the buffer protocol
//! (`bytes`, `bytearray`, `memoryview`, `array.array`, NumPy arrays, ...), typed by the
//! element type `T` that the buffer's format must match.

mod element;
mod readonly_cell;

use std::any::type_name;
use std::cell::Cell;
use std::ffi::CStr;
use std::marker::PhantomData;
use std::os::raw::{c_char, c_void};
use std::ptr::NonNull;

pub use element::{Element, ElementType};
pub use readonly_cell::ReadOnlyCell;

use crate::err::{error_on_minus_one, PyResult};
use crate::exceptions::PyBufferError;
use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// A buffer of items of type `T`, obtained from an object with [`PyBuffer::get`] and
/// released when dropped (or with [`PyBuffer::release`]). The exporter stays alive, and
/// keeps its memory where it is, while the buffer exists.
pub struct PyBuffer<T> {
    // Owned `Box<ffi::Py_buffer>`, kept raw so C may write through it.
    view: NonNull<ffi::Py_buffer>,
    _items: PhantomData<[T]>,
}

// SAFETY: the view is an owned handle on the exporter's memory; releasing it (the only
// thing `Drop` does from any thread) takes the GIL, and every read of the memory goes
// through a token.
unsafe impl<T> Send for PyBuffer<T> {}
// SAFETY: as above; `&PyBuffer` methods only read the view's fields.
unsafe impl<T> Sync for PyBuffer<T> {}

impl<T> std::fmt::Debug for PyBuffer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let view = self.raw();
        f.debug_struct("PyBuffer")
            .field("buf", &view.buf)
            .field("obj", &view.obj)
            .field("len", &view.len)
            .field("itemsize", &view.itemsize)
            .field("readonly", &view.readonly)
            .field("ndim", &view.ndim)
            .field("format", &self.format())
            .field("shape", &self.shape())
            .field("strides", &self.strides())
            .field("suboffsets", &self.suboffsets())
            .finish()
    }
}

impl<T: Element> PyBuffer<T> {
    /// Requests a (possibly strided, read-only) buffer of `obj` and checks that its items
    /// are `T`s: `BufferError` if the format or item size does not match or the memory is
    /// not aligned for `T`; `TypeError` if `obj` does not support the buffer protocol.
    pub fn get(obj: &PyAny) -> PyResult<PyBuffer<T>> {
        let py = obj.py();
        let raw = Box::into_raw(Box::new(ffi::Py_buffer::new()));
        // SAFETY: `raw` is a fresh, writable `Py_buffer`; the GIL is held (`obj` is bound).
        let rc = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), raw, ffi::PyBUF_FULL_RO) };
        if let Err(err) = error_on_minus_one(py, rc) {
            // SAFETY: from `Box::into_raw` above; a failed request leaves nothing to release.
            drop(unsafe { Box::from_raw(raw) });
            return Err(err);
        }
        let buffer = PyBuffer {
            // SAFETY: from `Box::into_raw`, never null.
            view: unsafe { NonNull::new_unchecked(raw) },
            _items: PhantomData,
        };
        let view = buffer.raw();
        if view.shape.is_null() {
            return Err(PyBufferError::new_err("shape is null"));
        }
        if view.strides.is_null() {
            return Err(PyBufferError::new_err("strides is null"));
        }
        if buffer.item_size() != std::mem::size_of::<T>()
            || !T::is_compatible_format(buffer.format())
        {
            return Err(PyBufferError::new_err(format!(
                "buffer contents are not compatible with {}",
                type_name::<T>()
            )));
        }
        if (view.buf as usize) % std::mem::align_of::<T>() != 0 {
            return Err(PyBufferError::new_err(format!(
                "buffer contents are insufficiently aligned for {}",
                type_name::<T>()
            )));
        }
        Ok(buffer)
    }
}

impl<T> PyBuffer<T> {
    fn raw(&self) -> &ffi::Py_buffer {
        // SAFETY: owned and valid until drop; only C code we call writes to it, never
        // while this shared reference is in use.
        unsafe { self.view.as_ref() }
    }

    /// The start of the memory (for an indirect buffer, of its pointer array).
    pub fn buf_ptr(&self) -> *mut c_void {
        self.raw().buf
    }

    /// The address of the item at `indices` (one per dimension), following strides and
    /// suboffsets. Panics if the number of indices is not [`dimensions`](Self::dimensions)
    /// or an index is out of range.
    pub fn get_ptr(&self, indices: &[usize]) -> *mut c_void {
        let shape = self.shape();
        assert_eq!(
            indices.len(),
            shape.len(),
            "get_ptr needs one index per dimension"
        );
        let mut indices: Vec<ffi::Py_ssize_t> = indices
            .iter()
            .zip(shape)
            .map(|(&index, &len)| {
                assert!(
                    index < len,
                    "index {index} out of range for a dimension of {len}"
                );
                index as ffi::Py_ssize_t
            })
            .collect();
        // SAFETY: the view is valid and each index is within its dimension.
        unsafe { ffi::PyBuffer_GetPointer(self.view.as_ptr(), indices.as_mut_ptr()) }
    }

    /// Whether the buffer may not be written to.
    pub fn readonly(&self) -> bool {
        self.raw().readonly != 0
    }

    /// The size of one item in bytes.
    pub fn item_size(&self) -> usize {
        self.raw().itemsize as usize
    }

    /// The number of items.
    pub fn item_count(&self) -> usize {
        match self.item_size() {
            0 => 0,
            size => self.len_bytes() / size,
        }
    }

    /// The size of the items in bytes, were they contiguous (`item_count * item_size`).
    pub fn len_bytes(&self) -> usize {
        self.raw().len as usize
    }

    /// The number of dimensions (0 for a single item).
    pub fn dimensions(&self) -> usize {
        self.raw().ndim as usize
    }

    /// The length of each dimension.
    pub fn shape(&self) -> &[usize] {
        // SAFETY: `get` checked that `shape` is non-null; it has `ndim` entries of
        // `Py_ssize_t` (non-negative, so readable as `usize`) living as long as the view.
        unsafe { raw_slice(self.raw().shape.cast::<usize>(), self.dimensions()) }
    }

    /// How many bytes to step for the next item of each dimension.
    pub fn strides(&self) -> &[isize] {
        // SAFETY: as for `shape`.
        unsafe { raw_slice(self.raw().strides.cast::<isize>(), self.dimensions()) }
    }

    /// For indirect (PIL-style) buffers, the offset to add after dereferencing in each
    /// dimension (negative: no dereference); `None` for direct buffers.
    pub fn suboffsets(&self) -> Option<&[isize]> {
        let suboffsets = self.raw().suboffsets;
        if suboffsets.is_null() {
            return None;
        }
        // SAFETY: non-null suboffsets have `ndim` entries living as long as the view.
        Some(unsafe { raw_slice(suboffsets.cast::<isize>(), self.dimensions()) })
    }

    /// The struct-module format of the items (`"B"` when the exporter gives none).
    pub fn format(&self) -> &CStr {
        let format = self.raw().format;
        if format.is_null() {
            return c"B";
        }
        // SAFETY: a non-null format is a NUL-terminated string living as long as the view.
        unsafe { CStr::from_ptr(format) }
    }

    /// Whether the items are contiguous in C (row-major) order.
    pub fn is_c_contiguous(&self) -> bool {
        self.contiguous(b'C')
    }

    /// Whether the items are contiguous in Fortran (column-major) order.
    pub fn is_fortran_contiguous(&self) -> bool {
        self.contiguous(b'F')
    }

    fn contiguous(&self, order: u8) -> bool {
        // SAFETY: the view is valid; the call only reads it.
        unsafe { ffi::PyBuffer_IsContiguous(self.view.as_ptr(), order as c_char) != 0 }
    }

    /// Releases the buffer now, with the GIL held (dropping it would take the GIL).
    pub fn release(self, _py: Python<'_>) {
        let view = self.view;
        std::mem::forget(self);
        // SAFETY: the GIL is held; the view was filled by `PyObject_GetBuffer` and is
        // released once, here, then freed (`self` will not drop).
        unsafe {
            ffi::PyBuffer_Release(view.as_ptr());
            drop(Box::from_raw(view.as_ptr()));
        }
    }
}

impl<T: Element> PyBuffer<T> {
    /// The items as a slice of cells that can only be read, if the buffer is
    /// C-contiguous (`None` otherwise). Cells, since Python code may change the items
    /// while the slice exists.
    pub fn as_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [ReadOnlyCell<T>]> {
        if !self.is_c_contiguous() {
            return None;
        }
        // SAFETY: C-contiguous memory of `item_count` aligned `T`s (checked in `get`),
        // alive while the view is; `ReadOnlyCell<T>` has `T`'s layout and only copies out.
        Some(unsafe { raw_slice(self.buf_ptr().cast::<ReadOnlyCell<T>>(), self.item_count()) })
    }

    /// The items as a slice of `Cell`s, if the buffer is writable and C-contiguous
    /// (`None` otherwise).
    pub fn as_mut_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [Cell<T>]> {
        if self.readonly() || !self.is_c_contiguous() {
            return None;
        }
        // SAFETY: as for `as_slice`, and the exporter allows writes; `Cell<T>` has `T`'s
        // layout, and the token keeps the slice on this thread, under the GIL.
        Some(unsafe { raw_slice(self.buf_ptr().cast::<Cell<T>>(), self.item_count()) })
    }

    /// Copies the items into `target` in C order: `BufferError` if its length differs.
    pub fn copy_to_slice(&self, py: Python<'_>, target: &mut [T]) -> PyResult<()> {
        self.copy_to(py, target, b'C')
    }

    /// Copies the items into `target` in Fortran order.
    pub fn copy_to_fortran_slice(&self, py: Python<'_>, target: &mut [T]) -> PyResult<()> {
        self.copy_to(py, target, b'F')
    }

    fn copy_to(&self, py: Python<'_>, target: &mut [T], order: u8) -> PyResult<()> {
        if target.len() != self.item_count() {
            return Err(PyBufferError::new_err(format!(
                "slice to copy to (of length {}) does not match buffer length of {}",
                target.len(),
                self.item_count()
            )));
        }
        // SAFETY: `target` has room for exactly `len_bytes` bytes of `T`s; the view is valid.
        let rc = unsafe {
            ffi::PyBuffer_ToContiguous(
                target.as_mut_ptr().cast(),
                self.view.as_ptr(),
                self.raw().len,
                order as c_char,
            )
        };
        error_on_minus_one(py, rc)
    }

    /// The items as a vector, in C order.
    pub fn to_vec(&self, py: Python<'_>) -> PyResult<Vec<T>> {
        self.to_vec_in(py, b'C')
    }

    /// The items as a vector, in Fortran order.
    pub fn to_fortran_vec(&self, py: Python<'_>) -> PyResult<Vec<T>> {
        self.to_vec_in(py, b'F')
    }

    fn to_vec_in(&self, py: Python<'_>, order: u8) -> PyResult<Vec<T>> {
        let count = self.item_count();
        let mut vec: Vec<T> = Vec::with_capacity(count);
        // SAFETY: the vector has room for `count` items, `len_bytes` bytes in all.
        let rc = unsafe {
            ffi::PyBuffer_ToContiguous(
                vec.as_mut_ptr().cast(),
                self.view.as_ptr(),
                self.raw().len,
                order as c_char,
            )
        };
        error_on_minus_one(py, rc)?;
        // SAFETY: the copy initialised all `count` items (any bit pattern is a valid `T`).
        unsafe { vec.set_len(count) };
        Ok(vec)
    }

    /// Copies `source` into the buffer in C order: `BufferError` if the buffer is
    /// read-only or the lengths differ.
    pub fn copy_from_slice(&self, py: Python<'_>, source: &[T]) -> PyResult<()> {
        self.copy_from(py, source, b'C')
    }

    /// Copies `source` into the buffer in Fortran order.
    pub fn copy_from_fortran_slice(&self, py: Python<'_>, source: &[T]) -> PyResult<()> {
        self.copy_from(py, source, b'F')
    }

    fn copy_from(&self, py: Python<'_>, source: &[T], order: u8) -> PyResult<()> {
        if self.readonly() {
            return Err(PyBufferError::new_err("cannot write to read-only buffer"));
        }
        if source.len() != self.item_count() {
            return Err(PyBufferError::new_err(format!(
                "slice to copy from (of length {}) does not match buffer length of {}",
                source.len(),
                self.item_count()
            )));
        }
        // SAFETY: `source` holds exactly `len_bytes` bytes; the buffer is writable; the C
        // function only reads `source`.
        let rc = unsafe {
            ffi::PyBuffer_FromContiguous(
                self.view.as_ptr(),
                source.as_ptr() as *mut c_void,
                self.raw().len,
                order as c_char,
            )
        };
        error_on_minus_one(py, rc)
    }
}

impl<T> Drop for PyBuffer<T> {
    fn drop(&mut self) {
        let view = self.view;
        crate::Python::with_gil(|_| {
            // SAFETY: the GIL is held; the view is released and freed once, here.
            unsafe {
                ffi::PyBuffer_Release(view.as_ptr());
                drop(Box::from_raw(view.as_ptr()));
            }
        });
    }
}

impl<'source, T: Element> crate::FromPyObject<'source> for PyBuffer<T> {
    crate::gil_independent_extract!();

    fn extract(obj: &'source PyAny) -> PyResult<Self> {
        PyBuffer::get(obj)
    }
}

/// A slice over `len` items at `ptr`, or an empty one (C may give a null or dangling
/// pointer for zero items).
///
/// # Safety
/// For non-zero `len`, `ptr` points to `len` valid, aligned items living for `'a`.
unsafe fn raw_slice<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if len == 0 || ptr.is_null() {
        return &[];
    }
    // SAFETY: forwarded from the caller.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}
