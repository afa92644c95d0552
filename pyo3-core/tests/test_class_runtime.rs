//! The class runtime driven by hand-written glue (what `#[pyclass]`/`#[pymethods]`
//! generate): layout, borrow flags, drop of every level, Python subclassing, properties.

mod common;

use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{eval, run};
use pyo3::ffi;
use pyo3::impl_::pyclass::*;
use pyo3::prelude::*;
use pyo3::pyclass::{False, PyClass};
use pyo3::types::PyDict;
use pyo3::PyTypeInfo;

static DROPS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug)]
struct Counter {
    value: i64,
}

impl Drop for Counter {
    fn drop(&mut self) {
        // Only the drop-count test creates values this large; other tests run concurrently.
        if self.value >= 1_000_000 {
            DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

unsafe extern "C" fn counter_get_value(
    slf: *mut ffi::PyObject,
    _closure: *mut c_void,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with the GIL held and valid objects.
    unsafe {
        let py = Python::assume_gil_acquired();
        let cell: &PyCell<Counter> = py.from_borrowed_ptr::<PyAny>(slf).downcast().unwrap();
        match cell.try_borrow() {
            Ok(r) => r.value.into_py(py).into_ptr(),
            Err(e) => {
                PyErr::from(e).restore(py);
                std::ptr::null_mut()
            }
        }
    }
}

unsafe extern "C" fn counter_set_value(
    slf: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    _closure: *mut c_void,
) -> c_int {
    // SAFETY: CPython calls this with the GIL held and valid objects.
    unsafe {
        let py = Python::assume_gil_acquired();
        if value.is_null() {
            pyo3::exceptions::PyAttributeError::new_err("can't delete attribute").restore(py);
            return -1;
        }
        let cell: &PyCell<Counter> = py.from_borrowed_ptr::<PyAny>(slf).downcast().unwrap();
        let v: PyResult<i64> = py.from_borrowed_ptr::<PyAny>(value).extract();
        match (v, cell.try_borrow_mut()) {
            (Ok(v), Ok(mut r)) => {
                r.value = v;
                0
            }
            (Err(e), _) => {
                e.restore(py);
                -1
            }
            (_, Err(e)) => {
                PyErr::from(e).restore(py);
                -1
            }
        }
    }
}

unsafe extern "C" fn counter_incr(
    slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with the GIL held and valid objects.
    unsafe {
        let py = Python::assume_gil_acquired();
        let cell: &PyCell<Counter> = py.from_borrowed_ptr::<PyAny>(slf).downcast().unwrap();
        cell.borrow_mut().value += 1;
        py.None().into_ptr()
    }
}

unsafe extern "C" fn counter_new(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    _kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with the GIL held and valid objects.
    unsafe {
        let py = Python::assume_gil_acquired();
        let start: i64 = py
            .from_borrowed_ptr::<pyo3::types::PyTuple>(args)
            .get_item(0)
            .and_then(|a| a.extract())
            .unwrap_or(0);
        let init = pyo3::pyclass::PyClassInitializer::from(Counter { value: start });
        match pyo3::pyclass::PyObjectInit::into_new_object(init, py, subtype) {
            Ok(obj) => obj,
            Err(e) => {
                e.restore(py);
                std::ptr::null_mut()
            }
        }
    }
}

static COUNTER_ITEMS: PyClassItems = PyClassItems {
    methods: &[
        PyMethodDefType::Getter(PyGetterDef {
            name: c"value",
            meth: counter_get_value,
            doc: c"the count",
        }),
        PyMethodDefType::Setter(PySetterDef {
            name: c"value",
            meth: counter_set_value,
            doc: c"",
        }),
        PyMethodDefType::Method(PyMethodDef {
            name: c"incr",
            meth: ffi::PyMethodDefPointer {
                PyCFunction: counter_incr,
            },
            flags: ffi::METH_NOARGS,
            doc: c"Adds one.",
        }),
        PyMethodDefType::ClassAttribute(PyClassAttributeDef {
            name: "ZERO",
            meth: |py| Ok(0i64.into_py(py)),
        }),
    ],
    slots: &[TypeSlot {
        slot: ffi::Py_tp_new,
        pfunc: counter_new as *mut c_void,
    }],
    constructor: None,
};

// SAFETY: the associated types match `Counter`'s layout and the cell is unique to it.
unsafe impl PyClassImpl for Counter {
    const DOC: &'static std::ffi::CStr = c"Counter(start)\n--\n\nA counter.";
    const IS_BASETYPE: bool = true;
    type BaseType = PyAny;
    type Dict = PyClassDictSlot;
    type WeakRef = PyClassWeakRefSlot;
    type ThreadChecker = ThreadCheckerNone;
    fn items_iter() -> PyClassItemsIter {
        PyClassItemsIter::new(&COUNTER_ITEMS, Box::new(std::iter::empty()))
    }
    fn lazy_type_object() -> &'static LazyTypeObject<Self> {
        static TYPE: LazyTypeObject<Counter> = LazyTypeObject::new();
        &TYPE
    }
}

// SAFETY: the type object is the one built for `Counter`, whose instances are `PyCell<Counter>`.
unsafe impl PyTypeInfo for Counter {
    const NAME: &'static str = "Counter";
    const MODULE: Option<&'static str> = Some("handmade");
    type AsRefTarget = PyCell<Self>;
    fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject {
        <Self as PyClassImpl>::lazy_type_object()
            .get_or_init(py)
            .as_type_ptr()
    }
}

impl PyClass for Counter {
    type Frozen = False;
}

#[test]
fn handmade_class_behaves_like_a_python_class() {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals
            .set_item("Counter", py.get_type::<Counter>())
            .unwrap();
        run(
            py,
            locals,
            r#"
c = Counter(5)
assert c.value == 5
c.incr(); c.incr()
assert c.value == 7
c.value = 10
assert c.value == 10
try:
    c.value = "x"
except TypeError:
    pass
else:
    raise AssertionError("setter accepted a str")
assert c.value == 10
try:
    del c.value
except AttributeError as e:
    assert str(e) == "can't delete attribute"
assert Counter.__module__ == "handmade"
assert Counter.__qualname__ == "Counter"
assert Counter.__doc__ == "A counter.", Counter.__doc__
assert Counter.__text_signature__ == "(start)"
assert Counter.ZERO == 0
c.extra = 1            # __dict__ slot
assert c.__dict__ == {"extra": 1}
import weakref
r = weakref.ref(c)
assert r() is c

class Sub(Counter):
    def incr(self):
        super().incr()
        super().incr()
s = Sub(1)
s.incr()
assert s.value == 3
assert isinstance(s, Counter)
"#,
        );
    });
}

#[test]
fn every_value_is_dropped_exactly_once() {
    Python::with_gil(|py| {
        let before = DROPS.load(Ordering::SeqCst);
        let locals = PyDict::new(py);
        locals
            .set_item("Counter", py.get_type::<Counter>())
            .unwrap();
        run(
            py,
            locals,
            r#"
import gc
for i in range(1_000_000, 1_001_000):
    c = Counter(i)
    class Sub(Counter):
        pass
    s = Sub(i)
    s.cycle = s     # a reference cycle through the subclass's __dict__
del c, s
gc.collect()
"#,
        );
        assert_eq!(DROPS.load(Ordering::SeqCst) - before, 2000);
    });
}

#[test]
fn borrow_conflicts_raise_runtime_error() {
    Python::with_gil(|py| {
        let cell = PyCell::new(py, Counter { value: 1 }).unwrap();
        let shared = cell.borrow();
        let err = cell.try_borrow_mut().unwrap_err();
        assert_eq!(err.to_string(), "Already borrowed");
        let locals = PyDict::new(py);
        locals.set_item("c", cell).unwrap();
        // The setter needs &mut while Rust holds a shared borrow.
        let e = py.run("c.value = 3", None, Some(locals)).unwrap_err();
        assert!(e.is_instance_of::<pyo3::exceptions::PyRuntimeError>(py));
        assert_eq!(e.value(py).to_string(), "Already borrowed");
        drop(shared);
        let exclusive = cell.borrow_mut();
        let e = py.run("c.value", None, Some(locals)).unwrap_err();
        assert_eq!(e.value(py).to_string(), "Already mutably borrowed");
        drop(exclusive);
        py.run("c.value = 3", None, Some(locals)).unwrap();
        assert_eq!(cell.borrow().value, 3);
    });
}

#[test]
fn py_new_and_extract() {
    Python::with_gil(|py| {
        let obj: Py<Counter> = Py::new(py, Counter { value: 41 }).unwrap();
        obj.borrow_mut(py).value += 1;
        assert_eq!(obj.borrow(py).value, 42);
        let any: &PyAny = obj.as_ref(py);
        let r: PyRef<'_, Counter> = any.extract().unwrap();
        assert_eq!(r.value, 42);
        let not_counter = eval(py, "1");
        let err = not_counter.extract::<PyRef<'_, Counter>>().unwrap_err();
        assert_eq!(
            err.value(py).to_string(),
            "'int' object cannot be converted to 'Counter'"
        );
    });
}

// Native bases need the instance layouts of the full C API.
#[cfg(not(Py_LIMITED_API))]
mod native_base {
    use super::*;

    /// A class extending `Exception`, with one read-only field.
    #[derive(Debug)]
    struct CodedError {
        code: i32,
    }

    unsafe extern "C" fn coded_error_code(
        slf: *mut ffi::PyObject,
        _closure: *mut c_void,
    ) -> *mut ffi::PyObject {
        // SAFETY: CPython calls this with the GIL held and a `CodedError` instance.
        unsafe {
            let py = Python::assume_gil_acquired();
            let cell: &PyCell<CodedError> = py.from_borrowed_ptr::<PyAny>(slf).downcast().unwrap();
            cell.borrow().code.into_py(py).into_ptr()
        }
    }

    unsafe extern "C" fn coded_error_new(
        subtype: *mut ffi::PyTypeObject,
        args: *mut ffi::PyObject,
        _kwargs: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: CPython calls tp_new with the GIL held, a valid type and an args tuple.
        unsafe {
            let py = Python::assume_gil_acquired();
            let code: i32 = py
                .from_borrowed_ptr::<pyo3::types::PyTuple>(args)
                .get_item(1)
                .and_then(|a| a.extract())
                .unwrap_or(0);
            let init = pyo3::pyclass::PyClassInitializer::from(CodedError { code });
            match pyo3::pyclass::PyObjectInit::into_new_object(init, py, subtype) {
                Ok(obj) => obj,
                Err(e) => {
                    e.restore(py);
                    std::ptr::null_mut()
                }
            }
        }
    }

    static CODED_ERROR_ITEMS: PyClassItems = PyClassItems {
        methods: &[PyMethodDefType::Getter(PyGetterDef {
            name: c"code",
            meth: coded_error_code,
            doc: c"",
        })],
        slots: &[TypeSlot {
            slot: ffi::Py_tp_new,
            pfunc: coded_error_new as *mut c_void,
        }],
        constructor: None,
    };

    // SAFETY: the associated types match `CodedError`'s layout and the cell is unique to it.
    unsafe impl PyClassImpl for CodedError {
        const DOC: &'static std::ffi::CStr = c"";
        const IS_BASETYPE: bool = true;
        type BaseType = pyo3::exceptions::PyException;
        type Dict = PyClassDummySlot;
        type WeakRef = PyClassDummySlot;
        type ThreadChecker = ThreadCheckerNone;
        fn items_iter() -> PyClassItemsIter {
            PyClassItemsIter::new(&CODED_ERROR_ITEMS, Box::new(std::iter::empty()))
        }
        fn lazy_type_object() -> &'static LazyTypeObject<Self> {
            static TYPE: LazyTypeObject<CodedError> = LazyTypeObject::new();
            &TYPE
        }
    }

    // SAFETY: the type object is the one built for `CodedError`.
    unsafe impl PyTypeInfo for CodedError {
        const NAME: &'static str = "CodedError";
        const MODULE: Option<&'static str> = Some("handmade");
        type AsRefTarget = PyCell<Self>;
        fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject {
            <Self as PyClassImpl>::lazy_type_object()
                .get_or_init(py)
                .as_type_ptr()
        }
    }

    impl PyClass for CodedError {
        type Frozen = False;
    }

    #[test]
    fn class_extending_exception_is_raised_and_caught_with_its_fields() {
        Python::with_gil(|py| {
            let locals = PyDict::new(py);
            locals
                .set_item("CodedError", py.get_type::<CodedError>())
                .unwrap();
            run(
                py,
                locals,
                r#"
assert issubclass(CodedError, Exception)
try:
    raise CodedError("disk full", 28)
except Exception as e:
    assert type(e) is CodedError
    assert e.code == 28
    assert e.args == ("disk full", 28), e.args
    assert str(e) == "('disk full', 28)"
class Sub(CodedError):
    pass
try:
    raise Sub("x", 7)
except CodedError as e:
    assert e.code == 7
import gc
for _ in range(100):
    try:
        raise CodedError("cycle", 1)
    except CodedError as e:
        err = e   # a traceback cycle: frame -> err -> traceback -> frame
del err
gc.collect()
"#,
            );
            let err = py
                .run("raise CodedError('boom', 5)", None, Some(locals))
                .unwrap_err();
            let cell: &PyCell<CodedError> = err.value(py).downcast().unwrap();
            assert_eq!(cell.borrow().code, 5);
        });
    }
}
