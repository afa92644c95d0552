//! Inheritance with the macros: `extends` of a class and of native types, Python
//! subclasses, `PyClassInitializer`, and each level's `Drop` run exactly once.

use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(not(Py_LIMITED_API))]
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::pyclass::PyClassInitializer;
use pyo3::types::PyDict;
#[cfg(not(Py_LIMITED_API))]
use pyo3::types::PyList;

static BASE_DROPS: AtomicUsize = AtomicUsize::new(0);
static SUB_DROPS: AtomicUsize = AtomicUsize::new(0);

#[pyclass(subclass)]
struct Base {
    #[pyo3(get)]
    base: i64,
}

impl Drop for Base {
    fn drop(&mut self) {
        if self.base == 424242 {
            BASE_DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[pymethods]
impl Base {
    #[new]
    fn new(base: i64) -> Self {
        Base { base }
    }

    fn describe(&self) -> String {
        format!("base {}", self.base)
    }

    fn bump(&mut self) {
        self.base += 1;
    }
}

#[pyclass(extends = Base, subclass)]
struct Sub {
    #[pyo3(get)]
    sub: i64,
}

impl Drop for Sub {
    fn drop(&mut self) {
        if self.sub == 424242 {
            SUB_DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[pymethods]
impl Sub {
    #[new]
    fn new(base: i64, sub: i64) -> (Self, Base) {
        (Sub { sub }, Base { base })
    }

    fn total(slf: PyRef<'_, Self>) -> i64 {
        slf.sub + slf.as_ref().base
    }

    fn bump_both(mut slf: PyRefMut<'_, Self>) {
        slf.sub += 1;
        slf.into_super().bump();
    }
}

#[pyclass(extends = Sub)]
struct SubSub {
    #[pyo3(get)]
    level: i64,
}

#[pymethods]
impl SubSub {
    #[new]
    fn new() -> PyClassInitializer<Self> {
        PyClassInitializer::from(Base { base: 1 })
            .add_subclass(Sub { sub: 2 })
            .add_subclass(SubSub { level: 3 })
    }
}

/// An error with a code.
#[cfg(not(Py_LIMITED_API))]
#[pyclass(extends = PyException)]
struct CodedError {
    #[pyo3(get)]
    code: i32,
}

#[cfg(not(Py_LIMITED_API))]
#[pymethods]
impl CodedError {
    #[new]
    #[pyo3(signature = (message, code = 1))]
    fn new(message: &str, code: i32) -> Self {
        let _ = message;
        CodedError { code }
    }
}

#[cfg(not(Py_LIMITED_API))]
#[pyclass(extends = PyDict)]
#[derive(Default)]
struct CountingDict {
    #[pyo3(get)]
    writes: usize,
}

#[cfg(not(Py_LIMITED_API))]
#[pymethods]
impl CountingDict {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &PyAny, _kwargs: Option<&PyAny>) -> Self {
        CountingDict::default()
    }

    fn put(mut slf: PyRefMut<'_, Self>, key: &str, value: i64) -> PyResult<()> {
        slf.writes += 1;
        slf.as_cell()
            .downcast::<PyDict>()
            .map_err(PyErr::from)?
            .set_item(key, value)
    }
}

#[cfg(not(Py_LIMITED_API))]
#[pyclass(extends = PyList)]
struct TaggedList {
    #[pyo3(get)]
    tag: String,
}

#[cfg(not(Py_LIMITED_API))]
#[pymethods]
impl TaggedList {
    #[new]
    #[pyo3(signature = (tag, *_items))]
    fn new(tag: String, _items: &PyAny) -> Self {
        TaggedList { tag }
    }
}

fn run(py: Python<'_>, globals: &PyDict, code: &str) {
    if let Err(err) = py.run(code, Some(globals), None) {
        err.print(py);
        panic!("Python code failed: {code}");
    }
}

fn globals(py: Python<'_>) -> &PyDict {
    let globals = PyDict::new(py);
    for (name, ty) in [
        ("Base", py.get_type::<Base>()),
        ("Sub", py.get_type::<Sub>()),
        ("SubSub", py.get_type::<SubSub>()),
    ] {
        globals.set_item(name, ty).unwrap();
    }
    #[cfg(not(Py_LIMITED_API))]
    for (name, ty) in [
        ("CodedError", py.get_type::<CodedError>()),
        ("CountingDict", py.get_type::<CountingDict>()),
        ("TaggedList", py.get_type::<TaggedList>()),
    ] {
        globals.set_item(name, ty).unwrap();
    }
    globals
}

#[test]
fn rust_subclasses_reach_their_bases() {
    Python::with_gil(|py| {
        let g = globals(py);
        run(
            py,
            g,
            "s = Sub(1, 2); assert (s.base, s.sub, s.total()) == (1, 2, 3)",
        );
        run(
            py,
            g,
            "assert isinstance(s, Base) and s.describe() == 'base 1'",
        );
        run(py, g, "s.bump_both(); assert (s.base, s.sub) == (2, 3)");
        run(
            py,
            g,
            "t = SubSub(); assert (t.base, t.sub, t.level) == (1, 2, 3)",
        );
        run(py, g, "assert isinstance(t, Sub) and isinstance(t, Base)");
    });
}

#[test]
fn python_subclasses_override_and_call_super() {
    Python::with_gil(|py| {
        let g = globals(py);
        run(
            py,
            g,
            r#"
class Py(Base):
    def __new__(cls, base, extra):
        return super().__new__(cls, base)
    def __init__(self, base, extra):
        super().__init__()
        self.extra = extra
    def describe(self):
        return "py " + super().describe()
p = Py(5, "e")
assert p.describe() == "py base 5" and p.extra == "e" and p.base == 5
p.bump()
assert p.base == 6
assert isinstance(p, Base) and issubclass(Py, Base)
"#,
        );
        let err = py.run("class X(SubSub): pass", Some(g), None).unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyTypeError>(py));
    });
}

#[cfg(not(Py_LIMITED_API))]
#[test]
fn native_bases() {
    Python::with_gil(|py| {
        let g = globals(py);
        run(
            py,
            g,
            r#"
try:
    raise CodedError("disk full", 28)
except Exception as e:
    assert type(e) is CodedError and e.code == 28 and e.args == ("disk full", 28)
try:
    raise CodedError("x")
except CodedError as e:
    assert e.code == 1
d = CountingDict(a=1)
assert d == {"a": 1}
d.put("b", 2)
d["c"] = 3
assert d == {"a": 1, "b": 2, "c": 3} and d.writes == 1 and isinstance(d, dict)
# As for a Python subclass of list: __new__ takes the tag, list.__init__ the items.
l = TaggedList("ab")
l.append(3)
assert l == ["a", "b", 3] and l.tag == "ab" and isinstance(l, list)
l2 = TaggedList.__new__(TaggedList, "u")
assert l2.tag == "u"
"#,
        );
    });
}

#[test]
fn every_level_is_dropped_once() {
    Python::with_gil(|py| {
        let (base_before, sub_before) = (
            BASE_DROPS.load(Ordering::SeqCst),
            SUB_DROPS.load(Ordering::SeqCst),
        );
        let g = globals(py);
        run(
            py,
            g,
            r#"
import gc
for _ in range(1000):
    s = Sub(424242, 424242)
    class P(Base):
        pass
    p = P(424242)
    p.cycle = p
del s, p
gc.collect()
"#,
        );
        assert_eq!(BASE_DROPS.load(Ordering::SeqCst) - base_before, 2000);
        assert_eq!(SUB_DROPS.load(Ordering::SeqCst) - sub_before, 1000);
    });
}
