//! Sequences: `Vec<T>`, `VecDeque`, `LinkedList`, `Box<[T]>`, `[T; N]`, and bytes
//! (`&[u8]`, `Cow<[u8]>`, `Vec<u8>`).

mod common;

use std::borrow::Cow;
use std::collections::{LinkedList, VecDeque};

use common::{assert_flat, check, err_text, eval};
use pyo3::gil::owned_object_count;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

#[test]
fn vec_from_list_tuple_and_other_sequences() {
    Python::with_gil(|py| {
        let v: Vec<i64> = eval(py, "[1, 2, 3]").extract().unwrap();
        assert_eq!(v, [1, 2, 3]);
        let v: Vec<i64> = eval(py, "(4, 5)").extract().unwrap();
        assert_eq!(v, [4, 5]);
        let v: Vec<i64> = eval(py, "range(3)").extract().unwrap();
        assert_eq!(v, [0, 1, 2]);
        let v: Vec<String> = eval(py, "['a', 'bc']").extract().unwrap();
        assert_eq!(v, ["a", "bc"]);
        let v: Vec<&str> = eval(py, "['x', 'y']").extract().unwrap();
        assert_eq!(v, ["x", "y"]);
        let v: Vec<Vec<i64>> = eval(py, "[[1], [], (2, 3)]").extract().unwrap();
        assert_eq!(v, [vec![1], vec![], vec![2, 3]]);
        let v: Vec<Option<i64>> = eval(py, "[None, 1]").extract().unwrap();
        assert_eq!(v, [None, Some(1)]);
        // A list subclass goes through the sequence protocol, which honours overrides.
        let v: Vec<i64> = eval(
            py,
            "type('L', (list,), {'__iter__': lambda self: iter([9])})([1, 2])",
        )
        .extract()
        .unwrap();
        assert_eq!(v, [9]);
    });
}

#[test]
fn vec_rejects_str_and_non_sequences() {
    Python::with_gil(|py| {
        assert_eq!(
            err_text(eval(py, "'abc'").extract::<Vec<String>>()),
            "TypeError: Can't extract `str` to `Vec`"
        );
        assert_eq!(
            err_text(eval(py, "'abc'").extract::<VecDeque<String>>()),
            "TypeError: Can't extract `str` to `VecDeque`"
        );
        assert_eq!(
            err_text(eval(py, "5").extract::<Vec<i64>>()),
            "TypeError: 'int' object cannot be converted to 'Sequence'"
        );
        assert_eq!(
            err_text(eval(py, "{1: 2}").extract::<Vec<i64>>()),
            "TypeError: 'dict' object cannot be converted to 'Sequence'"
        );
        assert_eq!(
            err_text(eval(py, "{1, 2}").extract::<Vec<i64>>()),
            "TypeError: 'set' object cannot be converted to 'Sequence'"
        );
        assert_eq!(
            err_text(eval(py, "[1, 'a']").extract::<Vec<i64>>()),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        let err = eval(py, "(1, 2**70)").extract::<Vec<i64>>().unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyOverflowError>(py));
        // An error raised while iterating propagates.
        let err = eval(
            py,
            "type('S', (), {'__getitem__': lambda self, i: 1 // 0, '__len__': lambda self: 1})()",
        )
        .extract::<Vec<i64>>()
        .unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyZeroDivisionError>(py));
    });
}

#[test]
fn list_mutated_during_extraction_stays_sound() {
    Python::with_gil(|py| {
        // Each item's __index__ empties the list it sits in; extraction must notice the
        // list shrinking and must not read freed items.
        let list: &PyList = py
            .eval(
                "(lambda l: (l.extend(type('I', (), {'__index__': lambda self: (l.clear(), 7)[1]})() \
                 for _ in range(5)), l)[1])([])",
                None,
                None,
            )
            .unwrap()
            .downcast()
            .unwrap();
        assert_eq!(list.len(), 5);
        let v: Vec<i64> = list.extract().unwrap();
        assert_eq!(v, [7]);
        assert_eq!(list.len(), 0);
        // Growing the list while extracting: the new item is read too.
        let list: &PyList = py
            .eval(
                "(lambda l: (l.append(type('G', (), {'__index__': lambda self: (l.append(3), 1)[1]})()), l)[1])([])",
                None,
                None,
            )
            .unwrap()
            .downcast()
            .unwrap();
        let v: Vec<i64> = list.extract().unwrap();
        assert_eq!(v, [1, 3]);
    });
}

#[test]
fn other_collections_extract_and_convert() {
    Python::with_gil(|py| {
        let d: VecDeque<i64> = eval(py, "[1, 2]").extract().unwrap();
        assert_eq!(d, [1, 2]);
        let l: LinkedList<i64> = eval(py, "(3, 4)").extract().unwrap();
        assert_eq!(l.into_iter().collect::<Vec<_>>(), [3, 4]);
        let b: Box<[u32]> = eval(py, "[5]").extract().unwrap();
        assert_eq!(&*b, &[5]);

        let back = VecDeque::from([1, 2]).into_py(py);
        assert!(check(py, "x == [1, 2] and type(x) is list", back));
        let back = LinkedList::from([3]).to_object(py);
        assert!(check(py, "x == [3]", back));
        let back = vec![1u8, 2].into_boxed_slice().into_py(py);
        assert!(check(py, "x == [1, 2]", back));
        let back = [1.5f64, 2.5][..].to_object(py);
        assert!(check(py, "x == [1.5, 2.5]", back));
        let back = vec![vec!["a"], vec![]].into_py(py);
        assert!(check(py, "x == [['a'], []]", back));
    });
}

#[test]
fn arrays_need_the_exact_length() {
    Python::with_gil(|py| {
        let a: [i32; 3] = eval(py, "[1, 2, 3]").extract().unwrap();
        assert_eq!(a, [1, 2, 3]);
        let a: [String; 2] = eval(py, "('a', 'b')").extract().unwrap();
        assert_eq!(a, ["a", "b"]);
        let a: [u8; 2] = eval(py, "b'hi'").extract().unwrap();
        assert_eq!(a, *b"hi");
        let a: [i64; 0] = eval(py, "[]").extract().unwrap();
        assert_eq!(a, []);
        assert_eq!(
            err_text(eval(py, "[1, 2]").extract::<[i32; 3]>()),
            "ValueError: expected a sequence of length 3 (got 2)"
        );
        assert_eq!(
            err_text(eval(py, "None").extract::<[i32; 3]>()),
            "TypeError: 'NoneType' object cannot be converted to 'Sequence'"
        );
        let back = [1i32, 2, 3].into_py(py);
        assert!(check(py, "x == [1, 2, 3]", back));
        let back = [[1i32; 2]; 2].to_object(py);
        assert!(check(py, "x == [[1, 1], [1, 1]]", back));
    });
}

#[test]
fn bytes_conversions() {
    Python::with_gil(|py| {
        let b: &[u8] = eval(py, "b'abc'").extract().unwrap();
        assert_eq!(b, b"abc");
        assert_eq!(
            err_text(eval(py, "bytearray(b'x')").extract::<&[u8]>()),
            "TypeError: 'bytearray' object cannot be converted to 'PyBytes'"
        );

        let bytes = eval(py, "b'borrowed'");
        let c: Cow<'_, [u8]> = bytes.extract().unwrap();
        assert!(matches!(c, Cow::Borrowed(b"borrowed")));
        let c: Cow<'_, [u8]> = eval(py, "bytearray(b'copied')").extract().unwrap();
        assert!(matches!(&c, Cow::Owned(v) if v == b"copied"));
        assert_eq!(
            err_text(eval(py, "'text'").extract::<Cow<'_, [u8]>>()),
            "TypeError: 'str' object cannot be converted to 'PyByteArray'"
        );

        let v: Vec<u8> = eval(py, "b'\\x00\\xff'").extract().unwrap();
        assert_eq!(v, [0, 255]);
        let v: Vec<u8> = eval(py, "bytearray(b'xy')").extract().unwrap();
        assert_eq!(v, b"xy");
        let v: Vec<u8> = eval(py, "bytearray()").extract().unwrap();
        assert!(v.is_empty());
        let v: Vec<u8> = eval(py, "[1, 2, 255]").extract().unwrap();
        assert_eq!(v, [1, 2, 255]);
        let v: Vec<u8> = eval(py, "memoryview(b'mv')").extract().unwrap();
        assert_eq!(v, b"mv");
        assert_eq!(
            err_text(eval(py, "[256]").extract::<Vec<u8>>()),
            "OverflowError: out of range integral type conversion attempted"
        );
        assert_eq!(
            err_text(eval(py, "'str'").extract::<Vec<u8>>()),
            "TypeError: Can't extract `str` to `Vec`"
        );

        // `&[u8]` and `Cow<[u8]>` become bytes; `Vec<u8>` a list of ints.
        let back = (&b"raw"[..]).into_py(py);
        assert!(check(py, "x == b'raw' and type(x) is bytes", back));
        let back = Cow::<[u8]>::Owned(vec![1, 2]).into_py(py);
        assert!(check(py, "x == b'\\x01\\x02'", back));
        let back = Cow::<[u8]>::Borrowed(b"c").to_object(py);
        assert!(check(py, "x == b'c'", back));
        let back = vec![1u8, 2].into_py(py);
        assert!(check(py, "x == [1, 2]", back));
        assert!(PyBytes::new(py, b"z").extract::<Vec<u8>>().unwrap() == b"z");
    });
}

#[test]
fn vec_i64_from_a_long_list_pools_nothing() {
    Python::with_gil(|py| {
        let list: PyObject = eval(py, "list(range(1000))").into();
        let nested: PyObject = eval(py, "[(1, b'a'), (2, [3])]").into();
        let tuple: PyObject = eval(py, "tuple(range(1000))").into();
        let strings: PyObject = eval(py, "[str(i) for i in range(1000)]").into();
        py.with_pool(|py| {
            let before = owned_object_count();
            let v: Vec<i64> = list.extract(py).unwrap();
            assert_eq!(v.len(), 1000);
            assert_eq!(v[999], 999);
            let t: Vec<i64> = tuple.extract(py).unwrap();
            assert_eq!(t, v);
            let s: Vec<String> = strings.extract(py).unwrap();
            assert_eq!(s[10], "10");
            let nested: Vec<(i64, Vec<u8>)> = nested.extract(py).unwrap();
            assert_eq!(nested, [(1, vec![b'a']), (2, vec![3])]);
            assert_eq!(owned_object_count(), before);
            let a: [i64; 1000] = list.extract(py).unwrap();
            assert_eq!(a[500], 500);
            let back = v.into_py(py);
            drop(back);
            assert_eq!(owned_object_count(), before);
        });
    });
}

#[test]
fn vec_of_owned_objects_pools_nothing() {
    Python::with_gil(|py| {
        let list: PyObject = eval(py, "[object() for _ in range(100)]").into();
        let ints: PyObject = eval(py, "[[1], [2, 3]]").into();
        py.with_pool(|py| {
            let before = owned_object_count();
            let objects: Vec<PyObject> = list.extract(py).unwrap();
            assert_eq!(objects.len(), 100);
            let lists: Vec<Py<PyList>> = ints.extract(py).unwrap();
            assert_eq!(lists[1].as_ref(py).len(), 2);
            let err = list.extract::<Vec<Py<PyList>>>(py).unwrap_err();
            assert_eq!(owned_object_count(), before);
            assert_eq!(
                err.to_string(),
                "TypeError: 'object' object cannot be converted to 'PyList'"
            );
            // Each object is held by the list and by the Vec.
            assert_eq!(objects[0].as_any(py).get_refcnt(), 2);
        });
    });
}

#[test]
fn borrowed_items_stay_valid_for_the_token_lifetime() {
    Python::with_gil(|py| {
        // The list is the only owner of its strings; once it is cleared the borrowed
        // `&str`s must still be readable (the items were parked in the pool).
        let list: &PyList = eval(py, "[str(i) * 2 for i in range(3)]")
            .downcast()
            .unwrap();
        let v: Vec<&str> = list.extract().unwrap();
        list.as_ref().call_method0("clear").unwrap();
        assert_eq!(v, ["00", "11", "22"]);
    });
}

#[test]
fn conversions_leave_refcounts_and_pool_flat() {
    Python::with_gil(|py| {
        let list: PyObject = eval(py, "[[1, 2], [3], []]").into();
        let bytes: PyObject = eval(py, "b'abc' * 100").into();
        let strings: PyObject = eval(py, "('a' * 50, 'b' * 50)").into();
        assert_flat(py, &[&list, &bytes, &strings], 500, |py| {
            let v: Vec<Vec<i64>> = list.extract(py).unwrap();
            let d: VecDeque<Vec<u32>> = list.extract(py).unwrap();
            let a: [Vec<i8>; 3] = list.extract(py).unwrap();
            let b: Vec<u8> = bytes.extract(py).unwrap();
            let s: Vec<String> = strings.extract(py).unwrap();
            let sl: &[u8] = bytes.extract(py).unwrap();
            drop((
                v.into_py(py),
                d.to_object(py),
                a.into_py(py),
                b.into_py(py),
                s.into_py(py),
                sl.into_py(py),
            ));
        });
    });
}
