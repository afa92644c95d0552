//! The exception types: every builtin one, `create_exception!`, `import_exception!`,
//! `PanicException`, and `PyUnicodeDecodeError`'s constructors.

mod raw_fn;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::*;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{create_exception, import_exception, py_run};

/// Checks that the Rust type's class is the builtin of that name, and that `new_err`
/// makes an instance of it.
macro_rules! check_builtins {
    ($py:expr, $covered:expr, $($ty:ty => $name:literal),* $(,)?) => {$(
        let builtin = $py.import("builtins").unwrap().getattr($name).unwrap();
        let ty: &PyType = $py.get_type::<$ty>();
        assert!(ty.is(builtin), "{} is not builtins.{}", stringify!($ty), $name);
        let err = <$ty>::new_err(());
        assert!(err.get_type($py).is(ty), "{}::new_err made a {}", stringify!($ty), err.get_type($py));
        $covered.push($name);
    )*};
}

#[test]
fn every_builtin_exception_has_its_type() {
    Python::with_gil(|py| {
        let mut covered: Vec<&str> = Vec::new();
        check_builtins!(py, covered,
            PyBaseException => "BaseException",
            PyException => "Exception",
            PyStopAsyncIteration => "StopAsyncIteration",
            PyStopIteration => "StopIteration",
            PyGeneratorExit => "GeneratorExit",
            PyArithmeticError => "ArithmeticError",
            PyLookupError => "LookupError",
            PyAssertionError => "AssertionError",
            PyAttributeError => "AttributeError",
            PyBufferError => "BufferError",
            PyEOFError => "EOFError",
            PyFloatingPointError => "FloatingPointError",
            PyOSError => "OSError",
            PyIOError => "IOError",
            PyEnvironmentError => "EnvironmentError",
            PyImportError => "ImportError",
            PyModuleNotFoundError => "ModuleNotFoundError",
            PyIndexError => "IndexError",
            PyKeyError => "KeyError",
            PyKeyboardInterrupt => "KeyboardInterrupt",
            PyMemoryError => "MemoryError",
            PyNameError => "NameError",
            PyOverflowError => "OverflowError",
            PyRuntimeError => "RuntimeError",
            PyRecursionError => "RecursionError",
            PyNotImplementedError => "NotImplementedError",
            PySyntaxError => "SyntaxError",
            PyIndentationError => "IndentationError",
            PyTabError => "TabError",
            PyReferenceError => "ReferenceError",
            PySystemError => "SystemError",
            PySystemExit => "SystemExit",
            PyTypeError => "TypeError",
            PyUnboundLocalError => "UnboundLocalError",
            PyUnicodeError => "UnicodeError",
            PyValueError => "ValueError",
            PyZeroDivisionError => "ZeroDivisionError",
            PyBlockingIOError => "BlockingIOError",
            PyBrokenPipeError => "BrokenPipeError",
            PyChildProcessError => "ChildProcessError",
            PyConnectionError => "ConnectionError",
            PyConnectionAbortedError => "ConnectionAbortedError",
            PyConnectionRefusedError => "ConnectionRefusedError",
            PyConnectionResetError => "ConnectionResetError",
            PyFileExistsError => "FileExistsError",
            PyFileNotFoundError => "FileNotFoundError",
            PyInterruptedError => "InterruptedError",
            PyIsADirectoryError => "IsADirectoryError",
            PyNotADirectoryError => "NotADirectoryError",
            PyPermissionError => "PermissionError",
            PyProcessLookupError => "ProcessLookupError",
            PyTimeoutError => "TimeoutError",
            PyWarning => "Warning",
            PyUserWarning => "UserWarning",
            PyDeprecationWarning => "DeprecationWarning",
            PyPendingDeprecationWarning => "PendingDeprecationWarning",
            PySyntaxWarning => "SyntaxWarning",
            PyRuntimeWarning => "RuntimeWarning",
            PyFutureWarning => "FutureWarning",
            PyImportWarning => "ImportWarning",
            PyUnicodeWarning => "UnicodeWarning",
            PyBytesWarning => "BytesWarning",
            PyResourceWarning => "ResourceWarning",
        );
        // The Unicode errors need their five arguments to be instantiated.
        for (ty, name) in [
            (py.get_type::<PyUnicodeDecodeError>(), "UnicodeDecodeError"),
            (py.get_type::<PyUnicodeEncodeError>(), "UnicodeEncodeError"),
            (
                py.get_type::<PyUnicodeTranslateError>(),
                "UnicodeTranslateError",
            ),
        ] {
            assert!(ty.is(py.import("builtins").unwrap().getattr(name).unwrap()));
            covered.push(name);
        }
        #[cfg(Py_3_10)]
        {
            check_builtins!(py, covered, PyEncodingWarning => "EncodingWarning");
        }
        #[cfg(Py_3_11)]
        {
            let _ = py.get_type::<PyBaseExceptionGroup>();
            let _ = py.get_type::<PyExceptionGroup>();
            covered.push("BaseExceptionGroup");
            covered.push("ExceptionGroup");
        }
        #[cfg(Py_3_13)]
        {
            check_builtins!(py, covered, PyPythonFinalizationError => "PythonFinalizationError");
        }
        // Nothing public in builtins is missing, except the types newer than the C API this
        // build targets (an abi3 build for an older minimum runs on a newer interpreter).
        let newer_than_api: &[(&str, bool)] = &[
            ("EncodingWarning", cfg!(Py_3_10)),
            ("BaseExceptionGroup", cfg!(Py_3_11)),
            ("ExceptionGroup", cfg!(Py_3_11)),
            ("PythonFinalizationError", cfg!(Py_3_13)),
        ];
        covered.extend(
            newer_than_api
                .iter()
                .filter(|(_, in_api)| !in_api)
                .map(|(name, _)| *name),
        );
        let locals = PyDict::new(py);
        locals
            .set_item("covered", PyTuple::new(py, &covered))
            .unwrap();
        let missing: String = py
            .eval(
                "' '.join(sorted(n for n, o in vars(__import__('builtins')).items() \
                 if isinstance(o, type) and issubclass(o, BaseException) \
                 and not n.startswith('_') and n not in covered))",
                Some(locals),
                None,
            )
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(missing, "", "builtin exceptions without a Rust type");
    });
}

#[cfg(Py_3_11)]
#[test]
fn exception_groups() {
    Python::with_gil(|py| {
        let group_type = py.get_type::<PyExceptionGroup>();
        assert!(group_type.is_subclass_of::<PyBaseExceptionGroup>().unwrap());
        assert!(group_type.is_subclass_of::<PyException>().unwrap());
        let inner = PyValueError::new_err("inner").into_value(py);
        let exceptions: Py<pyo3::types::PyList> = pyo3::types::PyList::new(py, [inner]).into();
        let err = PyExceptionGroup::new_err(("several", exceptions));
        assert!(err.is_instance_of::<PyExceptionGroup>(py));
        let locals = PyDict::new(py);
        locals.set_item("group", err.value(py)).unwrap();
        py_run!(
            py,
            *locals,
            r#"
            try:
                raise group
            except* ValueError as caught:
                assert str(caught.exceptions[0]) == "inner"
        "#
        );
    });
}

#[test]
fn exception_instances_downcast_and_convert() {
    Python::with_gil(|py| {
        let value = py.eval("KeyError('k')", None, None).unwrap();
        let key_error: &PyKeyError = value.downcast().unwrap();
        assert!(value.downcast::<PyLookupError>().is_ok());
        assert!(value.downcast::<PyValueError>().is_err());
        let err: PyErr = key_error.into();
        assert!(err.value(py).is(value));
        let base: &PyBaseException = value.downcast().unwrap();
        assert_eq!(base.args().unwrap().len(), 1);
        assert_eq!(key_error.to_string(), "'k'");
    });
}

create_exception!(
    mymodule,
    CustomError,
    PyValueError,
    "Raised when something custom goes wrong."
);
create_exception!(mymodule, UndocumentedError, PyException);

fn raise_custom(_py: Python<'_>, args: &PyTuple) -> PyResult<PyObject> {
    let message: String = args.get_item(0)?.extract()?;
    Err(CustomError::new_err(message))
}

#[test]
fn create_exception_makes_a_catchable_class() {
    Python::with_gil(|py| {
        let ty = py.get_type::<CustomError>();
        assert_eq!(ty.name().unwrap(), "CustomError");
        assert!(ty.is_subclass_of::<PyValueError>().unwrap());
        // Created once: the same class every time.
        assert!(ty.is(py.get_type::<CustomError>()));

        let raise = raw_fn::scoped(py, c"raise_custom", raise_custom);
        let locals = PyDict::new(py);
        locals.set_item("CustomError", ty).unwrap();
        locals
            .set_item("UndocumentedError", py.get_type::<UndocumentedError>())
            .unwrap();
        locals.set_item("raise_custom", raise).unwrap();
        py_run!(
            py,
            *locals,
            r#"
            assert CustomError.__module__ == "mymodule"
            assert CustomError.__name__ == "CustomError"
            assert CustomError.__qualname__ == "CustomError"
            assert CustomError.__doc__ == "Raised when something custom goes wrong."
            assert CustomError.__bases__ == (ValueError,)
            assert UndocumentedError.__doc__ is None
            assert UndocumentedError.__bases__ == (Exception,)
            try:
                raise_custom("from Rust")
            except ValueError as e:
                assert type(e) is CustomError
                assert str(e) == "from Rust"
            else:
                raise AssertionError("not raised")
        "#
        );
        let err = CustomError::new_err("x");
        assert!(err.is_instance_of::<CustomError>(py));
        assert_eq!(err.to_string(), "CustomError: x");
    });
}

import_exception!(socket, herror);
import_exception!(email.errors, MessageError);

#[test]
fn import_exception_uses_the_module_class() {
    Python::with_gil(|py| {
        let socket_herror = py.import("socket").unwrap().getattr("herror").unwrap();
        assert!(py.get_type::<herror>().is(socket_herror));
        let err = herror::new_err((1, "host"));
        assert!(err.is_instance_of::<PyOSError>(py));
        assert!(err.matches(py, socket_herror));

        let message_error = py
            .import("email.errors")
            .unwrap()
            .getattr("MessageError")
            .unwrap();
        assert!(py.get_type::<MessageError>().is(message_error));
    });
}

fn panicking(_py: Python<'_>, args: &PyTuple) -> PyResult<PyObject> {
    let message: String = args.get_item(0)?.extract()?;
    panic!("{message}");
}

#[test]
fn panic_becomes_panic_exception_in_python() {
    Python::with_gil(|py| {
        let f = raw_fn::scoped(py, c"panicking", panicking);
        let locals = PyDict::new(py);
        locals.set_item("f", f).unwrap();
        locals
            .set_item("PanicException", py.get_type::<PanicException>())
            .unwrap();
        py_run!(
            py,
            *locals,
            r#"
            assert PanicException.__module__ == "pyo3_runtime"
            assert issubclass(PanicException, BaseException)
            assert not issubclass(PanicException, Exception)
            try:
                try:
                    f("boom")
                except Exception:
                    raise AssertionError("`except Exception` must not catch a panic")
            except PanicException as e:
                assert str(e) == "boom", str(e)
            else:
                raise AssertionError("not raised")
        "#
        );
    });
}

#[test]
fn panic_exception_resumes_the_panic_when_fetched() {
    Python::with_gil(|py| {
        let f = raw_fn::scoped(py, c"panicking", panicking);
        let caught = catch_unwind(AssertUnwindSafe(|| f.call1(("through Python",))));
        let payload = caught.expect_err("the panic came back out");
        assert_eq!(payload.downcast_ref::<String>().unwrap(), "through Python");
        assert!(!PyErr::occurred(py));

        PanicException::new_err("restored").restore(py);
        let caught = catch_unwind(AssertUnwindSafe(|| PyErr::take(py)));
        assert_eq!(
            caught.unwrap_err().downcast_ref::<String>().unwrap(),
            "restored"
        );
    });
}

#[test]
fn panic_payloads() {
    Python::with_gil(|py| {
        let from_string = PanicException::from_panic_payload(Box::new(String::from("owned")));
        let from_str = PanicException::from_panic_payload(Box::new("static"));
        let from_other = PanicException::from_panic_payload(Box::new(42));
        for (err, text) in [
            (from_string, "owned"),
            (from_str, "static"),
            (from_other, "panic from Rust code"),
        ] {
            let value = err.value(py);
            assert!(value.is_exact_instance_of::<PanicException>());
            assert_eq!(value.str().unwrap().to_str().unwrap(), text);
        }
    });
}

#[test]
fn unicode_decode_error_constructors() {
    Python::with_gil(|py| {
        let exc = PyUnicodeDecodeError::new(py, c"latin-1", b"abc", 1..2, c"bad byte").unwrap();
        assert_eq!(
            exc.to_string(),
            "'latin-1' codec can't decode byte 0x62 in position 1: bad byte"
        );
        let input = vec![0xe2, 0x28, 0xa1];
        let exc =
            PyUnicodeDecodeError::new_utf8(py, &input, std::str::from_utf8(&input).unwrap_err())
                .unwrap();
        assert_eq!(
            exc.to_string(),
            "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"
        );
        let err: PyErr = exc.into();
        assert!(err.is_instance_of::<PyUnicodeError>(py));
        assert!(err.is_instance_of::<PyValueError>(py));
    });
}
