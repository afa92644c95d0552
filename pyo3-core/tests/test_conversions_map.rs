//! Maps and sets: `HashMap`, `BTreeMap`, `HashSet`, `BTreeSet` ↔ `dict` / `set`.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;

use common::{assert_flat, check, err_text, eval};
use pyo3::gil::owned_object_count;
use pyo3::prelude::*;

#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100000001b3);
        }
    }
}

#[test]
fn maps_from_dicts_and_mappings() {
    Python::with_gil(|py| {
        let m: HashMap<String, i64> = eval(py, "{'a': 1, 'b': 2}").extract().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m["b"], 2);
        let m: BTreeMap<i64, Vec<String>> = eval(py, "{2: ['x'], 1: []}").extract().unwrap();
        assert_eq!(
            m.into_iter().collect::<Vec<_>>(),
            [(1, vec![]), (2, vec!["x".to_owned()])]
        );
        let m: HashMap<i64, i64, BuildHasherDefault<Fnv>> = eval(py, "{1: 10}").extract().unwrap();
        assert_eq!(m[&1], 10);
        let m: HashMap<&str, Option<&str>> = eval(py, "{'k': None, 'j': 'v'}").extract().unwrap();
        assert_eq!(m["j"], Some("v"));
        // A dict subclass, a non-dict mapping, and a mapping proxy.
        let m: HashMap<i64, i64> = eval(py, "type('D', (dict,), {})({1: 2})")
            .extract()
            .unwrap();
        assert_eq!(m[&1], 2);
        let m: BTreeMap<String, i64> =
            eval(py, "__import__('collections').ChainMap({'a': 1}, {'b': 2})")
                .extract()
                .unwrap();
        assert_eq!(m.len(), 2);
        let m: HashMap<String, i64> = eval(py, "__import__('types').MappingProxyType({'p': 3})")
            .extract()
            .unwrap();
        assert_eq!(m["p"], 3);
    });
}

#[test]
fn map_errors() {
    Python::with_gil(|py| {
        assert_eq!(
            err_text(eval(py, "{1: 2}").extract::<HashMap<String, i64>>()),
            "TypeError: 'int' object cannot be converted to 'PyString'"
        );
        assert_eq!(
            err_text(eval(py, "{'a': 'b'}").extract::<BTreeMap<String, i64>>()),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            err_text(eval(py, "[(1, 2)]").extract::<HashMap<i64, i64>>()),
            "TypeError: 'list' object cannot be converted to 'Mapping'"
        );
        assert_eq!(
            err_text(eval(py, "None").extract::<BTreeMap<i64, i64>>()),
            "TypeError: 'NoneType' object cannot be converted to 'Mapping'"
        );
        // A key whose extraction grows the dict: Python's own error for that.
        let err = eval(
            py,
            "(lambda d: (d.__setitem__(type('K', (), {'__index__': lambda self: (d.__setitem__(len(d) + 100, 0), 1)[1]})(), 0), d)[1])({})",
        )
        .extract::<HashMap<i64, i64>>()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "RuntimeError: dictionary changed size during iteration"
        );
    });
}

#[test]
fn maps_to_dicts() {
    Python::with_gil(|py| {
        let m = HashMap::from([("a", 1), ("b", 2)]);
        assert!(check(
            py,
            "x == {'a': 1, 'b': 2} and type(x) is dict",
            m.to_object(py)
        ));
        assert!(check(py, "x == {'a': 1, 'b': 2}", m.into_py(py)));
        let m = BTreeMap::from([(1, vec![1u8]), (2, vec![])]);
        assert!(check(
            py,
            "list(x.items()) == [(1, [1]), (2, [])]",
            m.to_object(py)
        ));
        assert!(check(py, "x == {1: [1], 2: []}", m.into_py(py)));
        let m: HashMap<i64, (), BuildHasherDefault<Fnv>> = HashMap::from_iter([(5, ())]);
        assert!(check(py, "x == {5: None}", m.into_py(py)));
    });
}

#[test]
fn large_and_empty_maps_to_dicts() {
    // Dicts are created with room for every item (no resize on the way): the result must
    // still be an ordinary dict that grows and shrinks as usual.
    Python::with_gil(|py| {
        let m: BTreeMap<i64, String> = (0..1000).map(|i| (i, i.to_string())).collect();
        // (No comprehension over `x`: the snippet's locals are not visible in nested scopes.)
        let script = "type(x) is dict and list(x) == list(range(1000)) \
                      and x == dict(zip(range(1000), map(str, range(1000))))";
        assert!(check(py, script, m.to_object(py)));
        assert!(check(py, script, m.into_py(py)));
        let m: HashMap<String, i64> = (0..100).map(|i| (i.to_string(), i)).collect();
        let script = "x == {str(i): i for i in range(100)} \
                      and (x.update({str(i): i for i in range(100, 300)}) or len(x) == 300) \
                      and (x.clear() or x == {})";
        assert!(check(py, script, m.into_py(py)));
        let empty: HashMap<i64, i64> = HashMap::new();
        assert!(check(
            py,
            "x == {} and type(x) is dict and (x.update(a=1) or x == {'a': 1})",
            empty.into_py(py)
        ));
    });
}

#[test]
fn sets_from_sets_frozensets_and_set_views() {
    Python::with_gil(|py| {
        let s: HashSet<i64> = eval(py, "{1, 2, 3}").extract().unwrap();
        assert_eq!(s, HashSet::from([1, 2, 3]));
        let s: BTreeSet<String> = eval(py, "frozenset(['b', 'a'])").extract().unwrap();
        assert_eq!(s.into_iter().collect::<Vec<_>>(), ["a", "b"]);
        let s: HashSet<&str, BuildHasherDefault<Fnv>> = eval(py, "{'x'}").extract().unwrap();
        assert!(s.contains("x"));
        let s: BTreeSet<i64> = eval(py, "{3: 0, 1: 0}.keys()").extract().unwrap();
        assert_eq!(s.into_iter().collect::<Vec<_>>(), [1, 3]);
        let s: HashSet<(i64, i64)> = eval(py, "{(1, 2)}").extract().unwrap();
        assert!(s.contains(&(1, 2)));

        assert_eq!(
            err_text(eval(py, "[1, 2]").extract::<HashSet<i64>>()),
            "TypeError: 'list' object cannot be converted to 'PySet'"
        );
        assert_eq!(
            err_text(eval(py, "'ab'").extract::<BTreeSet<String>>()),
            "TypeError: 'str' object cannot be converted to 'PySet'"
        );
        assert_eq!(
            err_text(eval(py, "{1, 'a'}").extract::<BTreeSet<i64>>()),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
    });
}

#[test]
fn sets_to_sets() {
    Python::with_gil(|py| {
        let s = HashSet::from([1, 2]);
        assert!(check(py, "x == {1, 2} and type(x) is set", s.to_object(py)));
        assert!(check(py, "x == {1, 2}", s.into_py(py)));
        let s = BTreeSet::from(["a".to_owned()]);
        assert!(check(py, "x == {'a'}", s.to_object(py)));
        assert!(check(py, "x == {'a'}", s.into_py(py)));
        let s: HashSet<u8, BuildHasherDefault<Fnv>> = HashSet::from_iter([7]);
        assert!(check(py, "x == {7}", s.into_py(py)));
    });
}

#[test]
#[should_panic(expected = "unhashable type")]
fn unhashable_key_panics() {
    Python::with_gil(|py| {
        let m = BTreeMap::from([(vec![1], 1)]);
        let _ = m.into_py(py);
    });
}

#[test]
fn map_and_set_conversions_leave_refcounts_and_pool_flat() {
    Python::with_gil(|py| {
        let dict: PyObject = eval(py, "{str(i): [i, i + 1] for i in range(50)}").into();
        let set: PyObject = eval(py, "frozenset(range(50))").into();
        let mapping: PyObject = eval(py, "__import__('collections').OrderedDict(a=1, b=2)").into();
        let view: PyObject = eval(py, "{1: 2, 3: 4}.keys()").into();
        // Warm up the one-time imports of the ABCs.
        let _: HashSet<i64> = view.extract(py).unwrap();
        assert_flat(py, &[&dict, &set, &mapping, &view], 300, |py| {
            let before = owned_object_count();
            let m: HashMap<String, Vec<i64>> = dict.extract(py).unwrap();
            let b: BTreeMap<String, [i64; 2]> = dict.extract(py).unwrap();
            let s: HashSet<i64> = set.extract(py).unwrap();
            let o: BTreeMap<String, i64> = mapping.extract(py).unwrap();
            let v: BTreeSet<i64> = view.extract(py).unwrap();
            // GIL-independent keys and values: nothing entered the pool.
            assert_eq!(owned_object_count(), before);
            drop((
                m.into_py(py),
                b.to_object(py),
                s.into_py(py),
                o.into_py(py),
                v.to_object(py),
            ));
            let borrowed: HashMap<&str, Vec<i64>> = dict.extract(py).unwrap();
            assert_eq!(borrowed.len(), 50);
        });
    });
}
