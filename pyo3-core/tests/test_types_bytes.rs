//! Binary data: `PyBytes`, `PyByteArray`, `PyMemoryView`.

mod common;

use common::{assert_no_leak, eval};
use pyo3::exceptions::{PyBufferError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyByteArray, PyBytes, PyMemoryView};

#[test]
fn bytes_construction_and_access() {
    Python::with_gil(|py| {
        let b = PyBytes::new(py, b"hello");
        assert_eq!(b.as_bytes(), b"hello");
        assert_eq!(&b[1..3], b"el");
        assert_eq!(b[0], b'h');
        let filled = PyBytes::new_with(py, 4, |buf| {
            assert_eq!(buf, [0, 0, 0, 0]);
            buf.copy_from_slice(b"abcd");
            Ok(())
        })
        .unwrap();
        assert_eq!(filled.as_bytes(), b"abcd");
        let err = PyBytes::new_with(py, 2, |_| Err(PyValueError::new_err("no"))).unwrap_err();
        assert_eq!(err.to_string(), "ValueError: no");
        let data = [1u8, 2, 3];
        // SAFETY: `data` is valid for 3 bytes.
        let copy = unsafe { PyBytes::from_ptr(py, data.as_ptr(), data.len()) };
        assert_eq!(copy.as_bytes(), [1, 2, 3]);
        let err = eval(py, "bytearray()").downcast::<PyBytes>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'bytearray' object cannot be converted to 'PyBytes'"
        );
    });
}

#[test]
fn bytearray_construction() {
    Python::with_gil(|py| {
        let a = PyByteArray::new(py, b"abc");
        assert_eq!(a.len(), 3);
        assert!(!a.is_empty());
        assert_eq!(a.to_vec(), b"abc");
        assert!(PyByteArray::new(py, b"").is_empty());
        assert_eq!(a.repr().unwrap().to_str().unwrap(), "bytearray(b'abc')");

        let b = PyByteArray::new_with(py, 3, |buf| {
            assert_eq!(buf, [0, 0, 0]);
            buf[1] = 7;
            Ok(())
        })
        .unwrap();
        assert_eq!(b.to_vec(), [0, 7, 0]);
        let err = PyByteArray::new_with(py, 3, |_| Err(PyValueError::new_err("init failed")))
            .unwrap_err();
        assert_eq!(err.to_string(), "ValueError: init failed");

        // `from` accepts anything `bytearray(...)` does.
        assert_eq!(
            PyByteArray::from(PyBytes::new(py, b"xy")).unwrap().to_vec(),
            b"xy"
        );
        assert_eq!(
            PyByteArray::from(eval(py, "[1, 2, 255]")).unwrap().to_vec(),
            [1, 2, 255]
        );
        assert_eq!(
            PyByteArray::from(eval(py, "memoryview(b'mv')"))
                .unwrap()
                .to_vec(),
            b"mv"
        );
        let copy = PyByteArray::from(a).unwrap();
        assert!(!copy.is(a));
        let err = PyByteArray::from(eval(py, "'text'")).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: string argument without an encoding"
        );
        let err = PyByteArray::from(eval(py, "1.5")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: cannot convert 'float' object to bytearray"
        );
        let err = PyByteArray::from(eval(py, "[256]")).unwrap_err();
        assert_eq!(err.to_string(), "ValueError: byte must be in range(0, 256)");
        let via_try = <&PyByteArray>::try_from(eval(py, "b'q'")).unwrap();
        assert_eq!(via_try.to_vec(), b"q");
        let err = eval(py, "b'q'").downcast::<PyByteArray>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'bytes' object cannot be converted to 'PyByteArray'"
        );
    });
}

#[test]
fn bytearray_buffer_access_and_resize() {
    Python::with_gil(|py| {
        let a = PyByteArray::new(py, b"abc");
        // SAFETY: no Python code runs while the slices are alive.
        unsafe {
            assert_eq!(a.as_bytes(), b"abc");
            a.as_bytes_mut()[0] = b'z';
        }
        // The mutation is visible from Python.
        let locals = [("a", a)].into_py_dict(py);
        assert!(py
            .eval("a == b'zbc'", None, Some(locals))
            .unwrap()
            .is_true()
            .unwrap());
        assert_eq!(a.data(), a.data());
        assert!(!a.data().is_null());

        a.resize(6).unwrap();
        // Grown bytes are zero.
        assert_eq!(a.to_vec(), b"zbc\0\0\0");
        a.resize(1).unwrap();
        assert_eq!(a.to_vec(), b"z");

        // A live buffer export forbids resizing, with Python's error.
        let view = PyMemoryView::from(a).unwrap();
        let err = a.resize(10).unwrap_err();
        assert!(err.is_instance_of::<PyBufferError>(py));
        assert_eq!(
            err.to_string(),
            "BufferError: Existing exports of data: object cannot be re-sized"
        );
        view.call_method0("release").unwrap();
        a.resize(2).unwrap();
        assert_eq!(a.len(), 2);
    });
}

#[test]
fn memoryview_from() {
    Python::with_gil(|py| {
        let b = PyBytes::new(py, b"abc");
        let view = PyMemoryView::from(b).unwrap();
        assert_eq!(view.len().unwrap(), 3);
        assert_eq!(view.get_item(1).unwrap().extract::<u8>().unwrap(), b'b');
        let via_try = <&PyMemoryView>::try_from(b.as_ref()).unwrap();
        assert_eq!(via_try.len().unwrap(), 3);
        let err = PyMemoryView::from(eval(py, "'str'")).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: memoryview: a bytes-like object is required, not 'str'"
        );
        let err = b.downcast::<PyMemoryView>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'bytes' object cannot be converted to 'PyMemoryView'"
        );
    });
}

#[test]
fn binary_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = PyBytes::new(py, b"some data").into();
        assert_no_leak(py, &input, |py, input| {
            let bytes: &PyBytes = input.downcast().unwrap();
            let array = PyByteArray::from(input).unwrap();
            assert_eq!(array.to_vec(), bytes.as_bytes());
            array.resize(20).unwrap();
            let view = PyMemoryView::from(input).unwrap();
            view.call_method0("release").unwrap();
            let _ = PyByteArray::new_with(py, 4, |_| Ok(())).unwrap();
            let _ = PyByteArray::new_with(py, 4, |_| Err(PyValueError::new_err("x")));
            let _ = PyBytes::new_with(py, 4, |_| Err(PyValueError::new_err("x")));
            let _ = PyByteArray::from(PyBytes::new(py, bytes.as_bytes()));
        });
    });
}
