//! First end-to-end checks of the runtime against an embedded interpreter.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[test]
fn list_roundtrip_and_errors() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [1i64, 2, 3]);
        assert_eq!(list.len(), 3);
        let v: Vec<i64> = list.iter().map(|x| x.extract().unwrap()).collect();
        assert_eq!(v, [1, 2, 3]);
        let err = py.eval("1/0", None, None).unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyZeroDivisionError>(py));
        assert_eq!(err.to_string(), "ZeroDivisionError: division by zero");
        let d = PyDict::new(py);
        d.set_item("a", 1).unwrap();
        let r: i64 = py.eval("a + 1", None, Some(d)).unwrap().extract().unwrap();
        assert_eq!(r, 2);
    });
}
