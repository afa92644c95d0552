//! `PyErr`: lazy construction, raising and fetching, inspection, printing, warnings,
//! new exception types, thread safety, and the `From` conversions of Rust errors.

use std::sync::{Arc, Mutex};

use pyo3::exceptions::{
    PyBlockingIOError, PyException, PyFileNotFoundError, PyKeyError, PyOSError, PyPermissionError,
    PySystemError, PyTypeError, PyUnicodeDecodeError, PyUserWarning, PyValueError,
    PyZeroDivisionError,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

/// The warning filters and `sys` hooks are process-wide: tests that change them take turns.
static GLOBAL_STATE: Mutex<()> = Mutex::new(());

fn lock_global_state() -> std::sync::MutexGuard<'static, ()> {
    GLOBAL_STATE.lock().unwrap_or_else(|e| e.into_inner())
}

fn eval<'py>(py: Python<'py>, code: &str, locals: Option<&PyDict>) -> &'py PyAny {
    py.eval(code, None, locals).unwrap()
}

fn raised_by(py: Python<'_>, code: &str) -> PyErr {
    py.run(code, None, None).unwrap_err()
}

#[test]
fn lazy_errors_are_built_without_the_gil() {
    // This thread has never held the GIL.
    let err = std::thread::spawn(|| PyValueError::new_err("made without the GIL"))
        .join()
        .unwrap();
    Python::with_gil(|py| {
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.to_string(), "ValueError: made without the GIL");
    });
}

#[test]
fn arguments_tuple_becomes_args() {
    Python::with_gil(|py| {
        let err = PyErr::new::<PyKeyError, _>((1, "two"));
        let args = err.value(py).args().unwrap();
        assert_eq!(args.len(), 2);
        assert_eq!(args.get_item(0).unwrap().extract::<i64>().unwrap(), 1);
        assert_eq!(
            args.get_item(1).unwrap().extract::<String>().unwrap(),
            "two"
        );
        let empty = PyValueError::new_err(());
        assert_eq!(empty.value(py).args().unwrap().len(), 0);
        assert_eq!(empty.to_string(), "ValueError: ");
    });
}

#[test]
fn new_with_a_non_exception_type_gives_type_error() {
    Python::with_gil(|py| {
        let err = PyErr::new::<PyList, _>("not an exception");
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: exceptions must derive from BaseException"
        );
        let err = PyErr::from_type(py.get_type::<PyDict>(), ());
        assert!(err.is_instance_of::<PyTypeError>(py));
    });
}

#[test]
fn from_type_and_from_value() {
    Python::with_gil(|py| {
        let err = PyErr::from_type(py.get_type::<PyKeyError>(), "k");
        assert_eq!(err.to_string(), "KeyError: 'k'");

        let instance = eval(py, "ValueError('given')", None);
        let err = PyErr::from_value(instance);
        assert!(err.value(py).is(instance));

        let class = eval(py, "ZeroDivisionError", None);
        let err = PyErr::from_value(class);
        assert!(err.is_instance_of::<PyZeroDivisionError>(py));
        assert_eq!(err.value(py).args().unwrap().len(), 0);

        let err = PyErr::from_value(PyString::new(py, "foo"));
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: exceptions must derive from BaseException"
        );
    });
}

#[test]
fn restore_then_fetch_round_trips_the_same_instance() {
    Python::with_gil(|py| {
        let err = raised_by(py, "raise KeyError('x')");
        let value: PyObject = err.value(py).into();
        err.restore(py);
        assert!(PyErr::occurred(py));
        let back = PyErr::fetch(py);
        assert!(!PyErr::occurred(py));
        assert!(back.value(py).is(value.as_ref(py)));

        // A lazy error restored and fetched becomes an instance of its type.
        PyValueError::new_err("lazy").restore(py);
        let back = PyErr::take(py).unwrap();
        assert!(back.is_instance_of::<PyValueError>(py));
        assert_eq!(back.to_string(), "ValueError: lazy");
    });
}

#[test]
fn take_and_fetch_when_nothing_is_set() {
    Python::with_gil(|py| {
        assert!(PyErr::take(py).is_none());
        let err = PyErr::fetch(py);
        assert!(err.is_instance_of::<PySystemError>(py));
        assert_eq!(
            err.to_string(),
            "SystemError: attempted to fetch exception but none was set"
        );
    });
}

#[test]
fn matches_and_is_instance() {
    Python::with_gil(|py| {
        let err = raised_by(py, "open('/nonexistent/pyo3/file')");
        assert!(err.is_instance_of::<PyFileNotFoundError>(py));
        assert!(err.is_instance_of::<PyOSError>(py));
        assert!(!err.is_instance_of::<PyValueError>(py));
        assert!(err.matches(py, py.get_type::<PyOSError>()));
        let tuple = PyTuple::new(
            py,
            [py.get_type::<PyKeyError>(), py.get_type::<PyOSError>()],
        );
        assert!(err.matches(py, tuple));
        assert!(!err.matches(py, py.get_type::<PyKeyError>()));
        assert!(err.is_instance(py, py.get_type::<PyException>()));
        assert!(err.is_instance(py, tuple));
        assert!(err.get_type(py).is(py.get_type::<PyFileNotFoundError>()));
    });
}

#[test]
fn value_into_value_and_clone_ref_share_the_instance() {
    Python::with_gil(|py| {
        let err = PyValueError::new_err("shared");
        let clone = err.clone_ref(py);
        assert!(clone.value(py).is(err.value(py)));
        assert!(err.value(py).downcast::<PyValueError>().is_ok());
        let owned = err.into_value(py);
        assert!(owned.as_ref(py).is(clone.value(py)));
    });
}

#[test]
fn traceback_of_raised_and_lazy_errors() {
    Python::with_gil(|py| {
        let err = raised_by(py, "def f():\n    raise KeyError(1)\nf()");
        let text = err.traceback(py).unwrap().format().unwrap();
        assert!(
            text.starts_with("Traceback (most recent call last):"),
            "{text}"
        );
        assert!(text.contains("line 2, in f"), "{text}");
        assert!(PyValueError::new_err("no traceback")
            .traceback(py)
            .is_none());
        // The traceback survives a restore/fetch round trip.
        err.clone_ref(py).restore(py);
        assert!(PyErr::fetch(py).traceback(py).is_some());
    });
}

#[test]
fn cause_and_set_cause() {
    Python::with_gil(|py| {
        let err = raised_by(py, "raise ValueError('outer') from KeyError('inner')");
        let cause = err.cause(py).unwrap();
        assert!(cause.is_instance_of::<PyKeyError>(py));
        assert_eq!(cause.to_string(), "KeyError: 'inner'");
        assert!(PyValueError::new_err("none").cause(py).is_none());

        let err = PyValueError::new_err("effect");
        err.set_cause(py, Some(PyTypeError::new_err("reason")));
        let locals = PyDict::new(py);
        locals.set_item("e", err.value(py)).unwrap();
        let cause_repr: String = eval(py, "repr(e.__cause__)", Some(locals))
            .extract()
            .unwrap();
        assert_eq!(cause_repr, "TypeError('reason')");
        err.set_cause(py, None);
        assert!(eval(py, "e.__cause__ is None", Some(locals))
            .is_true()
            .unwrap());
    });
}

/// Runs `f` with `sys.stderr` captured; returns what was written.
fn capture_stderr(py: Python<'_>, f: impl FnOnce()) -> String {
    let sys = py.import("sys").unwrap();
    let original = sys.getattr("stderr").unwrap();
    let buffer = py
        .import("io")
        .unwrap()
        .getattr("StringIO")
        .unwrap()
        .call0()
        .unwrap();
    sys.setattr("stderr", buffer).unwrap();
    f();
    sys.setattr("stderr", original).unwrap();
    buffer.call_method0("getvalue").unwrap().extract().unwrap()
}

#[test]
fn print_display_and_sys_last_vars() {
    let _global = lock_global_state();
    Python::with_gil(|py| {
        let err = raised_by(py, "raise KeyError('printed')");
        let printed = capture_stderr(py, || err.print(py));
        assert!(
            printed.contains("Traceback (most recent call last):"),
            "{printed}"
        );
        assert!(printed.ends_with("KeyError: 'printed'\n"), "{printed}");
        assert!(!PyErr::occurred(py));

        // `print` goes through sys.excepthook, `display` does not.
        let hook_log = PyList::empty(py);
        let sys = py.import("sys").unwrap();
        let locals = PyDict::new(py);
        locals.set_item("log", hook_log).unwrap();
        let hook = py
            .eval("lambda *args: log.append(args[1])", Some(locals), None)
            .unwrap();
        let original_hook = sys.getattr("excepthook").unwrap();
        sys.setattr("excepthook", hook).unwrap();
        let displayed = capture_stderr(py, || err.display(py));
        let _ = capture_stderr(py, || err.print(py));
        sys.setattr("excepthook", original_hook).unwrap();
        assert!(displayed.ends_with("KeyError: 'printed'\n"), "{displayed}");
        assert_eq!(hook_log.len(), 1);
        assert!(hook_log.get_item(0).unwrap().is(err.value(py)));

        let _ = capture_stderr(py, || err.print_and_set_sys_last_vars(py));
        assert!(sys.getattr("last_value").unwrap().is(err.value(py)));
        assert!(sys.getattr("last_type").unwrap().is(err.get_type(py)));
    });
}

#[test]
fn write_unraisable_goes_to_the_hook() {
    let _global = lock_global_state();
    Python::with_gil(|py| {
        let sys = py.import("sys").unwrap();
        let locals = PyDict::new(py);
        let log = PyList::empty(py);
        locals.set_item("log", log).unwrap();
        let hook = py
            .eval(
                "lambda u: log.append((u.exc_value, u.object))",
                Some(locals),
                None,
            )
            .unwrap();
        let original = sys.getattr("unraisablehook").unwrap();
        sys.setattr("unraisablehook", hook).unwrap();
        let context = PyString::new(py, "in a destructor");
        PyValueError::new_err("lost").write_unraisable(py, Some(context));
        sys.setattr("unraisablehook", original).unwrap();
        assert!(!PyErr::occurred(py));
        assert_eq!(log.len(), 1);
        let (exc, obj): (&PyAny, &PyAny) = log.get_item(0).unwrap().extract().unwrap();
        assert_eq!(exc.repr().unwrap().to_str().unwrap(), "ValueError('lost')");
        assert!(obj.is(context));
    });
}

#[test]
fn warn_and_warn_explicit() {
    let _global = lock_global_state();
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        py.run(
            "import warnings\ncm = warnings.catch_warnings(record=True)\nlog = cm.__enter__()\nwarnings.simplefilter('always')",
            None,
            Some(locals),
        )
        .unwrap();
        let category = py.get_type::<PyUserWarning>();
        PyErr::warn(py, category, "first warning", 1).unwrap();
        PyErr::warn_explicit(
            py,
            category,
            "second warning",
            "made_up.py",
            42,
            Some("made_up"),
            None,
        )
        .unwrap();
        let summary: String = eval(
            py,
            "'; '.join(f'{w.category.__name__}:{w.message}:{w.lineno}' for w in log)",
            Some(locals),
        )
        .extract()
        .unwrap();
        let filename: String = eval(py, "log[1].filename", Some(locals)).extract().unwrap();
        // With an "error" filter, the warning comes back as the error.
        py.run("warnings.simplefilter('error')", None, Some(locals))
            .unwrap();
        let err = PyErr::warn(py, category, "now an error", 1).unwrap_err();
        py.run("cm.__exit__(None, None, None)", None, Some(locals))
            .unwrap();

        assert!(
            summary.starts_with("UserWarning:first warning:"),
            "{summary}"
        );
        assert!(
            summary.ends_with("; UserWarning:second warning:42"),
            "{summary}"
        );
        assert_eq!(filename, "made_up.py");
        assert!(err.is_instance_of::<PyUserWarning>(py));
        assert_eq!(err.to_string(), "UserWarning: now an error");
    });
}

#[test]
fn new_type_creates_an_exception_class() {
    Python::with_gil(|py| {
        let dict = PyDict::new(py);
        dict.set_item("code", 7).unwrap();
        let ty = PyErr::new_type(
            py,
            "mymodule.CustomError",
            Some("A custom error."),
            Some(py.get_type::<PyValueError>()),
            Some(dict.into()),
        )
        .unwrap();
        let ty = ty.as_ref(py);
        assert_eq!(ty.name().unwrap(), "CustomError");
        assert_eq!(
            ty.getattr("__module__")
                .unwrap()
                .extract::<String>()
                .unwrap(),
            "mymodule"
        );
        assert_eq!(
            ty.getattr("__doc__").unwrap().extract::<String>().unwrap(),
            "A custom error."
        );
        assert_eq!(ty.getattr("code").unwrap().extract::<i64>().unwrap(), 7);
        assert!(ty.is_subclass_of::<PyValueError>().unwrap());

        let err = PyErr::from_type(ty, "raised from Rust");
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.to_string(), "CustomError: raised from Rust");

        let plain = PyErr::new_type(py, "mymodule.Plain", None, None, None).unwrap();
        assert!(plain.as_ref(py).is_subclass_of::<PyException>().unwrap());
        assert!(plain.as_ref(py).getattr("__doc__").unwrap().is_none());

        let bad = PyErr::new_type(py, "NoDot", None, None, None).unwrap_err();
        assert!(bad.is_instance_of::<PySystemError>(py));
    });
}

#[test]
fn display_and_debug() {
    Python::with_gil(|py| {
        assert_eq!(PyValueError::new_err("msg").to_string(), "ValueError: msg");
        let locals = PyDict::new(py);
        py.run(
            "class Broken(Exception):\n    def __str__(self):\n        raise RuntimeError()",
            None,
            Some(locals),
        )
        .unwrap();
        let broken = PyErr::from_value(eval(py, "Broken()", Some(locals)));
        assert_eq!(broken.to_string(), "Broken: <exception str() failed>");

        let debug = format!("{:?}", PyKeyError::new_err("k"));
        assert!(
            debug.starts_with(
                "PyErr { type: <class 'KeyError'>, value: KeyError('k'), traceback: None"
            ),
            "{debug}"
        );

        let boxed: Box<dyn std::error::Error + Send + Sync> =
            Box::new(PyValueError::new_err("boxed"));
        assert_eq!(boxed.to_string(), "ValueError: boxed");
    });
}

#[test]
fn pyerr_converts_to_a_python_object() {
    Python::with_gil(|py| {
        let err = PyKeyError::new_err("obj");
        let as_object = err.to_object(py);
        assert!(as_object.as_ref(py).is(err.value(py)));
        let moved: PyObject = err.into_py(py);
        assert!(moved.is(&as_object));
    });
}

#[test]
fn threads_sharing_a_lazy_error_see_one_instance() {
    let err = Python::with_gil(|py| {
        let locals = PyDict::new(py);
        py.run(
            r#"
import time
class Slow(Exception):
    made = 0
    def __init__(self, *args):
        Slow.made += 1
        time.sleep(0.05)   # lets the GIL pass to the other threads mid-construction
        super().__init__(*args)
"#,
            Some(locals),
            None,
        )
        .unwrap();
        let slow: &PyType = locals
            .get_item("Slow")
            .unwrap()
            .unwrap()
            .downcast()
            .unwrap();
        Arc::new(PyErr::from_type(slow, "once"))
    });
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let err = Arc::clone(&err);
            std::thread::spawn(move || Python::with_gil(|py| err.value(py).as_ptr() as usize))
        })
        .collect();
    let addresses: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(addresses.windows(2).all(|w| w[0] == w[1]), "{addresses:?}");
    Python::with_gil(|py| {
        let made: i64 = err.get_type(py).getattr("made").unwrap().extract().unwrap();
        assert_eq!(made, 1);
    });
}

// ---- From conversions ----

#[test]
fn io_errors_map_by_kind_and_keep_errno() {
    Python::with_gil(|py| {
        let os_err = std::fs::File::open("/nonexistent/pyo3/file").unwrap_err();
        let err = PyErr::from(os_err);
        assert!(err.is_instance_of::<PyFileNotFoundError>(py));
        let value = err.value(py);
        assert_eq!(value.getattr("errno").unwrap().extract::<i32>().unwrap(), 2);
        assert_eq!(
            value.str().unwrap().to_str().unwrap(),
            "[Errno 2] No such file or directory"
        );

        let custom = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "nope");
        let err = PyErr::from(custom);
        assert!(err.is_instance_of::<PyPermissionError>(py));
        assert!(err.value(py).getattr("errno").unwrap().is_none());
        assert_eq!(err.to_string(), "PermissionError: nope");

        let would_block = PyErr::from(std::io::Error::from(std::io::ErrorKind::WouldBlock));
        assert!(would_block.is_instance_of::<PyBlockingIOError>(py));
        let other = PyErr::from(std::io::Error::other("odd"));
        assert!(other.get_type(py).is(py.get_type::<PyOSError>()));
        // An errno the kind table does not name still picks Python's subclass.
        let enoent = PyErr::from(std::io::Error::from_raw_os_error(21));
        assert_eq!(enoent.get_type(py).name().unwrap(), "IsADirectoryError");
    });
}

#[test]
fn pyerr_to_io_error_and_back() {
    Python::with_gil(|py| {
        let err = raised_by(py, "open('/nonexistent/pyo3/file')");
        let value: PyObject = err.value(py).into();
        let io_err = std::io::Error::from(err);
        assert_eq!(io_err.kind(), std::io::ErrorKind::NotFound);
        assert!(
            io_err
                .to_string()
                .starts_with("FileNotFoundError: [Errno 2]"),
            "{io_err}"
        );
        let back = PyErr::from(io_err);
        assert!(back.value(py).is(value.as_ref(py)));

        let io_err = std::io::Error::from(PyValueError::new_err("x"));
        assert_eq!(io_err.kind(), std::io::ErrorKind::Other);
    });
}

fn converted<E: Into<PyErr>>(py: Python<'_>, err: E) -> (String, String) {
    let err: PyErr = err.into();
    (err.get_type(py).name().unwrap().to_owned(), err.to_string())
}

#[test]
fn parse_and_conversion_errors_become_value_errors() {
    Python::with_gil(|py| {
        let (ty, text) = converted(py, "12x".parse::<i32>().unwrap_err());
        assert_eq!(
            (ty.as_str(), text.as_str()),
            ("ValueError", "ValueError: invalid digit found in string")
        );
        let (ty, text) = converted(py, "x".parse::<f64>().unwrap_err());
        assert_eq!(
            (ty.as_str(), text.as_str()),
            ("ValueError", "ValueError: invalid float literal")
        );
        let (ty, text) = converted(py, u8::try_from(300i32).unwrap_err());
        assert_eq!(ty, "ValueError");
        assert_eq!(
            text,
            "ValueError: out of range integral type conversion attempted"
        );
        let (ty, text) = converted(py, std::ffi::CString::new("a\0b").unwrap_err());
        assert_eq!(ty, "ValueError");
        assert_eq!(
            text,
            "ValueError: nul byte found in provided data at position: 1"
        );
        let (ty, text) = converted(py, "1.2.3".parse::<std::net::IpAddr>().unwrap_err());
        assert_eq!(
            (ty.as_str(), text.as_str()),
            ("ValueError", "ValueError: invalid IP address syntax")
        );
        let (ty, _) = converted(py, "maybe".parse::<bool>().unwrap_err());
        assert_eq!(ty, "ValueError");
        // The same errors also serve as arguments of any exception type.
        let err = PyTypeError::new_err("x".parse::<i64>().unwrap_err());
        assert_eq!(err.to_string(), "TypeError: invalid digit found in string");
        let err = PyOSError::new_err(std::io::Error::other("disk"));
        assert_eq!(err.to_string(), "OSError: disk");
    });
}

#[test]
fn utf8_errors_match_pythons_decoder() {
    Python::with_gil(|py| {
        let cases: [&[u8]; 6] = [
            b"ab\xffcd",
            b"\xc3\x28",
            b"ok\xe2\x82",
            b"\xed\xa0\x80",
            b"\xf0\x9f\x98",
            b"\xc0\x80",
        ];
        for bytes in cases {
            let rust_err = String::from_utf8(bytes.to_vec()).unwrap_err();
            let ours = PyErr::from(rust_err);
            assert!(ours.is_instance_of::<PyUnicodeDecodeError>(py));
            let locals = PyDict::new(py);
            locals
                .set_item("data", pyo3::types::PyBytes::new(py, bytes))
                .unwrap();
            let python = py
                .run("data.decode('utf-8')", None, Some(locals))
                .unwrap_err();
            assert_eq!(ours.to_string(), python.to_string(), "for {bytes:?}");
            for attr in ["start", "end", "reason", "object", "encoding"] {
                let a = ours.value(py).getattr(attr).unwrap();
                let b = python.value(py).getattr(attr).unwrap();
                assert!(a.eq(b).unwrap(), "{attr} differs for {bytes:?}: {a} vs {b}");
            }
            let direct =
                PyUnicodeDecodeError::new_utf8(py, bytes, std::str::from_utf8(bytes).unwrap_err())
                    .unwrap();
            assert_eq!(direct.to_string(), python.value(py).to_string());
        }
        // Utf8Error alone has no bytes, but the position is right.
        let bytes = vec![b'a', b'b', 0xff];
        let err = PyErr::from(std::str::from_utf8(&bytes).unwrap_err());
        assert!(err.is_instance_of::<PyUnicodeDecodeError>(py));
        assert_eq!(
            err.value(py)
                .getattr("start")
                .unwrap()
                .extract::<usize>()
                .unwrap(),
            2
        );
        assert_eq!(
            err.value(py)
                .getattr("end")
                .unwrap()
                .extract::<usize>()
                .unwrap(),
            3
        );
        // A CString that is not UTF-8.
        let c = std::ffi::CString::new(b"x\xff".to_vec()).unwrap();
        let err = PyErr::from(c.into_string().unwrap_err());
        assert_eq!(err.to_string(), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
        let err = PyErr::from(String::from_utf16(&[0xD800]).unwrap_err());
        assert!(err.is_instance_of::<PyUnicodeDecodeError>(py));
        assert!(
            err.to_string().ends_with("illegal UTF-16 surrogate"),
            "{err}"
        );
    });
}

#[test]
fn downcast_error_message() {
    Python::with_gil(|py| {
        let one = 1i64.into_py(py).into_ref(py);
        let err: PyErr = one.downcast::<PyString>().unwrap_err().into();
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.to_string(),
            "TypeError: 'int' object cannot be converted to 'PyString'"
        );
        let direct = one.downcast::<PyList>().unwrap_err();
        assert_eq!(
            direct.to_string(),
            "'int' object cannot be converted to 'PyList'"
        );
    });
}

#[test]
fn question_mark_works_on_std_errors() {
    fn parse(text: &str) -> PyResult<i64> {
        let n: i64 = text.parse()?;
        let small: u8 = u8::try_from(n)?;
        Ok(i64::from(small))
    }
    Python::with_gil(|py| {
        assert_eq!(parse("12").unwrap(), 12);
        assert!(parse("x").unwrap_err().is_instance_of::<PyValueError>(py));
        assert!(parse("1000")
            .unwrap_err()
            .is_instance_of::<PyValueError>(py));
        let infallible: Result<i64, std::convert::Infallible> = Ok(3);
        let through: PyResult<i64> = infallible.map_err(Into::into);
        assert_eq!(through.unwrap(), 3);
    });
}
