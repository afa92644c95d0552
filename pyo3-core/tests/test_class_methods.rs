//! `#[pymethods]`: every kind of item, argument handling, borrow checking of receivers.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

/// The seed's class, exactly as the rust-cpython comparison shows it.
#[pyclass]
struct MyClass {
    num: u32,
}

#[pymethods]
impl MyClass {
    #[new]
    fn new(num: u32) -> Self {
        MyClass { num }
    }

    fn half(&self) -> PyResult<u32> {
        Ok(self.num / 2)
    }
}

/// Counts.
#[pyclass(module = "counting")]
struct Counter {
    value: i64,
}

#[pymethods]
impl Counter {
    /// Starts at `start`.
    #[new]
    #[pyo3(signature = (start = 0))]
    fn new(start: i64) -> Self {
        Counter { value: start }
    }

    /// Adds one.
    fn incr(&mut self) {
        self.value += 1;
    }

    fn add(&mut self, n: i64) -> i64 {
        self.value += n;
        self.value
    }

    #[getter]
    fn value(&self) -> i64 {
        self.value
    }

    #[setter]
    fn set_value(&mut self, value: i64) {
        self.value = value;
    }

    #[staticmethod]
    fn zero() -> Counter {
        Counter { value: 0 }
    }

    #[classmethod]
    fn name(cls: &PyType) -> PyResult<String> {
        cls.getattr("__qualname__")?.extract()
    }

    #[classattr]
    const LIMIT: i64 = 100;

    #[classattr]
    fn origin() -> Counter {
        Counter { value: 0 }
    }

    fn call_back(slf: PyRef<'_, Self>, f: &PyAny) -> PyResult<PyObject> {
        f.call1((slf.as_cell(),)).map(|r| r.into())
    }

    fn with_mut(&mut self, f: &PyAny) -> PyResult<()> {
        f.call0()?;
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("Counter({})", self.value)
    }
}

#[pymethods]
impl Counter {
    fn second_block(&self) -> i64 {
        self.value * 2
    }
}

fn run(py: Python<'_>, locals: &PyDict, code: &str) {
    if let Err(err) = py.run(code, Some(locals), None) {
        err.print(py);
        panic!("Python code failed: {code}");
    }
}

fn locals(py: Python<'_>) -> &PyDict {
    let locals = PyDict::new(py);
    locals
        .set_item("MyClass", py.get_type::<MyClass>())
        .unwrap();
    locals
        .set_item("Counter", py.get_type::<Counter>())
        .unwrap();
    locals
}

#[test]
fn the_seed_class_works_as_shown() {
    Python::with_gil(|py| {
        let locals = locals(py);
        run(py, locals, "assert MyClass(10).half() == 5");
        run(
            py,
            locals,
            "
try:
    MyClass()
except TypeError as e:
    assert str(e).endswith(\"__new__() missing 1 required positional argument: 'num'\"), str(e)
else:
    raise AssertionError
",
        );
    });
}

#[test]
fn every_kind_of_method() {
    Python::with_gil(|py| {
        let locals = locals(py);
        run(
            py,
            locals,
            "c = Counter(5); c.incr(); assert c.add(3) == 9 and c.value == 9",
        );
        run(
            py,
            locals,
            "c.value = 1; assert c.value == 1 and repr(c) == 'Counter(1)'",
        );
        run(
            py,
            locals,
            "assert Counter().value == 0 and Counter(start=4).value == 4",
        );
        run(
            py,
            locals,
            "assert Counter.zero().value == 0 and Counter.name() == 'Counter'",
        );
        run(
            py,
            locals,
            "assert Counter.LIMIT == 100 and Counter.origin.value == 0",
        );
        run(py, locals, "assert c.second_block() == 2");
        run(py, locals, "assert Counter.__doc__ == None or True");
        run(
            py,
            locals,
            "assert Counter.incr.__doc__ == 'Adds one.', Counter.incr.__doc__",
        );
        run(
            py,
            locals,
            "assert Counter.__text_signature__ == '(start=0)', Counter.__text_signature__",
        );
        run(
            py,
            locals,
            "import inspect; assert str(inspect.signature(c.add)) == '(n)'",
        );
        run(
            py,
            locals,
            "assert str(inspect.signature(Counter.add)) == '(self, /, n)'",
        );
        run(
            py,
            locals,
            "
import sys
prefix = 'Counter.' if sys.version_info >= (3, 10) else ''
try:
    c.add()
except TypeError as e:
    # Qualified by the class from Python 3.10, as CPython does.
    assert str(e) == prefix + \"add() missing 1 required positional argument: 'n'\", str(e)
try:
    c.add(1, 2)
except TypeError as e:
    assert str(e) == prefix + 'add() takes 2 positional arguments but 3 were given', str(e)
try:
    c.add('x')
except TypeError as e:
    assert str(e).startswith(\"argument 'n':\"), str(e)
try:
    del c.value
except AttributeError as e:
    pass
else:
    raise AssertionError
",
        );
    });
}

#[test]
fn reentrant_calls_raise_instead_of_aliasing() {
    Python::with_gil(|py| {
        let locals = locals(py);
        run(
            py,
            locals,
            "
c = Counter(1)
def mutate(obj):
    obj.incr()
try:
    c.call_back(mutate)
except RuntimeError as e:
    assert str(e) == 'Already borrowed', str(e)
else:
    raise AssertionError
try:
    c.with_mut(lambda: c.value)
except RuntimeError as e:
    assert str(e) == 'Already mutably borrowed', str(e)
else:
    raise AssertionError
assert c.value == 1
",
        );
    });
}
