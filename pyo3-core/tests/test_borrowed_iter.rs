//! `PyBorrowedIter`: iterators that borrow a class's Rust data without cloning it, keep the
//! owner alive, and are invalidated when the owner is mutated.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyDict;

mod common;
use common::locals_with;

fn run(py: Python<'_>, locals: &PyDict, code: &str) {
    if let Err(err) = py.run(code, Some(locals), None) {
        err.print(py);
        panic!("Python code failed: {code}");
    }
}

/// A wrapped `HashSet<u32>`, as in the `wrapper` example.
#[pyclass]
#[derive(Default)]
struct IntSet {
    inner: HashSet<u32>,
}

#[pymethods]
impl IntSet {
    #[new]
    fn new() -> Self {
        IntSet::default()
    }

    fn add(&mut self, value: u32) {
        self.inner.insert(value);
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |set| Box::new(set.inner.iter()))
    }

    /// Inserts after sleeping with the GIL released, so another thread can run meanwhile.
    fn slow_add(&mut self, py: Python<'_>, value: u32) {
        py.allow_threads(|| std::thread::sleep(std::time::Duration::from_millis(100)));
        self.inner.insert(value);
    }
}

fn int_set(py: Python<'_>, values: impl IntoIterator<Item = u32>) -> Py<IntSet> {
    Py::new(
        py,
        IntSet {
            inner: values.into_iter().collect(),
        },
    )
    .unwrap()
}

#[test]
fn hash_set_iterates_its_elements() {
    Python::with_gil(|py| {
        let s = int_set(py, [3, 1, 2]);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(py, locals, "assert sorted(s) == [1, 2, 3]");
        run(py, locals, "it = iter(s); assert iter(it) is it");
        run(
            py,
            locals,
            "assert type(it).__name__ == 'borrowed_iterator', type(it)",
        );
        // Exhausted iterators stay exhausted.
        run(py, locals, "assert list(it) != [] and list(it) == []");
        run(py, locals, "assert next(it, 'end') == 'end'");
    });
}

#[test]
fn length_hint_counts_down_and_drops_to_zero_on_change() {
    Python::with_gil(|py| {
        let s = int_set(py, [1, 2, 3]);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
from operator import length_hint
it = iter(s)
assert length_hint(it) == 3
next(it)
assert length_hint(it) == 2
s.add(10)
assert length_hint(it) == 0
try:
    next(it)
except RuntimeError:
    pass
else:
    raise AssertionError("not invalidated")
assert length_hint(it) == 0
done = iter(s)
list(done)
assert length_hint(done) == 0
"#,
        );
    });
}

#[pyclass]
struct Words {
    words: Vec<String>,
}

#[pymethods]
impl Words {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |w| Box::new(w.words.iter()))
    }
}

#[test]
fn vec_of_strings() {
    Python::with_gil(|py| {
        let w = Py::new(
            py,
            Words {
                words: vec!["a".into(), "bc".into()],
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("w", w.into_py(py))]);
        run(py, locals, "assert list(w) == ['a', 'bc']");
    });
}

#[pyclass]
struct Table {
    by_name: BTreeMap<String, u32>,
    by_id: HashMap<u32, String>,
}

#[pymethods]
impl Table {
    fn items(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |t| Box::new(t.by_name.iter()))
    }

    fn names(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |t| Box::new(t.by_id.values()))
    }
}

#[test]
fn btree_map_items_and_hash_map_values() {
    Python::with_gil(|py| {
        let t = Py::new(
            py,
            Table {
                by_name: [("b".to_string(), 2), ("a".to_string(), 1)].into(),
                by_id: [(1, "x".to_string()), (2, "y".to_string())].into(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("t", t.into_py(py))]);
        run(py, locals, "assert list(t.items()) == [('a', 1), ('b', 2)]");
        run(py, locals, "assert sorted(t.names()) == ['x', 'y']");
    });
}

static CLONES: AtomicUsize = AtomicUsize::new(0);

/// An element that is not `Clone`.
struct Token(u32);

impl ToPyObject for Token {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.0.to_object(py)
    }
}

/// An element whose clones are counted.
struct Counted(u32);

impl Clone for Counted {
    fn clone(&self) -> Self {
        CLONES.fetch_add(1, Ordering::SeqCst);
        Counted(self.0)
    }
}

impl ToPyObject for Counted {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.0.to_object(py)
    }
}

/// A user type with its own borrowing `iter()`.
struct Ring {
    tokens: Vec<Token>,
    start: usize,
}

impl Ring {
    fn iter(&self) -> impl Iterator<Item = &Token> + '_ {
        self.tokens[self.start..]
            .iter()
            .chain(&self.tokens[..self.start])
    }
}

#[pyclass]
struct Owner {
    ring: Ring,
    counted: Vec<Counted>,
}

#[pymethods]
impl Owner {
    fn ring(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |o| Box::new(o.ring.iter()))
    }

    fn counted(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |o| Box::new(o.counted.iter()))
    }
}

#[test]
fn user_iter_and_nothing_is_cloned() {
    Python::with_gil(|py| {
        let o = Py::new(
            py,
            Owner {
                ring: Ring {
                    tokens: vec![Token(1), Token(2), Token(3)],
                    start: 1,
                },
                counted: (0..1000).map(Counted).collect(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("o", o.into_py(py))]);
        run(py, locals, "assert list(o.ring()) == [2, 3, 1]");
        run(py, locals, "assert sum(o.counted()) == sum(range(1000))");
        assert_eq!(CLONES.load(Ordering::SeqCst), 0);
        // The counter works: a clone is seen.
        let _ = Counted(0).clone();
        assert_eq!(CLONES.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn mutation_during_iteration_raises_and_stays_raised() {
    Python::with_gil(|py| {
        let s = int_set(py, [1, 2, 3]);
        let locals = locals_with(py, &[("s", s.clone_ref(py).into_py(py))]);
        run(
            py,
            locals,
            r#"
try:
    for x in s:
        s.add(x + 100)
except RuntimeError as e:
    assert str(e) == "IntSet changed during iteration", str(e)
else:
    raise AssertionError("no RuntimeError")
# The mutation itself succeeded, once.
assert len(s) == 4, len(s)

it = iter(s)
next(it)
s.add(7)
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        assert str(e) == "IntSet changed during iteration"
    else:
        raise AssertionError("invalidation is not sticky")
# A new iterator sees the new contents.
assert sorted(s) == sorted(set(s)) and 7 in list(s)
"#,
        );
        // Rust-side mutable borrows invalidate too.
        run(py, locals, "it = iter(s); next(it)");
        s.borrow_mut(py).inner.insert(1000);
        run(
            py,
            locals,
            r#"
try:
    next(it)
except RuntimeError as e:
    assert "changed during iteration" in str(e)
else:
    raise AssertionError("no RuntimeError")
"#,
        );
    });
}

#[test]
fn reading_the_owner_does_not_invalidate() {
    Python::with_gil(|py| {
        let s = int_set(py, 0..10);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            "seen = [x for x in s if len(s) == 10 and len(list(s)) == 10]; assert sorted(seen) == list(range(10))",
        );
    });
}

static DROPPED_OWNERS: AtomicUsize = AtomicUsize::new(0);

#[pyclass(dict)]
struct Tracked {
    values: Vec<u32>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPPED_OWNERS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pymethods]
impl Tracked {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |t| Box::new(t.values.iter()))
    }
}

#[test]
fn iterator_keeps_the_owner_alive_and_cycles_are_collected() {
    Python::with_gil(|py| {
        let t = Py::new(
            py,
            Tracked {
                values: vec![1, 2, 3],
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("t", t.into_py(py))]);
        let before = DROPPED_OWNERS.load(Ordering::SeqCst);
        run(
            py,
            locals,
            "import gc; it = iter(t); first = next(it); del t; gc.collect()",
        );
        assert_eq!(DROPPED_OWNERS.load(Ordering::SeqCst), before);
        run(py, locals, "assert [first] + list(it) == [1, 2, 3]");
        // Exhaustion releases the owner, as a Python set iterator does.
        assert_eq!(DROPPED_OWNERS.load(Ordering::SeqCst), before + 1);

        // owner -> __dict__ -> iterator -> owner.
        let t = Py::new(py, Tracked { values: vec![4] }).unwrap();
        locals.set_item("t", t).unwrap();
        run(py, locals, "t.it = iter(t); del t; gc.collect()");
        assert_eq!(DROPPED_OWNERS.load(Ordering::SeqCst), before + 2);
    });
}

#[test]
fn several_iterators_at_once() {
    Python::with_gil(|py| {
        let s = int_set(py, 0..100);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
a, b = iter(s), iter(s)
pairs = list(zip(a, b))
assert len(pairs) == 100 and all(x == y for x, y in pairs)
its = [iter(s) for _ in range(10)]
for it in its:
    next(it)
s.add(1000)
for it in its:
    try:
        next(it)
    except RuntimeError:
        pass
    else:
        raise AssertionError("not invalidated")
"#,
        );
    });
}

#[test]
fn threads_share_an_iterator_soundly() {
    Python::with_gil(|py| {
        let s = int_set(py, 0..20_000);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
import threading
shared = iter(s)
seen = [[] for _ in range(4)]
def work(i):
    mine = list(iter(s))
    assert len(mine) == 20000
    for x in shared:
        seen[i].append(x)
threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
everything = sorted(x for part in seen for x in part)
assert everything == list(range(20000)), len(everything)
"#,
        );
    });
}

#[test]
fn mutation_with_the_gil_released_invalidates_a_concurrent_iterator() {
    Python::with_gil(|py| {
        let s = int_set(py, 0..10);
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
import threading, time
it = iter(s)
next(it)
errors = []
def reader():
    time.sleep(0.03)  # while slow_add holds `&mut self` with the GIL released
    try:
        next(it)
    except RuntimeError as e:
        errors.append(str(e))
t = threading.Thread(target=reader)
t.start()
s.slow_add(99)
t.join()
assert errors == ["IntSet changed during iteration"], errors
assert 99 in list(s)
"#,
        );
    });
}

#[pyclass(unsendable)]
struct Local {
    values: Vec<u32>,
    _not_send: std::rc::Rc<()>,
}

#[pymethods]
impl Local {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |l| Box::new(l.values.iter()))
    }
}

#[test]
fn unsendable_owner_is_refused_on_another_thread() {
    Python::with_gil(|py| {
        let l = Py::new(
            py,
            Local {
                values: vec![1, 2],
                _not_send: std::rc::Rc::new(()),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("l", l.into_py(py))]);
        run(
            py,
            locals,
            r#"
import threading
it = iter(l)
errors = []
def other():
    try:
        next(it)
    except RuntimeError as e:
        errors.append(str(e))
t = threading.Thread(target=other)
t.start(); t.join()
assert len(errors) == 1 and "is unsendable, but is being used from another thread" in errors[0], errors
assert list(it) == [1, 2]
"#,
        );
    });
}

#[pyclass(frozen)]
struct Frozen {
    values: Vec<u32>,
}

#[pymethods]
impl Frozen {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |f| Box::new(f.values.iter()))
    }
}

#[test]
fn frozen_owner() {
    Python::with_gil(|py| {
        let f = Py::new(py, Frozen { values: vec![5, 6] }).unwrap();
        let locals = locals_with(py, &[("f", f.into_py(py))]);
        run(
            py,
            locals,
            "a = iter(f); b = iter(f); assert list(a) + list(b) == [5, 6, 5, 6]",
        );
    });
}

static ITER_DROPS: AtomicUsize = AtomicUsize::new(0);

/// A borrowing iterator with a destructor.
struct Noisy<'a>(std::slice::Iter<'a, u32>);

impl<'a> Iterator for Noisy<'a> {
    type Item = &'a u32;
    fn next(&mut self) -> Option<&'a u32> {
        self.0.next()
    }
}

impl Drop for Noisy<'_> {
    fn drop(&mut self) {
        // Reads the borrowed data: only sound while the owner is unchanged.
        let _rest: u32 = self.0.clone().sum();
        ITER_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pyclass]
struct NoisyOwner {
    values: Vec<u32>,
}

#[pymethods]
impl NoisyOwner {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |o| Box::new(Noisy(o.values.iter())))
    }

    fn clear(&mut self) {
        self.values = Vec::new();
    }
}

#[test]
fn stale_iterators_are_never_dropped() {
    Python::with_gil(|py| {
        let o = Py::new(
            py,
            NoisyOwner {
                values: vec![1, 2, 3],
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("o", o.into_py(py))]);
        let before = ITER_DROPS.load(Ordering::SeqCst);
        run(py, locals, "assert list(o) == [1, 2, 3]");
        assert_eq!(ITER_DROPS.load(Ordering::SeqCst), before + 1);
        run(py, locals, "it = iter(o); next(it); del it");
        assert_eq!(ITER_DROPS.load(Ordering::SeqCst), before + 2);
        // Invalidated: the destructor would read freed memory, so it is leaked.
        run(py, locals, "it = iter(o); next(it); o.clear(); del it");
        assert_eq!(ITER_DROPS.load(Ordering::SeqCst), before + 2);
        run(
            py,
            locals,
            "it = iter(o)\no.clear()\ntry:\n    next(it)\nexcept RuntimeError:\n    pass\nelse:\n    raise AssertionError",
        );
        assert_eq!(ITER_DROPS.load(Ordering::SeqCst), before + 2);
    });
}

#[test]
fn a_million_elements_with_flat_memory() {
    Python::with_gil(|py| {
        let s = int_set(py, 0..1_000_000);
        let locals = locals_with(py, &[("s", s.clone_ref(py).into_py(py))]);
        run(
            py,
            locals,
            r#"
import sys
refs = sys.getrefcount(s)
# Other tests run on other threads of this process: keep the GIL while measuring. (Not
# tracemalloc: before 3.12 it crashes when another thread creates its thread state.)
interval = sys.getswitchinterval()
sys.setswitchinterval(1000)
blocks = []
total = 0
count = 0
before = sys.getallocatedblocks()
for x in s:
    total += x
    count += 1
    if count % 50_000 == 0:
        blocks.append(sys.getallocatedblocks())
sys.setswitchinterval(interval)
assert count == 1_000_000 and total == sum(range(1_000_000))
# Converting the set into a list first would hold a million new ints (a million more
# blocks) at once; the iterator holds one int at a time. (Rust-side clones are what
# `user_iter_and_nothing_is_cloned` counts.)
assert len(blocks) == 20 and max(blocks) - before < 1000, (before, blocks)
assert sys.getrefcount(s) == refs
"#,
        );
        assert!(s.borrow_mut(py).inner.insert(2_000_000));
    });
}

/// An item whose conversion calls back into Python (`__main__.hook()`).
struct Reenter(u32);

impl ToPyObject for Reenter {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        let hook = py.import("__main__").and_then(|m| m.getattr("hook"));
        hook.and_then(|h| h.call0()).expect("hook failed");
        self.0.to_object(py)
    }
}

#[pyclass]
struct Tricky {
    values: Vec<u32>,
}

#[pymethods]
impl Tricky {
    fn reentrant(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |t| Box::new(t.values.iter().map(|v| Reenter(*v))))
    }

    fn panicky(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |t| {
            Box::new(t.values.iter().map(|v| {
                assert!(*v != 2, "two is not allowed");
                *v
            }))
        })
    }

    fn clear(&mut self) {
        self.values.clear();
    }
}

#[test]
fn reentrant_next_raises_instead_of_aliasing() {
    Python::with_gil(|py| {
        let t = Py::new(py, Tricky { values: vec![1, 2] }).unwrap();
        let locals = locals_with(py, &[("t", t.into_py(py))]);
        run(
            py,
            locals,
            r#"
import __main__
it = t.reentrant()
messages = []
def hook():
    try:
        next(it)
    except RuntimeError as e:
        messages.append(str(e))
__main__.hook = hook
assert list(it) == [1, 2]
assert messages == ["Tricky iterator is already running"] * 2, messages
del __main__.hook
"#,
        );
    });
}

#[test]
fn a_panicking_iterator_releases_the_owner() {
    Python::with_gil(|py| {
        let t = Py::new(
            py,
            Tricky {
                values: vec![1, 2, 3],
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("t", t.into_py(py))]);
        run(
            py,
            locals,
            r#"
it = t.panicky()
assert next(it) == 1
try:
    next(it)
except BaseException as e:
    assert type(e).__name__ == "PanicException", type(e)
else:
    raise AssertionError("no panic")
t.clear()  # the shared borrow taken by the panicking step was released
assert list(t.panicky()) == []
"#,
        );
    });
}

#[pyclass(subclass)]
struct Base {
    values: Vec<u32>,
}

#[pymethods]
impl Base {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |b| Box::new(b.values.iter()))
    }
}

#[pyclass(extends = Base)]
struct Derived {
    touched: u32,
}

#[pymethods]
impl Derived {
    #[new]
    fn new() -> (Self, Base) {
        (Derived { touched: 0 }, Base { values: vec![1, 2] })
    }

    /// Mutates only the subclass's part: it still takes the chain's exclusive borrow.
    fn touch(&mut self) {
        self.touched += 1;
    }
}

#[test]
fn a_subclass_mutation_invalidates_a_base_iterator() {
    Python::with_gil(|py| {
        let locals = locals_with(py, &[("Derived", py.get_type::<Derived>().into_py(py))]);
        run(
            py,
            locals,
            r#"
d = Derived()
assert list(d) == [1, 2]
it = iter(d)
next(it)
d.touch()
try:
    next(it)
except RuntimeError as e:
    assert str(e) == "Base changed during iteration", str(e)
else:
    raise AssertionError("no RuntimeError")
"#,
        );
    });
}

/// `#[pyo3(borrowed_iter)]`: plain `&self` methods returning borrowing iterators.
#[pyclass]
struct Sugar {
    values: Vec<u32>,
    names: BTreeMap<String, u32>,
}

#[pymethods]
impl Sugar {
    #[pyo3(borrowed_iter)]
    fn __iter__(&self) -> impl Iterator<Item = &u32> + '_ {
        self.values.iter()
    }

    #[pyo3(borrowed_iter)]
    fn items(&self) -> std::collections::btree_map::Iter<'_, String, u32> {
        self.names.iter()
    }

    /// Arguments are moved into the iterator.
    #[pyo3(borrowed_iter)]
    fn above(&self, min: u32) -> impl Iterator<Item = &u32> + '_ {
        self.values.iter().filter(move |v| **v > min)
    }

    fn push(&mut self, value: u32) {
        self.values.push(value);
    }
}

#[test]
fn borrowed_iter_attribute() {
    Python::with_gil(|py| {
        let s = Py::new(
            py,
            Sugar {
                values: vec![1, 5, 9],
                names: [("a".to_string(), 1)].into(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
assert list(s) == [1, 5, 9]
assert type(iter(s)).__name__ == "borrowed_iterator"
assert list(s.items()) == [("a", 1)]
assert list(s.above(4)) == [5, 9]
assert list(s.above(min=8)) == [9]
it = s.above(0)
next(it)
s.push(10)
try:
    next(it)
except RuntimeError as e:
    assert str(e) == "Sugar changed during iteration", str(e)
else:
    raise AssertionError("no RuntimeError")
"#,
        );
    });
}

/// An item converted by calling `__main__.make(value)`: a new Python object per item, so
/// when each is made can be watched from Python.
struct Made(u32);

impl ToPyObject for Made {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        // Called through `Py` so the result is not also held by the pool.
        let make: PyObject = py
            .import("__main__")
            .and_then(|m| m.getattr("make"))
            .expect("no make")
            .into();
        make.call1(py, (self.0,)).expect("make failed")
    }
}

#[pyclass]
struct Factory {
    values: Vec<u32>,
}

#[pymethods]
impl Factory {
    fn made(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |f| Box::new(f.values.iter().map(|v| Made(*v))))
    }

    fn panicky(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |f| {
            Box::new(f.values.iter().map(|v| {
                assert!(*v % 4 != 1, "{v} is not allowed");
                *v
            }))
        })
    }

    fn bump(&mut self) {
        self.values.push(0);
    }
}

/// Each item is converted by the `next()` that returns it, not ahead: the iterator holds
/// no converted items (the collector sees the owner alone), and a mutation is reported
/// before anything more is converted.
#[test]
fn items_are_converted_when_asked_for() {
    Python::with_gil(|py| {
        let f = Py::new(
            py,
            Factory {
                values: (0..100).collect(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("f", f.into_py(py))]);
        run(
            py,
            locals,
            r#"
import __main__, gc
from operator import length_hint

made = []
def make(value):
    made.append(value)
    return [value]
__main__.make = make

it = f.made()
assert made == []
for expected in range(6):
    assert next(it) == [expected]
    assert made == list(range(expected + 1)), made
assert length_hint(it) == 100 - 6
assert gc.get_referents(it) == [f], gc.get_referents(it)

f.bump()
try:
    next(it)
except RuntimeError as e:
    assert str(e) == "Factory changed during iteration", e
else:
    raise AssertionError("no RuntimeError")
assert made == list(range(6)), made
assert gc.get_referents(it) == []
del __main__.make
"#,
        );
    });
}

/// A conversion that panics is raised at its own element; the iteration can go on past it
/// and leaves no borrow behind.
#[test]
fn a_panicking_conversion_surfaces_at_its_element() {
    Python::with_gil(|py| {
        let f = Py::new(
            py,
            Factory {
                values: (0..12).collect(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("f", f.into_py(py))]);
        run(
            py,
            locals,
            r#"
it = f.panicky()
seen = []
while True:
    try:
        seen.append(next(it))
    except StopIteration:
        break
    except BaseException as e:
        assert type(e).__name__ == "PanicException", type(e)
        assert str(e) == f"{len(seen)} is not allowed", str(e)
        seen.append("panic")
expected = ["panic" if v % 4 == 1 else v for v in range(12)]
assert seen == expected, seen
f.bump()  # no borrow left behind

it = f.panicky()
assert next(it) == 0
try:
    next(it)
except BaseException as e:
    assert type(e).__name__ == "PanicException", type(e)
f.bump()
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        assert str(e) == "Factory changed during iteration", e
    else:
        raise AssertionError("no RuntimeError")
"#,
        );
    });
}
