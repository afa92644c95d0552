//! The remaining native types: `PyCapsule`, `PyCFunction`, `PyFunction`, `PySuper`,
//! `PyNone`, `PyEllipsis`, `PyNotImplemented`.

mod common;

use std::ffi::{c_void, CString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use common::{assert_no_leak, eval};
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{
    PyCFunction, PyCapsule, PyDict, PyEllipsis, PyList, PyModule, PyNone, PyNotImplemented,
    PySuper, PyType,
};
use pyo3::PyTypeInfo;

/// Tests that swap `sys.unraisablehook` must not overlap.
static HOOK_LOCK: Mutex<()> = Mutex::new(());

// ----- capsule -----

#[derive(Debug, PartialEq)]
struct Payload {
    id: u32,
    text: String,
}

#[test]
fn capsule_value_name_and_context() {
    Python::with_gil(|py| {
        let name = CString::new("builtins.payload").unwrap();
        let value = Payload {
            id: 7,
            text: "seven".into(),
        };
        let cap = PyCapsule::new(py, value, Some(name)).unwrap();
        assert!(cap.is_valid());
        assert!(!cap.pointer().is_null());
        // SAFETY: the capsule holds a `Payload`.
        let payload = unsafe { cap.reference::<Payload>() };
        assert_eq!(payload.id, 7);
        assert_eq!(payload.text, "seven");
        assert_eq!(cap.pointer() as *const Payload, payload as *const Payload);
        assert_eq!(
            cap.name().unwrap().unwrap().to_str().unwrap(),
            "builtins.payload"
        );
        assert!(cap
            .repr()
            .unwrap()
            .to_str()
            .unwrap()
            .contains("builtins.payload"));

        assert!(cap.context().unwrap().is_null());
        let mut marker = 5u8;
        cap.set_context(&mut marker as *mut u8 as *mut c_void)
            .unwrap();
        assert_eq!(cap.context().unwrap() as *mut u8, &mut marker as *mut u8);

        let unnamed = PyCapsule::new(py, 1.5f64, None).unwrap();
        assert!(unnamed.name().unwrap().is_none());
        assert!(unnamed.is_valid());
        // SAFETY: the capsule holds an `f64`.
        assert_eq!(unsafe { *unnamed.reference::<f64>() }, 1.5);

        // Zero-sized values work too.
        let unit = PyCapsule::new(py, (), None).unwrap();
        assert!(unit.is_valid());

        let err = eval(py, "1").downcast::<PyCapsule>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'PyCapsule'"
        );
        assert_eq!(PyCapsule::type_object(py).name().unwrap(), "PyCapsule");
    });
}

static DROPS: AtomicUsize = AtomicUsize::new(0);

struct DropCounter;

impl Drop for DropCounter {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn capsule_drops_its_value_when_freed() {
    Python::with_gil(|py| {
        let before = DROPS.load(Ordering::SeqCst);
        let kept: PyObject = py.with_pool(|py| {
            let cap = PyCapsule::new(py, DropCounter, None).unwrap();
            let other = PyCapsule::new(py, DropCounter, None).unwrap();
            let _ = other;
            cap.into()
        });
        // `other` was freed with its pool scope; `kept` is still alive.
        assert_eq!(DROPS.load(Ordering::SeqCst), before + 1);
        drop(kept);
        assert_eq!(DROPS.load(Ordering::SeqCst), before + 2);
    });
}

#[test]
fn capsule_destructor_gets_value_and_context() {
    static SEEN: Mutex<Vec<(u32, usize)>> = Mutex::new(Vec::new());
    Python::with_gil(|py| {
        py.with_pool(|py| {
            let cap = PyCapsule::new_with_destructor(py, 42u32, None, |value, ctx| {
                SEEN.lock().unwrap().push((value, ctx as usize));
            })
            .unwrap();
            cap.set_context(0x1234 as *mut c_void).unwrap();
        });
        assert_eq!(*SEEN.lock().unwrap(), [(42, 0x1234)]);
    });
}

#[test]
fn capsule_destructor_panic_is_reported_not_propagated() {
    let _guard = HOOK_LOCK.lock().unwrap();
    Python::with_gil(|py| {
        let sys = py.import("sys").unwrap();
        let seen = PyList::empty(py);
        let hook = py
            .eval(
                "lambda seen: lambda args: seen.append(args.exc_type.__name__)",
                None,
                None,
            )
            .unwrap()
            .call1((seen,))
            .unwrap();
        let old_hook = sys.getattr("unraisablehook").unwrap();
        sys.setattr("unraisablehook", hook).unwrap();

        // An exception in flight while the capsule is freed survives the report.
        pyo3::exceptions::PyKeyError::new_err("in flight").restore(py);
        py.with_pool(|py| {
            PyCapsule::new_with_destructor(py, 1u8, None, |_, _| panic!("destructor panicked"))
                .unwrap();
        });
        let pending = PyErr::take(py).expect("the in-flight error is still set");
        assert_eq!(pending.to_string(), "KeyError: 'in flight'");

        sys.setattr("unraisablehook", old_hook).unwrap();
        let names: Vec<String> = seen.iter().map(|n| n.extract().unwrap()).collect();
        assert_eq!(names, ["PanicException"]);
    });
}

#[test]
fn capsule_import_and_name_mismatch() {
    Python::with_gil(|py| {
        let module = PyModule::new(py, "capsule_test_mod").unwrap();
        let good = PyCapsule::new(
            py,
            Payload {
                id: 1,
                text: "shared".into(),
            },
            Some(CString::new("capsule_test_mod.good").unwrap()),
        )
        .unwrap();
        let wrong = PyCapsule::new(py, 2u32, Some(CString::new("other.name").unwrap())).unwrap();
        module.setattr("good", good).unwrap();
        module.setattr("wrong", wrong).unwrap();
        module.setattr("not_a_capsule", 3).unwrap();
        let modules: &PyDict = py
            .import("sys")
            .unwrap()
            .getattr("modules")
            .unwrap()
            .downcast()
            .unwrap();
        modules.set_item("capsule_test_mod", module).unwrap();

        // SAFETY: the capsule holds a `Payload` and stays alive in the module.
        let payload =
            unsafe { PyCapsule::import::<Payload>(py, c"capsule_test_mod.good") }.unwrap();
        assert_eq!(payload.text, "shared");

        // SAFETY: fails before any pointer is used.
        let err = unsafe { PyCapsule::import::<u32>(py, c"capsule_test_mod.wrong") }.unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(py));
        assert_eq!(
            err.to_string(),
            "AttributeError: PyCapsule_Import \"capsule_test_mod.wrong\" is not valid"
        );
        // SAFETY: fails before any pointer is used.
        let err =
            unsafe { PyCapsule::import::<u32>(py, c"capsule_test_mod.not_a_capsule") }.unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(py));
        // SAFETY: fails before any pointer is used.
        let err = unsafe { PyCapsule::import::<u32>(py, c"capsule_test_mod.missing") }.unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(py));
        // SAFETY: fails before any pointer is used.
        let err = unsafe { PyCapsule::import::<u32>(py, c"no_such_module_xyz.cap") }.unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyImportError>(py));
        assert_eq!(
            err.to_string(),
            "ImportError: PyCapsule_Import could not import module \"no_such_module_xyz\""
        );
        modules.del_item("capsule_test_mod").unwrap();
    });
}

#[test]
fn capsule_no_leak() {
    Python::with_gil(|py| {
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            // The capsule owns a reference to the input and gives it back when freed.
            let held: PyObject = input.into();
            let cap = PyCapsule::new(py, held, Some(CString::new("x.y").unwrap())).unwrap();
            // SAFETY: the capsule holds a `PyObject`.
            assert!(unsafe { cap.reference::<PyObject>() }.is(input));
            let _ = cap.name().unwrap();
            let held: PyObject = input.into();
            let _ = PyCapsule::new_with_destructor(py, held, None, |obj, _| drop(obj)).unwrap();
        });
    });
}

// ----- functions -----

#[test]
fn function_types() {
    Python::with_gil(|py| {
        let builtin = eval(py, "len");
        assert!(builtin.downcast::<PyCFunction>().is_ok());
        assert!(PyCFunction::is_type_of(builtin));
        assert!(PyCFunction::is_type_of(eval(py, "[].append")));
        let lambda = eval(py, "lambda: 1");
        assert!(!PyCFunction::is_type_of(lambda));
        let err = lambda.downcast::<PyCFunction>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'function' object cannot be converted to 'PyCFunction'"
        );
        assert_eq!(
            PyCFunction::type_object(py).name().unwrap(),
            "builtin_function_or_method"
        );
        #[cfg(not(Py_LIMITED_API))]
        {
            use pyo3::types::PyFunction;
            assert!(lambda.downcast::<PyFunction>().is_ok());
            let err = builtin.downcast::<PyFunction>().unwrap_err();
            assert_eq!(
                err.to_string(),
                "'builtin_function_or_method' object cannot be converted to 'PyFunction'"
            );
            assert_eq!(PyFunction::type_object(py).name().unwrap(), "function");
        }
    });
}

// ----- super -----

#[test]
fn super_lookups() {
    Python::with_gil(|py| {
        let ns = PyDict::new(py);
        py.run(
            "class A:\n    def who(self): return 'A'\nclass B(A):\n    def who(self): return 'B'\nobj = B()",
            Some(ns),
            None,
        )
        .unwrap();
        let obj = ns.get_item("obj").unwrap().unwrap();
        let b: &PyType = ns.get_item("B").unwrap().unwrap().downcast().unwrap();
        assert_eq!(
            obj.call_method0("who").unwrap().extract::<&str>().unwrap(),
            "B"
        );
        let sup = PySuper::new(b, obj).unwrap();
        assert_eq!(
            sup.call_method0("who").unwrap().extract::<&str>().unwrap(),
            "A"
        );
        assert_eq!(
            obj.py_super()
                .unwrap()
                .call_method0("who")
                .unwrap()
                .extract::<&str>()
                .unwrap(),
            "A"
        );
        let err = PySuper::new(PyType::new::<pyo3::types::PyLong>(py), obj).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
        // The wording changed in 3.13; it must be Python's own, whatever the version.
        ns.set_item("obj", obj).unwrap();
        let expected = py
            .eval("super(int, obj)", Some(ns), None)
            .unwrap_err()
            .to_string();
        assert!(expected.starts_with("TypeError: super(type, obj): obj "));
        assert_eq!(err.to_string(), expected);
        assert!(eval(py, "super(int, 1)").downcast::<PySuper>().is_ok());
        let err = obj.downcast::<PySuper>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'B' object cannot be converted to 'PySuper'"
        );
    });
}

// ----- singletons -----

#[test]
fn singleton_types() {
    Python::with_gil(|py| {
        let none = PyNone::get(py);
        assert!(none.is_none());
        assert!(none.is(&py.None()));
        assert!(eval(py, "None").downcast::<PyNone>().is_ok());
        assert!(PyNone::is_exact_type_of(none));
        assert_eq!(PyNone::type_object(py).name().unwrap(), "NoneType");
        let err = eval(py, "0").downcast::<PyNone>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'PyNone'"
        );

        let ellipsis = PyEllipsis::get(py);
        assert!(ellipsis.is_ellipsis());
        assert!(eval(py, "...").downcast::<PyEllipsis>().is_ok());
        assert!(eval(py, "None").downcast::<PyEllipsis>().is_err());
        assert_eq!(PyEllipsis::type_object(py).name().unwrap(), "ellipsis");

        let not_impl = PyNotImplemented::get(py);
        assert!(not_impl.is(&py.NotImplemented()));
        assert!(eval(py, "NotImplemented")
            .downcast::<PyNotImplemented>()
            .is_ok());
        let err = eval(py, "...").downcast::<PyNotImplemented>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'ellipsis' object cannot be converted to 'PyNotImplemented'"
        );
        assert_eq!(
            PyNotImplemented::type_object(py).name().unwrap(),
            "NotImplementedType"
        );
    });
}

#[test]
fn singletons_no_leak() {
    Python::with_gil(|py| {
        // The singletons may be immortal (3.12+), so check the pool and a mortal input.
        let input: PyObject = eval(py, "object()").into();
        assert_no_leak(py, &input, |py, input| {
            assert!(input.downcast::<PyNone>().is_err());
            let _ = (
                PyNone::get(py),
                PyEllipsis::get(py),
                PyNotImplemented::get(py),
            );
            let _ = PySuper::new(input.get_type(), input).unwrap();
        });
    });
}

/// The iterator types can be named in signatures.
#[test]
fn iterator_types_are_nameable() {
    use pyo3::types::iter::{
        PyDictIterator, PyFrozenSetIterator, PyListIterator, PySetIterator, PyTupleIterator,
    };
    fn count<I: Iterator>(it: I) -> usize {
        it.count()
    }
    Python::with_gil(|py| {
        let list: PyListIterator<'_> = PyList::new(py, [1, 2]).iter();
        assert_eq!(count(list), 2);
        let tuple: PyTupleIterator<'_> = pyo3::types::PyTuple::new(py, [1]).iter();
        assert_eq!(count(tuple), 1);
        let dict: PyDictIterator<'_> = PyDict::new(py).iter();
        assert_eq!(count(dict), 0);
        let set: PySetIterator<'_> = pyo3::types::PySet::new(py, &[1]).unwrap().iter();
        assert_eq!(count(set), 1);
        let fs: PyFrozenSetIterator<'_> =
            pyo3::types::PyFrozenSet::new(py, &[1, 2]).unwrap().iter();
        assert_eq!(count(fs), 2);
    });
}

#[test]
fn iterator_from_object_and_downcast() {
    Python::with_gil(|py| {
        let list = PyList::new(py, [1, 2, 3]);
        let it = pyo3::types::PyIterator::from_object(list).unwrap();
        let items: Vec<i64> = it.map(|x| x.unwrap().extract().unwrap()).collect();
        assert_eq!(items, [1, 2, 3]);
        let err = pyo3::types::PyIterator::from_object(eval(py, "1")).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: 'int' object is not iterable");
        let err = list.downcast::<pyo3::types::PyIterator>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'list' object cannot be converted to 'Iterator'"
        );
        let gen = eval(py, "(1 // x for x in [1, 0])");
        let mut it = gen.downcast::<pyo3::types::PyIterator>().unwrap();
        assert_eq!(it.next().unwrap().unwrap().extract::<i64>().unwrap(), 1);
        let err = it.next().unwrap().unwrap_err();
        assert!(err.is_instance_of::<pyo3::exceptions::PyZeroDivisionError>(py));
        assert!(it.next().is_none());
    });
}
