//! Abstract protocols and slices: `PySequence`, `PyMapping`, `PySlice`.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{assert_no_leak, eval};
use pyo3::exceptions::{PyIndexError, PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{
    PyDict, PyList, PyMapping, PySequence, PySlice, PySliceIndices, PyTuple, PyType,
};
use pyo3::PyTypeInfo;

/// Defines Python classes in a fresh namespace and returns it.
fn run<'py>(py: Python<'py>, code: &str) -> &'py PyDict {
    let ns = PyDict::new(py);
    py.run(code, Some(ns), None).unwrap();
    ns
}

fn ints(seq: &PySequence) -> Vec<i64> {
    common::ints(seq.to_list().unwrap())
}

// ----- sequence -----

#[test]
fn sequence_type_check() {
    Python::with_gil(|py| {
        for code in [
            "[1]",
            "(1,)",
            "'abc'",
            "b'ab'",
            "range(3)",
            "memoryview(b'x')",
        ] {
            assert!(eval(py, code).downcast::<PySequence>().is_ok(), "{code}");
        }
        for code in ["{1: 2}", "{1}", "3", "iter([])"] {
            let obj = eval(py, code);
            let err = obj.downcast::<PySequence>().unwrap_err();
            let type_name = obj.get_type().name().unwrap();
            assert_eq!(
                err.to_string(),
                format!("'{type_name}' object cannot be converted to 'Sequence'")
            );
        }
        // Defining `__getitem__` is not enough: the class must be a Sequence.
        let ns = run(
            py,
            "class Custom:\n    def __getitem__(self, i): return i\n    def __len__(self): return 3\n\
             obj = Custom()",
        );
        let obj = ns.get_item("obj").unwrap().unwrap();
        assert!(obj.downcast::<PySequence>().is_err());
        let err: PyErr = obj.extract::<&PySequence>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: 'Custom' object cannot be converted to 'Sequence'"
        );
        // Registering it makes the check pass.
        let abc = py
            .import("collections.abc")
            .unwrap()
            .getattr("Sequence")
            .unwrap();
        abc.call_method1("register", (obj.get_type(),)).unwrap();
        let seq = obj.downcast::<PySequence>().unwrap();
        assert_eq!(seq.len().unwrap(), 3);
        assert_eq!(seq.get_item(2).unwrap().extract::<i64>().unwrap(), 2);
    });
}

/// A Python class made at run time, given a Rust type so that it can be registered with
/// `PySequence::register` / `PyMapping::register` without touching built-in types that
/// other tests check.
macro_rules! runtime_class {
    ($name:ident, $code:literal) => {
        #[repr(transparent)]
        struct $name(PyAny);

        pyo3::pyobject_native_type_base!($name);
        pyo3::pyobject_native_type_info!(
            $name,
            |py| {
                static CLASS: GILOnceCell<Py<PyType>> = GILOnceCell::new();
                CLASS
                    .get_or_init(py, || {
                        let ns = run(py, $code);
                        let class = ns.get_item("C").unwrap().unwrap();
                        class.downcast::<PyType>().unwrap().into()
                    })
                    .as_ptr() as *mut pyo3::ffi::PyTypeObject
            },
            stringify!($name),
            None
        );
    };
}

runtime_class!(
    SeqLike,
    "class C:\n    def __getitem__(self, i):\n        if i >= 2: raise IndexError(i)\n        return i\n    def __len__(self): return 2"
);
runtime_class!(
    MapLike,
    "class C:\n    def __getitem__(self, k): return k\n    def __len__(self): return 0\n    def __iter__(self): return iter(())"
);

#[test]
fn sequence_and_mapping_register() {
    Python::with_gil(|py| {
        let seq_like = SeqLike::type_object(py).call0().unwrap();
        let map_like = MapLike::type_object(py).call0().unwrap();
        assert!(seq_like.downcast::<PySequence>().is_err());
        assert!(map_like.downcast::<PyMapping>().is_err());
        PySequence::register::<SeqLike>(py).unwrap();
        PyMapping::register::<MapLike>(py).unwrap();
        let seq = seq_like.downcast::<PySequence>().unwrap();
        assert_eq!(seq.len().unwrap(), 2);
        assert_eq!(seq.to_list().unwrap().len(), 2);
        let map = map_like.downcast::<PyMapping>().unwrap();
        assert_eq!(map.get_item("k").unwrap().extract::<&str>().unwrap(), "k");
        // Registration is specific: neither passes the other check.
        assert!(seq_like.downcast::<PyMapping>().is_err());
        assert!(map_like.downcast::<PySequence>().is_err());
    });
}

#[test]
fn sequence_operations() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [1i64, 2, 3]);
        let seq = list.as_sequence();
        assert_eq!(seq.len().unwrap(), 3);
        assert!(!seq.is_empty().unwrap());
        let tuple = PyTuple::new(py, [4i64, 5]).as_sequence();
        assert_eq!(
            ints(seq.concat(PyList::new(py, [9i64]).as_sequence()).unwrap()),
            [1, 2, 3, 9]
        );
        let err = seq.concat(tuple).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: can only concatenate list (not \"tuple\") to list"
        );
        assert_eq!(ints(tuple.repeat(2).unwrap()), [4, 5, 4, 5]);
        // In-place operations mutate a list, but return a new tuple.
        let grown = seq
            .in_place_concat(PyList::new(py, [4i64]).as_sequence())
            .unwrap();
        assert!(grown.is(list));
        assert_eq!(list.len(), 4);
        let doubled = seq.in_place_repeat(2).unwrap();
        assert!(doubled.is(list));
        assert_eq!(list.len(), 8);
        let new_tuple = tuple.in_place_repeat(2).unwrap();
        assert!(!new_tuple.is(tuple));
        assert_eq!(tuple.len().unwrap(), 2);

        assert_eq!(seq.get_item(0).unwrap().extract::<i64>().unwrap(), 1);
        let err = seq.get_item(100).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(py));
        assert_eq!(err.to_string(), "IndexError: list index out of range");
        assert!(seq.get_item(usize::MAX).is_err());
        assert_eq!(ints(seq.get_slice(1, 3).unwrap()), [2, 3]);
        seq.set_item(0, 10).unwrap();
        seq.del_item(1).unwrap();
        assert_eq!(ints(seq.get_slice(0, 3).unwrap()), [10, 3, 4]);
        seq.set_slice(0, 7, PyList::new(py, [7i64, 7, 8])).unwrap();
        assert_eq!(ints(seq), [7, 7, 8]);
        seq.del_slice(2, 10).unwrap();
        assert_eq!(ints(seq), [7, 7]);
        assert_eq!(seq.count(7).unwrap(), 2);
        assert_eq!(seq.count(8).unwrap(), 0);
        assert!(seq.contains(7).unwrap());
        assert!(!seq.contains(8).unwrap());
        assert_eq!(seq.index(7).unwrap(), 0);
        let err = seq.index(8).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(
            err.to_string(),
            "ValueError: sequence.index(x): x not in sequence"
        );
        assert_eq!(seq.to_tuple().unwrap().len(), 2);
        assert_eq!(tuple.to_list().unwrap().len(), 2);

        // Immutable sequences refuse changes with Python's messages.
        let err = tuple.set_item(0, 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'tuple' object does not support item assignment"
        );
        let err = tuple.del_item(0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'tuple' object doesn't support item deletion"
        );
        assert!(tuple.set_slice(0, 1, PyList::empty(py)).is_err());
        assert!(tuple.del_slice(0, 1).is_err());
    });
}

#[test]
fn sequence_errors_from_python_methods() {
    Python::with_gil(|py| {
        let ns = run(
            py,
            "import collections.abc\n\
             class Broken(collections.abc.Sequence):\n\
             \x20   def __getitem__(self, i): raise KeyError(i)\n\
             \x20   def __len__(self): raise RuntimeError('no length')\n\
             obj = Broken()",
        );
        let seq = ns
            .get_item("obj")
            .unwrap()
            .unwrap()
            .downcast::<PySequence>()
            .unwrap();
        assert_eq!(
            seq.len().unwrap_err().to_string(),
            "RuntimeError: no length"
        );
        assert!(seq.is_empty().is_err());
        assert!(seq
            .get_item(0)
            .unwrap_err()
            .is_instance_of::<PyKeyError>(py));
        assert!(seq.to_list().is_err());
    });
}

#[test]
fn sequence_index_operators() {
    Python::with_gil(|py| {
        let seq = eval(py, "range(10, 15)").downcast::<PySequence>().unwrap();
        assert_eq!(seq[1].extract::<i64>().unwrap(), 11);
        assert_eq!(seq[1..3].len().unwrap(), 2);
        assert_eq!(seq[..].len().unwrap(), 5);
        let err = catch_unwind(AssertUnwindSafe(|| {
            let _ = &seq[5];
        }))
        .unwrap_err();
        assert_eq!(
            err.downcast_ref::<String>().unwrap(),
            "index 5 out of range for sequence of length 5"
        );
    });
}

#[test]
fn sequence_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let list = PyList::new(py, [input, input]);
            let seq = list.as_sequence();
            let _ = seq.concat(seq).unwrap();
            let _ = seq.repeat(3).unwrap();
            assert!(seq.get_item(0).unwrap().is(input));
            let _ = seq.get_slice(0, 1).unwrap();
            seq.set_item(0, input).unwrap();
            assert_eq!(seq.count(input).unwrap(), 2);
            assert!(seq.contains(input).unwrap());
            assert_eq!(seq.index(input).unwrap(), 0);
            let _ = (seq.to_list().unwrap(), seq.to_tuple().unwrap());
            let _ = input.downcast::<PySequence>();
            seq.del_item(0).unwrap();
        });
    });
}

// ----- mapping -----

#[test]
fn mapping_type_check() {
    Python::with_gil(|py| {
        for code in [
            "{}",
            "__import__('collections').OrderedDict()",
            "__import__('types').MappingProxyType({})",
        ] {
            assert!(eval(py, code).downcast::<PyMapping>().is_ok(), "{code}");
        }
        let err = eval(py, "[1]").downcast::<PyMapping>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'list' object cannot be converted to 'Mapping'"
        );
        let ns = run(
            py,
            "class M:\n    def __getitem__(self, k): return k\n    def __len__(self): return 0\n\
             obj = M()",
        );
        let obj = ns.get_item("obj").unwrap().unwrap();
        let err: PyErr = obj.extract::<&PyMapping>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'M' object cannot be converted to 'Mapping'"
        );
        let abc = py
            .import("collections.abc")
            .unwrap()
            .getattr("Mapping")
            .unwrap();
        abc.call_method1("register", (obj.get_type(),)).unwrap();
        assert!(obj.downcast::<PyMapping>().is_ok());
    });
}

#[test]
fn mapping_operations() {
    Python::with_gil(|py| {
        let dict = PyDict::new(py);
        let map = dict.as_mapping();
        assert!(map.is_empty().unwrap());
        map.set_item("a", 1).unwrap();
        map.set_item("b", 2).unwrap();
        assert_eq!(map.len().unwrap(), 2);
        assert!(map.contains("a").unwrap());
        assert!(!map.contains("z").unwrap());
        assert_eq!(map.get_item("b").unwrap().extract::<i64>().unwrap(), 2);
        let err = map.get_item("z").unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(py));
        assert_eq!(err.to_string(), "KeyError: 'z'");
        map.del_item("a").unwrap();
        assert!(map
            .del_item("a")
            .unwrap_err()
            .is_instance_of::<PyKeyError>(py));
        let keys = map.keys().unwrap();
        assert_eq!(keys.len().unwrap(), 1);
        assert_eq!(keys.get_item(0).unwrap().extract::<&str>().unwrap(), "b");
        assert_eq!(
            map.values()
                .unwrap()
                .get_item(0)
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            2
        );
        let item = map.items().unwrap().get_item(0).unwrap();
        assert_eq!(
            item.extract::<(String, i64)>().unwrap(),
            ("b".to_string(), 2)
        );
        assert!(map
            .contains(PyList::empty(py))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(py));

        // A read-only mapping raises Python's errors.
        let proxy = eval(py, "__import__('types').MappingProxyType({'k': 1})")
            .downcast::<PyMapping>()
            .unwrap();
        assert_eq!(proxy.len().unwrap(), 1);
        let err = proxy.set_item("k", 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'mappingproxy' object does not support item assignment"
        );
        assert_eq!(proxy.keys().unwrap().len().unwrap(), 1);
    });
}

#[test]
fn mapping_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let dict = PyDict::new(py);
            let map = dict.as_mapping();
            map.set_item(input, input).unwrap();
            assert!(map.get_item(input).unwrap().is(input));
            assert!(map.contains(input).unwrap());
            let _ = (
                map.keys().unwrap(),
                map.values().unwrap(),
                map.items().unwrap(),
            );
            map.del_item(input).unwrap();
            let _ = input.downcast::<PyMapping>();
        });
    });
}

// ----- slice -----

#[test]
fn slice_indices() {
    Python::with_gil(|py| {
        let s = PySlice::new(py, 1, 8, 2);
        assert_eq!(s.repr().unwrap().to_str().unwrap(), "slice(1, 8, 2)");
        let idx = s.indices(5).unwrap();
        assert_eq!(
            idx,
            PySliceIndices {
                start: 1,
                stop: 5,
                step: 2,
                slicelength: 2
            }
        );
        let rev = PySlice::new(py, -1, isize::MIN, -1).indices(4).unwrap();
        assert_eq!(
            (rev.start, rev.stop, rev.step, rev.slicelength),
            (3, -1, -1, 4)
        );
        let full = PySlice::full(py);
        assert_eq!(
            full.repr().unwrap().to_str().unwrap(),
            "slice(None, None, None)"
        );
        assert_eq!(full.indices(3).unwrap().slicelength, 3);
        // The indices agree with Python's own `slice.indices`.
        let py_idx: (isize, isize, isize) = eval(py, "slice(-7, None, 3).indices(10)")
            .extract()
            .unwrap();
        let ours = eval(py, "slice(-7, None, 3)")
            .downcast::<PySlice>()
            .unwrap()
            .indices(10)
            .unwrap();
        assert_eq!((ours.start, ours.stop, ours.step), py_idx);
        assert_eq!(PySliceIndices::new(1, 2, 3).slicelength, 0);
        let as_obj = PySliceIndices::new(0, 4, 2).to_object(py);
        let list = eval(py, "[0, 1, 2, 3, 4]");
        let picked = list.get_item(as_obj).unwrap().downcast::<PyList>().unwrap();
        assert_eq!(picked.to_tuple().extract::<(i64, i64)>().unwrap(), (0, 2));
    });
}

#[test]
fn slice_errors() {
    Python::with_gil(|py| {
        let err = PySlice::new(py, 0, 5, 0).indices(5).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.to_string(), "ValueError: slice step cannot be zero");
        let bad = eval(py, "slice('a', 2)").downcast::<PySlice>().unwrap();
        let err = bad.indices(5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: slice indices must be integers or None or have an __index__ method"
        );
        let err = eval(py, "range(3)").downcast::<PySlice>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'range' object cannot be converted to 'PySlice'"
        );
    });
}

#[test]
fn slice_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = PySlice::new(py, 1, 10, 3).into();
        assert_no_leak(py, &input, |py, input| {
            let s: &PySlice = input.downcast().unwrap();
            assert_eq!(s.indices(20).unwrap().slicelength, 3);
            let _ = PySlice::full(py);
            let _ = PySlice::new(py, 0, 1, 1);
            drop(PySliceIndices::new(0, 1, 1).to_object(py));
        });
    });
}
