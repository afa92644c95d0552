//! Built-in containers: `PyList`, `PyTuple`, `PyDict`, `PySet`, `PyFrozenSet`.

mod common;

use common::{assert_no_leak, eval, ints, panic_message};
use pyo3::exceptions::{PyIndexError, PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    IntoPyDict, PyDict, PyDictItems, PyDictKeys, PyDictValues, PyFrozenSet, PyFrozenSetBuilder,
    PyList, PySet, PyTuple,
};

// ----- list -----

#[test]
fn list_construction_and_access() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [1i64, 2, 3]);
        assert_eq!(list.len(), 3);
        assert!(!list.is_empty());
        assert!(PyList::empty(py).is_empty());
        assert_eq!(list.get_item(1).unwrap().extract::<i64>().unwrap(), 2);
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        {
            // SAFETY: index 2 < len 3.
            let last = unsafe { list.get_item_unchecked(2) };
            assert_eq!(last.extract::<i64>().unwrap(), 3);
        }
        let err = list.get_item(3).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(py));
        assert_eq!(err.to_string(), "IndexError: list index out of range");
        assert_eq!(ints(list.get_slice(1, 100)), [2, 3]);
        assert_eq!(ints(list.get_slice(2, 1)), Vec::<i64>::new());
    });
}

#[test]
fn list_mutation() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [3i64, 1, 2]);
        list.set_item(0, 30).unwrap();
        let err = list.set_item(5, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "IndexError: list assignment index out of range"
        );
        list.append(4).unwrap();
        list.insert(0, 0).unwrap();
        assert_eq!(ints(list), [0, 30, 1, 2, 4]);
        list.del_item(1).unwrap();
        assert_eq!(ints(list), [0, 1, 2, 4]);
        assert!(list
            .del_item(10)
            .unwrap_err()
            .is_instance_of::<PyIndexError>(py));
        list.set_slice(1, 3, PyList::new(py, [7i64, 8, 9])).unwrap();
        assert_eq!(ints(list), [0, 7, 8, 9, 4]);
        list.del_slice(0, 2).unwrap();
        assert_eq!(ints(list), [8, 9, 4]);
        let err = list.set_slice(0, 1, eval(py, "5")).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: can only assign an iterable");
        list.sort().unwrap();
        assert_eq!(ints(list), [4, 8, 9]);
        list.reverse().unwrap();
        assert_eq!(ints(list), [9, 8, 4]);
        assert!(list.contains(8).unwrap());
        assert!(!list.contains(5).unwrap());
        assert_eq!(list.index(4).unwrap(), 2);
        assert!(list
            .index(5)
            .unwrap_err()
            .is_instance_of::<PyValueError>(py));
        let tuple = list.to_tuple();
        assert_eq!(ints(tuple), [9, 8, 4]);
        let mixed = PyList::new(py, [eval(py, "1"), eval(py, "'a'")]);
        let err = mixed.sort().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
    });
}

#[test]
fn list_iteration() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [1i64, 2, 3, 4]);
        let it = list.iter();
        assert_eq!(it.len(), 4);
        assert_eq!(ints(list.iter().rev()), [4, 3, 2, 1]);
        let mut it = list.iter();
        assert_eq!(it.next().unwrap().extract::<i64>().unwrap(), 1);
        assert_eq!(it.next_back().unwrap().extract::<i64>().unwrap(), 4);
        assert_eq!(it.len(), 2);
        assert_eq!(ints(it), [2, 3]);
        // The list may shrink while iterating: the iterator stops at the current end.
        let mut seen = Vec::new();
        for item in list {
            seen.push(item.extract::<i64>().unwrap());
            if seen.len() == 1 {
                list.del_slice(2, 4).unwrap();
            }
        }
        assert_eq!(seen, [1, 2]);
    });
}

#[test]
fn list_index_operators() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [0i64, 1, 2, 3, 4]);
        assert_eq!(list[2].extract::<i64>().unwrap(), 2);
        assert_eq!(ints(&list[1..3]), [1, 2]);
        assert_eq!(ints(&list[1..=3]), [1, 2, 3]);
        assert_eq!(ints(&list[3..]), [3, 4]);
        assert_eq!(ints(&list[..2]), [0, 1]);
        assert_eq!(ints(&list[..=0]), [0]);
        // `[..]` is a copy, not the list itself.
        #[allow(clippy::redundant_slicing)]
        let copy = &list[..];
        assert!(!copy.is(list));
        assert_eq!(ints(copy), [0, 1, 2, 3, 4]);
        assert_eq!(
            panic_message(|| {
                let _ = &list[5];
            }),
            "index 5 out of range for list of length 5"
        );
        assert_eq!(
            panic_message(|| {
                let _ = &list[6..];
            }),
            "range start index 6 out of range for list of length 5"
        );
        assert_eq!(
            panic_message(|| {
                let _ = &list[..7];
            }),
            "range end index 7 out of range for list of length 5"
        );
        #[allow(clippy::reversed_empty_ranges)]
        let msg = panic_message(|| {
            let _ = &list[3..2];
        });
        assert_eq!(msg, "slice index starts at 3 but ends at 2");
        assert!(list.as_sequence().len().unwrap() == 5);
    });
}

#[test]
fn list_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let list = PyList::new(py, [input, input]);
            list.append(input).unwrap();
            list.insert(0, input).unwrap();
            list.set_item(1, input).unwrap();
            assert!(list.get_item(0).unwrap().is(input));
            assert_eq!(list.iter().count(), 4);
            assert_eq!(list.iter().rev().count(), 4);
            let _ = list.get_slice(0, 2);
            let _ = list.to_tuple();
            assert!(list.contains(input).unwrap());
            assert_eq!(list.index(input).unwrap(), 0);
            list.del_item(0).unwrap();
            let _ = &list[0];
            let _ = &list[1..];
        });
    });
}

// ----- tuple -----

#[test]
fn tuple_access() {
    Python::with_gil(|py| {
        let tuple = PyTuple::new(py, [1i64, 2, 3]);
        assert_eq!(tuple.len(), 3);
        assert!(PyTuple::empty(py).is_empty());
        assert_eq!(tuple.get_item(0).unwrap().extract::<i64>().unwrap(), 1);
        let err = tuple.get_item(3).unwrap_err();
        assert_eq!(err.to_string(), "IndexError: tuple index out of range");
        assert_eq!(ints(tuple.get_slice(1, 10)), [2, 3]);
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        assert_eq!(ints(tuple.as_slice().iter().copied()), [1, 2, 3]);
        assert!(tuple.contains(2).unwrap());
        assert_eq!(tuple.index(3).unwrap(), 2);
        assert!(tuple
            .index(9)
            .unwrap_err()
            .is_instance_of::<PyValueError>(py));
        assert_eq!(ints(tuple.to_list()), [1, 2, 3]);
        assert_eq!(ints(tuple.iter().rev()), [3, 2, 1]);
        assert_eq!(tuple.iter().len(), 3);
        assert_eq!(ints(&tuple[1..]), [2, 3]);
        assert_eq!(ints(&tuple[..=1]), [1, 2]);
        assert_eq!(
            panic_message(|| {
                let _ = &tuple[3];
            }),
            "index 3 out of range for tuple of length 3"
        );
        assert_eq!(tuple.as_sequence().count(1).unwrap(), 1);
    });
}

#[test]
fn tuple_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let tuple = PyTuple::new(py, [input, input, input]);
            assert!(tuple[1].is(input));
            assert_eq!(tuple.iter().filter(|x| x.is(input)).count(), 3);
            let _ = tuple.to_list();
            let _ = &tuple[..2];
            assert!(tuple.contains(input).unwrap());
        });
    });
}

// ----- dict -----

#[test]
fn dict_items_and_errors() {
    Python::with_gil(|py| {
        let dict = [("a", 1i64), ("b", 2)].into_py_dict(py);
        assert_eq!(dict.len(), 2);
        assert!(dict.contains("a").unwrap());
        assert!(!dict.contains("z").unwrap());
        assert_eq!(
            dict.get_item("b")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            2
        );
        assert!(dict.get_item("z").unwrap().is_none());
        assert!(dict.get_item_with_error("z").unwrap().is_none());
        let unhashable = PyList::empty(py);
        let err = dict.get_item(unhashable).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
        assert!(dict.contains(unhashable).is_err());
        assert!(dict.set_item(unhashable, 1).is_err());
        dict.set_item("c", 3).unwrap();
        dict.del_item("a").unwrap();
        let err = dict.del_item("a").unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(py));
        assert_eq!(err.to_string(), "KeyError: 'a'");
        let keys: Vec<String> = dict.keys().iter().map(|k| k.extract().unwrap()).collect();
        assert_eq!(keys, ["b", "c"]);
        assert_eq!(ints(dict.values()), [2, 3]);
        assert_eq!(dict.items().len(), 2);
        let copy = dict.copy().unwrap();
        dict.clear();
        assert!(dict.is_empty());
        assert_eq!(copy.len(), 2);
        assert_eq!(copy.as_mapping().len().unwrap(), 2);
    });
}

#[test]
fn dict_from_sequence_and_update() {
    Python::with_gil(|py| {
        let pairs = eval(py, "[('x', 1), ('y', 2)]");
        let dict = PyDict::from_sequence(py, pairs).unwrap();
        assert_eq!(dict.len(), 2);
        let owned: PyObject = pairs.into();
        assert_eq!(PyDict::from_sequence(py, owned).unwrap().len(), 2);
        let err = PyDict::from_sequence(py, eval(py, "[1]")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
        );
        let err = PyDict::from_sequence(py, eval(py, "[(1,)]")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ValueError: dictionary update sequence element #0 has length 1; 2 is required"
        );
        let other = [("y", 20i64), ("z", 30)].into_py_dict(py);
        let target = dict.copy().unwrap();
        target.update_if_missing(other).unwrap();
        assert_eq!(
            target
                .get_item("y")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            2
        );
        assert_eq!(
            target
                .get_item("z")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            30
        );
        dict.update(other.as_mapping()).unwrap();
        assert_eq!(
            dict.get_item("y")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            20
        );
        assert!(dict.update(eval(py, "3")).is_err());
    });
}

#[test]
fn dict_iteration() {
    Python::with_gil(|py| {
        let dict = [("a", 1i64), ("b", 2), ("c", 3)].into_py_dict(py);
        let it = dict.iter();
        assert_eq!(it.len(), 3);
        let total: i64 = dict.iter().map(|(_, v)| v.extract::<i64>().unwrap()).sum();
        assert_eq!(total, 6);
        let mut it = dict.iter();
        it.next();
        assert_eq!(it.len(), 2);

        let msg = panic_message(|| {
            for (k, _) in dict {
                if k.extract::<&str>().unwrap() == "a" {
                    dict.set_item("d", 4).unwrap();
                }
            }
        });
        assert_eq!(msg, "dictionary changed size during iteration");

        // Same size, but a key replaced by a new one: detected too.
        let dict = [("a", 1i64)].into_py_dict(py);
        let msg = panic_message(|| {
            for (k, _) in dict {
                let k: String = k.extract().unwrap();
                dict.del_item(k.as_str()).unwrap();
                dict.set_item(format!("{k}{k}"), 0).unwrap();
            }
        });
        assert_eq!(msg, "dictionary keys changed during iteration");
    });
}

#[test]
fn dict_views() {
    Python::with_gil(|py| {
        let dict = eval(py, "{'a': 1}");
        assert!(dict
            .call_method0("keys")
            .unwrap()
            .downcast::<PyDictKeys>()
            .is_ok());
        assert!(dict
            .call_method0("values")
            .unwrap()
            .downcast::<PyDictValues>()
            .is_ok());
        assert!(dict
            .call_method0("items")
            .unwrap()
            .downcast::<PyDictItems>()
            .is_ok());
        let err = dict.downcast::<PyDictKeys>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'dict' object cannot be converted to 'PyDictKeys'"
        );
    });
}

#[test]
fn dict_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let dict = PyDict::new(py);
            dict.set_item(input, input).unwrap();
            dict.set_item("k", input).unwrap();
            assert!(dict.get_item(input).unwrap().unwrap().is(input));
            assert!(dict.contains(input).unwrap());
            for (k, v) in dict {
                assert!(v.is(input));
                let _ = k;
            }
            let _ = (dict.keys(), dict.values(), dict.items());
            let copy = dict.copy().unwrap();
            copy.update(dict).unwrap();
            dict.del_item(input).unwrap();
            let _ = [("x", input)].into_py_dict(py);
        });
    });
}

// ----- set and frozenset -----

#[test]
fn set_operations() {
    Python::with_gil(|py| {
        let set = PySet::new(py, &[1i64, 2, 3]).unwrap();
        assert_eq!(set.len(), 3);
        assert!(set.contains(2).unwrap());
        assert!(!set.contains(4).unwrap());
        set.add(4).unwrap();
        assert!(set.contains(4).unwrap());
        assert!(set.discard(1).unwrap());
        assert!(!set.discard(1).unwrap());
        let mut all: Vec<i64> = ints(set);
        all.sort();
        assert_eq!(all, [2, 3, 4]);
        assert_eq!(set.iter().len(), 3);
        let popped: i64 = set.pop().unwrap().extract(py).unwrap();
        assert!((2..=4).contains(&popped));
        assert_eq!(set.len(), 2);
        set.clear();
        assert!(set.is_empty());
        assert!(set.pop().is_none());
        assert!(!PyErr::occurred(py));
        assert!(PySet::empty(py).unwrap().is_empty());
        let from_vec = vec![5i64, 5, 6];
        assert_eq!(PySet::new(py, &from_vec).unwrap().len(), 2);
    });
}

#[test]
fn set_unhashable_errors() {
    Python::with_gil(|py| {
        let list = PyList::empty(py);
        let err = PySet::new(py, &[list]).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
        let set = PySet::empty(py).unwrap();
        assert!(set.add(list).unwrap_err().is_instance_of::<PyTypeError>(py));
        assert!(set
            .contains(list)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(py));
        assert!(set
            .discard(list)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(py));
        let err = PyFrozenSet::new(py, &[list]).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
        let err = eval(py, "{1}").downcast::<PyFrozenSet>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'set' object cannot be converted to 'PyFrozenSet'"
        );
        let err = eval(py, "frozenset()").downcast::<PySet>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'frozenset' object cannot be converted to 'PySet'"
        );
    });
}

#[test]
fn set_changed_during_iteration_panics() {
    Python::with_gil(|py| {
        let set = PySet::new(py, &[1i64, 2, 3]).unwrap();
        let msg = panic_message(|| {
            for item in set {
                let v: i64 = item.extract().unwrap();
                set.add(v + 100).unwrap();
            }
        });
        assert_eq!(msg, "RuntimeError: Set changed size during iteration");
        assert!(!PyErr::occurred(py));
    });
}

#[test]
fn frozenset_operations() {
    Python::with_gil(|py| {
        let fs = PyFrozenSet::new(py, &[1i64, 2, 2]).unwrap();
        assert_eq!(fs.len(), 2);
        assert!(fs.contains(1).unwrap());
        assert!(!fs.contains(3).unwrap());
        let mut all = ints(fs);
        all.sort();
        assert_eq!(all, [1, 2]);
        assert!(PyFrozenSet::empty(py).unwrap().is_empty());
        let mut builder = PyFrozenSetBuilder::new(py).unwrap();
        builder.add(7).unwrap();
        builder.add("x").unwrap();
        assert!(builder.add(PyList::empty(py)).is_err());
        let built = builder.finalize();
        assert_eq!(built.len(), 2);
        assert_eq!(
            built.hash().unwrap(),
            eval(py, "hash(frozenset({7, 'x'}))")
                .extract::<isize>()
                .unwrap()
        );
    });
}

#[test]
fn set_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            let set = PySet::new(py, &[input]).unwrap();
            set.add(input).unwrap();
            assert!(set.contains(input).unwrap());
            assert!(set.iter().all(|x| x.is(input)));
            assert!(set.discard(input).unwrap());
            set.add(input).unwrap();
            drop(set.pop());
            let fs = PyFrozenSet::new(py, &[input]).unwrap();
            assert!(fs.contains(input).unwrap());
            assert_eq!(fs.iter().count(), 1);
            let mut b = PyFrozenSetBuilder::new(py).unwrap();
            b.add(input).unwrap();
            let _ = b.finalize();
        });
    });
}
