//! `PyBuffer<T>`: typed views of bytes, bytearray, memoryview (including strided slices),
//! array.array and, when installed, NumPy arrays.

#![cfg(any(not(Py_LIMITED_API), Py_3_11))]

mod common;

use common::{err_text, eval, run};
use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::PyDict;

#[test]
fn bytes_are_a_readonly_contiguous_buffer() {
    Python::with_gil(|py| {
        let obj = eval(py, "b'abcde'");
        let buf = PyBuffer::<u8>::get(obj).unwrap();
        assert!(buf.readonly());
        assert_eq!(buf.dimensions(), 1);
        assert_eq!(buf.shape(), [5]);
        assert_eq!(buf.strides(), [1]);
        assert_eq!(buf.suboffsets(), None);
        assert_eq!(buf.item_size(), 1);
        assert_eq!(buf.item_count(), 5);
        assert_eq!(buf.len_bytes(), 5);
        assert_eq!(buf.format().to_str().unwrap(), "B");
        assert!(buf.is_c_contiguous());
        assert!(buf.is_fortran_contiguous());
        let slice = buf.as_slice(py).unwrap();
        assert_eq!(slice.len(), 5);
        assert_eq!(slice[1].get(), b'b');
        assert!(buf.as_mut_slice(py).is_none());
        assert_eq!(buf.to_vec(py).unwrap(), b"abcde");
        // SAFETY: the index is in range; the pointer is read while the buffer is alive.
        let item = unsafe { *buf.get_ptr(&[3]).cast::<u8>() };
        assert_eq!(item, b'd');
        let mut target = [0u8; 5];
        buf.copy_to_slice(py, &mut target).unwrap();
        assert_eq!(&target, b"abcde");
        assert_eq!(
            err_text(buf.copy_to_slice(py, &mut [0u8; 4])),
            "BufferError: slice to copy to (of length 4) does not match buffer length of 5"
        );
        assert_eq!(
            err_text(buf.copy_from_slice(py, b"vwxyz")),
            "BufferError: cannot write to read-only buffer"
        );
        buf.release(py);
    });
}

#[test]
fn bytearray_is_writable_through_the_buffer() {
    Python::with_gil(|py| {
        let obj = eval(py, "bytearray(b'abc')");
        let buf = PyBuffer::<u8>::get(obj).unwrap();
        assert!(!buf.readonly());
        let cells = buf.as_mut_slice(py).unwrap();
        cells[0].set(b'x');
        assert_eq!(obj.str().unwrap().to_str().unwrap(), "bytearray(b'xbc')");
        buf.copy_from_slice(py, b"123").unwrap();
        assert_eq!(obj.str().unwrap().to_str().unwrap(), "bytearray(b'123')");
        assert_eq!(
            err_text(buf.copy_from_slice(py, b"12")),
            "BufferError: slice to copy from (of length 2) does not match buffer length of 3"
        );
        // The exporter cannot be resized while the buffer holds it.
        let locals = PyDict::new(py);
        locals.set_item("b", obj).unwrap();
        let err = py.run("b.append(1)", None, Some(locals)).unwrap_err();
        assert!(
            err.to_string().starts_with("BufferError: Existing exports"),
            "{err}"
        );
        drop(buf);
        run(
            py,
            locals,
            "b.append(1); assert b == bytearray(b'123\\x01')",
        );
    });
}

#[test]
fn strided_memoryview_slices() {
    Python::with_gil(|py| {
        let obj = eval(py, "memoryview(bytearray(range(10)))[1::3]");
        let buf = PyBuffer::<u8>::get(obj).unwrap();
        assert_eq!(buf.shape(), [3]);
        assert_eq!(buf.strides(), [3]);
        assert_eq!(buf.item_count(), 3);
        assert!(!buf.is_c_contiguous());
        assert!(buf.as_slice(py).is_none());
        assert!(buf.as_mut_slice(py).is_none());
        assert_eq!(buf.to_vec(py).unwrap(), [1, 4, 7]);
        buf.copy_from_slice(py, &[40, 70, 100]).unwrap();
        assert_eq!(
            obj.getattr("obj").unwrap().str().unwrap().to_str().unwrap(),
            "bytearray(b'\\x00(\\x02\\x03F\\x05\\x06d\\x08\\t')"
        );
        // SAFETY: in range; read while alive.
        let second = unsafe { *buf.get_ptr(&[1]).cast::<u8>() };
        assert_eq!(second, 70);
    });
}

#[test]
fn two_dimensional_memoryview_in_c_and_fortran_order() {
    Python::with_gil(|py| {
        let obj = eval(
            py,
            "memoryview(__import__('array').array('i', range(6))).cast('B').cast('i', (2, 3))",
        );
        let buf = PyBuffer::<i32>::get(obj).unwrap();
        assert_eq!(buf.dimensions(), 2);
        assert_eq!(buf.shape(), [2, 3]);
        assert_eq!(buf.strides(), [12, 4]);
        assert_eq!(buf.to_vec(py).unwrap(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(buf.to_fortran_vec(py).unwrap(), [0, 3, 1, 4, 2, 5]);
        let mut target = [0i32; 6];
        buf.copy_to_fortran_slice(py, &mut target).unwrap();
        assert_eq!(target, [0, 3, 1, 4, 2, 5]);
        buf.copy_from_fortran_slice(py, &[0, 30, 10, 40, 20, 50])
            .unwrap();
        assert_eq!(buf.to_vec(py).unwrap(), [0, 10, 20, 30, 40, 50]);
        // SAFETY: in range; read while alive.
        let item = unsafe { *buf.get_ptr(&[1, 2]).cast::<i32>() };
        assert_eq!(item, 50);
    });
}

#[test]
fn array_typecodes_select_the_element_type() {
    Python::with_gil(|py| {
        let array = |code: &str| {
            eval(
                py,
                &format!("__import__('array').array('{code}', [1, 2, 3])"),
            )
        };
        assert_eq!(
            PyBuffer::<i8>::get(array("b")).unwrap().to_vec(py).unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<u16>::get(array("H"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<i32>::get(array("i"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<u32>::get(array("I"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<i64>::get(array("q"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<u64>::get(array("Q"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1, 2, 3]
        );
        assert_eq!(
            PyBuffer::<f32>::get(array("f"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1.0, 2.0, 3.0]
        );
        assert_eq!(
            PyBuffer::<f64>::get(array("d"))
                .unwrap()
                .to_vec(py)
                .unwrap(),
            [1.0, 2.0, 3.0]
        );
        // `l` is the C `long`: 8 bytes on 64-bit Unix.
        if std::mem::size_of::<std::os::raw::c_long>() == 8 {
            assert!(PyBuffer::<i64>::get(array("l")).is_ok());
        }
        assert_eq!(
            err_text(PyBuffer::<u32>::get(array("i"))),
            "BufferError: buffer contents are not compatible with u32"
        );
        assert_eq!(
            err_text(PyBuffer::<f32>::get(array("d"))),
            "BufferError: buffer contents are not compatible with f32"
        );
        assert_eq!(
            err_text(PyBuffer::<i64>::get(array("i"))),
            "BufferError: buffer contents are not compatible with i64"
        );
    });
}

#[test]
fn byte_order_prefixes() {
    Python::with_gil(|py| {
        let cast = |format: &str| eval(py, &format!("memoryview(bytes(8)).cast('{format}')"));
        // memoryview.cast accepts native formats only, with or without `@`.
        assert!(PyBuffer::<u32>::get(cast("@I")).is_ok());
        assert!(PyBuffer::<usize>::get(cast("N")).is_ok());
        assert!(PyBuffer::<bool>::get(cast("?")).is_ok());
        // Formats with explicit standard sizes come from exporters such as `struct`-aware
        // C types; ctypes arrays report them.
        let ctypes_array = |ty: &str| {
            eval(
                py,
                &format!("memoryview((__import__('ctypes').{ty} * 2)())"),
            )
        };
        let little = cfg!(target_endian = "little");
        let int = ctypes_array("c_int");
        let format = PyBuffer::<i32>::get(int)
            .unwrap()
            .format()
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(format, if little { "<i" } else { ">i" });
        let foreign = if little {
            "c_int.__ctype_be__"
        } else {
            "c_int.__ctype_le__"
        };
        assert_eq!(
            err_text(PyBuffer::<i32>::get(ctypes_array(foreign))),
            "BufferError: buffer contents are not compatible with i32"
        );
    });
}

#[test]
fn objects_without_the_buffer_protocol() {
    Python::with_gil(|py| {
        let err = err_text(PyBuffer::<u8>::get(eval(py, "'text'")));
        assert_eq!(err, "TypeError: a bytes-like object is required, not 'str'");
        let extracted: PyResult<PyBuffer<u8>> = eval(py, "b'xy'").extract();
        assert_eq!(extracted.unwrap().item_count(), 2);
        assert!(eval(py, "[1]").extract::<PyBuffer<u8>>().is_err());
    });
}

#[test]
fn dropping_releases_the_export() {
    Python::with_gil(|py| {
        let obj = eval(py, "bytearray(b'ab')");
        let refs = obj.get_refcnt();
        for _ in 0..1000 {
            let buf = PyBuffer::<u8>::get(obj).unwrap();
            assert_eq!(obj.get_refcnt(), refs + 1);
            drop(buf);
        }
        assert_eq!(obj.get_refcnt(), refs);
        // A buffer may be dropped on another thread: it takes the GIL to release.
        let buf = PyBuffer::<u8>::get(obj).unwrap();
        py.allow_threads(move || std::thread::spawn(move || drop(buf)).join().unwrap());
        assert_eq!(obj.get_refcnt(), refs);
    });
}

#[test]
fn numpy_arrays_if_installed() {
    Python::with_gil(|py| {
        if py.import("numpy").is_err() {
            eprintln!("skipped: numpy is not importable in this interpreter");
            return;
        }
        let obj = eval(
            py,
            "__import__('numpy').arange(12, dtype='float64').reshape(3, 4).T",
        );
        let buf = PyBuffer::<f64>::get(obj).unwrap();
        assert_eq!(buf.shape(), [4, 3]);
        assert!(buf.is_fortran_contiguous());
        assert!(!buf.is_c_contiguous());
        assert_eq!(
            buf.to_fortran_vec(py).unwrap(),
            (0..12).map(f64::from).collect::<Vec<_>>()
        );
        assert_eq!(buf.to_vec(py).unwrap()[..4], [0.0, 4.0, 8.0, 1.0]);
    });
}

/// A class exporting its `u16`s, read back through `PyBuffer`.
#[pyclass]
struct Exporter {
    data: Vec<u16>,
    // The shape the views point at; it cannot change while one is alive.
    count: std::cell::Cell<pyo3::ffi::Py_ssize_t>,
}

#[pymethods]
impl Exporter {
    fn push(&mut self, value: u16) {
        self.data.push(value);
    }

    unsafe fn __getbuffer__(
        slf: PyRef<'_, Self>,
        view: *mut pyo3::ffi::Py_buffer,
        flags: std::os::raw::c_int,
    ) -> PyResult<()> {
        if flags & pyo3::ffi::PyBUF_WRITABLE != 0 {
            return Err(pyo3::exceptions::PyBufferError::new_err(
                "Object is not writable.",
            ));
        }
        let item = std::mem::size_of::<u16>() as pyo3::ffi::Py_ssize_t;
        slf.count.set(slf.data.len() as pyo3::ffi::Py_ssize_t);
        // SAFETY: `view` is the caller's to fill; `strides` points into the view itself
        // (as `PyBuffer_FillInfo` does), the data and shape into the instance, which the
        // view keeps alive and unchanged. `obj` is left null for the framework to fill.
        unsafe {
            (*view).buf = slf.data.as_ptr() as *mut _;
            (*view).len = slf.count.get() * item;
            (*view).itemsize = item;
            (*view).readonly = 1;
            (*view).ndim = 1;
            (*view).format = c"H".as_ptr() as *mut _;
            (*view).shape = slf.count.as_ptr();
            (*view).strides = &mut (*view).itemsize;
            (*view).suboffsets = std::ptr::null_mut();
            (*view).internal = std::ptr::null_mut();
        }
        Ok(())
    }
}

#[test]
fn class_exports_read_through_pybuffer() {
    Python::with_gil(|py| {
        let obj = Py::new(
            py,
            Exporter {
                data: vec![1, 2, 300],
                count: std::cell::Cell::new(0),
            },
        )
        .unwrap();
        let any = obj.as_ref(py).as_ref();
        let refs = any.get_refcnt();
        let buf = PyBuffer::<u16>::get(any).unwrap();
        assert_eq!(buf.shape(), [3]);
        assert_eq!(buf.format().to_str().unwrap(), "H");
        assert_eq!(buf.to_vec(py).unwrap(), [1, 2, 300]);
        assert_eq!(any.get_refcnt(), refs + 1);
        assert_eq!(
            err_text(PyBuffer::<i16>::get(any)),
            "BufferError: buffer contents are not compatible with i16"
        );
        drop(buf);
        assert_eq!(any.get_refcnt(), refs);
        // While a buffer is alive, `&mut self` methods are refused.
        let buf = PyBuffer::<u16>::get(any).unwrap();
        let err = any.call_method1("push", (4,)).unwrap_err();
        assert!(
            err.is_instance_of::<pyo3::exceptions::PyBufferError>(py),
            "{err}"
        );
        drop(buf);
        any.call_method1("push", (4,)).unwrap();
        assert_eq!(
            PyBuffer::<u16>::get(any).unwrap().to_vec(py).unwrap(),
            [1, 2, 300, 4]
        );
    });
}

#[test]
fn buffers_extract_as_container_items() {
    Python::with_gil(|py| {
        let items = eval(py, "[b'a', bytearray(b'bc'), memoryview(b'def')]");
        let buffers: Vec<PyBuffer<u8>> = items.extract().unwrap();
        let lengths: Vec<usize> = buffers.iter().map(PyBuffer::item_count).collect();
        assert_eq!(lengths, [1, 2, 3]);
        assert!(eval(py, "[b'a', 1]")
            .extract::<Vec<PyBuffer<u8>>>()
            .is_err());
    });
}
