//! The `Python<'py>` token: proof that this thread holds the GIL for `'py`.

use std::ffi::CString;
use std::marker::PhantomData;

use crate::conversion::FromPyPointer;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::{self, GILGuard, PoolScope};
use crate::instance::{Py, PyObject};
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyDict, PyModule, PyString, PyType};

/// Marker that makes a type `!Send` and `!Sync`.
type NotSend = PhantomData<*mut ()>;

/// A zero-sized token proving that the current thread holds the GIL for the lifetime `'py`.
///
/// All GIL-bound references `&'py T` carry this lifetime; `obj.py()` recovers the token
/// from any of them. The token is `Copy` and `!Send`: it cannot leave the thread that owns
/// the GIL.
#[derive(Copy, Clone)]
pub struct Python<'py>(PhantomData<(&'py (), NotSend)>);

/// Values that may cross [`Python::allow_threads`] and [`Python::with_pool`]: anything
/// `Send`. A token and GIL-bound references are `!Send`, so they cannot be captured;
/// carry objects across as [`Py<T>`], which is `Send`.
pub trait Ungil {}
impl<T: Send> Ungil for T {}

impl Python<'_> {
    /// Acquires the GIL (re-entrantly) and runs `f` with a token.
    ///
    /// Works from any thread, also from one that already holds the GIL. References created
    /// inside are released when `f` returns if this call opened a pool scope, which it does
    /// when no scope is open on this call stack or when the GIL was not held on entry (for
    /// example inside [`Python::allow_threads`]). A nested call inside a scope opens none,
    /// because its closure may have captured the outer token; its references live until
    /// the outer scope closes. Use [`Python::with_pool`] to release them sooner.
    ///
    /// With the `auto-initialize` feature the interpreter is started on first use;
    /// without it, calling this before the interpreter exists panics.
    ///
    /// ```rust
    /// use pyo3::prelude::*;
    ///
    /// let sum: i64 = Python::with_gil(|py| py.eval("1 + 2", None, None)?.extract()).unwrap();
    /// assert_eq!(sum, 3);
    /// ```
    #[inline]
    pub fn with_gil<F, R>(f: F) -> R
    where
        F: for<'py> FnOnce(Python<'py>) -> R,
    {
        let guard = GILGuard::acquire();
        // SAFETY: the guard holds the GIL for as long as `f` runs.
        f(unsafe { guard.python() })
    }

    /// Acquires the GIL without initializing the interpreter first.
    ///
    /// # Safety
    /// The interpreter must already be initialized (e.g. inside an extension module).
    pub unsafe fn with_gil_unchecked<F, R>(f: F) -> R
    where
        F: for<'py> FnOnce(Python<'py>) -> R,
    {
        // SAFETY: the caller guarantees the interpreter is initialized.
        let guard = unsafe { GILGuard::acquire_unchecked() };
        // SAFETY: the guard holds the GIL for as long as `f` runs.
        f(unsafe { guard.python() })
    }
}

impl<'py> Python<'py> {
    /// Conjures a token without checking that the GIL is held.
    ///
    /// # Safety
    /// The current thread must hold the GIL for all of `'py`.
    #[inline(always)]
    pub unsafe fn assume_gil_acquired() -> Python<'py> {
        Python(PhantomData)
    }

    /// Releases the GIL while `f` runs, so other Python threads can proceed.
    ///
    /// `f` cannot capture a token or a GIL-bound reference (both are `!Send`), so it cannot
    /// touch Python objects without re-acquiring the GIL via [`Python::with_gil`], which
    /// then opens a fresh pool scope; carry objects in as [`Py<T>`]. The GIL is taken back
    /// when `f` returns or unwinds.
    ///
    /// The bound is `Send`, as in PyO3: a value that smuggles a reference through a
    /// `Send` wrapper checking only the thread (not the GIL) defeats it.
    pub fn allow_threads<T, F>(self, f: F) -> T
    where
        F: Ungil + FnOnce() -> T,
        T: Ungil,
    {
        /// Re-acquires the GIL when dropped, also while unwinding.
        struct RestoreGuard(*mut ffi::PyThreadState);
        impl Drop for RestoreGuard {
            fn drop(&mut self) {
                // SAFETY: the state was returned by `PyEval_SaveThread` on this thread.
                unsafe { ffi::PyEval_RestoreThread(self.0) };
            }
        }
        // SAFETY: we hold the GIL (the token proves it) and give it back in `RestoreGuard`.
        let _restore = RestoreGuard(unsafe { ffi::PyEval_SaveThread() });
        f()
    }

    /// Runs `f` in a fresh pool scope: every reference created inside is released when `f`
    /// returns, so a long loop stays flat in memory.
    ///
    /// Inside one call, every `&'py` temporary (a result of `getattr`, `call`, `iter`, ...)
    /// stays alive until the call's pool scope closes, so a loop of a million iterations
    /// keeps a million objects. Wrapping the loop body in `with_pool` releases them per
    /// iteration.
    ///
    /// `f` gets its own token and may not capture the outer one or any `&'py` reference
    /// (the [`Ungil`] bound; anything created with the outer token inside would land in the
    /// inner scope and be freed too early), nor return one; carry objects in and out as
    /// [`Py<T>`].
    ///
    /// ```rust
    /// use pyo3::prelude::*;
    /// use pyo3::types::PyList;
    ///
    /// Python::with_gil(|py| {
    ///     let list: Py<PyList> = PyList::new(py, [1, 2, 3]).into();
    ///     let mut total = 0i64;
    ///     for _ in 0..1000 {
    ///         total += py.with_pool(|py| {
    ///             let sum = py.eval("sum", None, None).unwrap();
    ///             sum.call1((list.as_ref(py),)).unwrap().extract::<i64>().unwrap()
    ///         });
    ///     }
    ///     assert_eq!(total, 6000);
    /// });
    /// ```
    pub fn with_pool<F, R>(self, f: F) -> R
    where
        F: Ungil + for<'inner> FnOnce(Python<'inner>) -> R,
        R: Ungil,
    {
        // SAFETY: the token proves the GIL is held; the scope closes before we return, and
        // nothing created inside can escape (`F` and `R` are `Ungil`).
        let _scope = unsafe { PoolScope::open() };
        // SAFETY: the GIL is held for the whole call.
        f(unsafe { Python::assume_gil_acquired() })
    }

    /// Opens a pool scope held as a value (PyO3 0.20's API); see [`GILPool`](crate::GILPool).
    /// Prefer [`Python::with_pool`], which is safe.
    ///
    /// # Safety
    /// As for [`GILPool::new`](crate::GILPool::new).
    #[inline]
    pub unsafe fn new_pool(self) -> crate::GILPool {
        // SAFETY: forwarded from the caller; the token proves the GIL is held.
        unsafe { crate::GILPool::new() }
    }

    /// The `None` object.
    #[allow(non_snake_case)]
    #[inline]
    pub fn None(self) -> PyObject {
        // SAFETY: Py_None is a valid, immortal-or-counted object; we take a new reference.
        unsafe { PyObject::from_borrowed_ptr(self, ffi::Py_None()) }
    }

    /// The `Ellipsis` object.
    #[allow(non_snake_case)]
    pub fn Ellipsis(self) -> PyObject {
        // SAFETY: Py_Ellipsis is a valid object; we take a new reference.
        unsafe { PyObject::from_borrowed_ptr(self, ffi::Py_Ellipsis()) }
    }

    /// The `NotImplemented` object.
    #[allow(non_snake_case)]
    pub fn NotImplemented(self) -> PyObject {
        // SAFETY: Py_NotImplemented is a valid object; we take a new reference.
        unsafe { PyObject::from_borrowed_ptr(self, ffi::Py_NotImplemented()) }
    }

    /// The `True` object.
    #[allow(non_snake_case)]
    pub fn True(self) -> &'py crate::types::PyBool {
        crate::types::PyBool::new(self, true)
    }

    /// The `False` object.
    #[allow(non_snake_case)]
    pub fn False(self) -> &'py crate::types::PyBool {
        crate::types::PyBool::new(self, false)
    }

    /// The type object of `T`.
    pub fn get_type<T: PyTypeInfo>(self) -> &'py PyType {
        T::type_object(self)
    }

    /// Imports a module, like Python's `import name`.
    pub fn import<N>(self, name: N) -> PyResult<&'py PyModule>
    where
        N: crate::IntoPy<Py<PyString>>,
    {
        PyModule::import(self, name)
    }

    /// Evaluates a Python expression and returns its value.
    pub fn eval(
        self,
        code: &str,
        globals: Option<&PyDict>,
        locals: Option<&PyDict>,
    ) -> PyResult<&'py PyAny> {
        self.run_code(code, ffi::Py_eval_input, globals, locals)
    }

    /// Executes Python statements.
    pub fn run(
        self,
        code: &str,
        globals: Option<&PyDict>,
        locals: Option<&PyDict>,
    ) -> PyResult<()> {
        self.run_code(code, ffi::Py_file_input, globals, locals)
            .map(|_| ())
    }

    fn run_code(
        self,
        code: &str,
        start: std::os::raw::c_int,
        globals: Option<&PyDict>,
        locals: Option<&PyDict>,
    ) -> PyResult<&'py PyAny> {
        let code = CString::new(code)?;
        let globals = match globals {
            Some(g) => g,
            None => {
                let main = self.import("__main__")?;
                main.dict()
            }
        };
        let locals = locals.unwrap_or(globals);
        // `exec`/`eval` need `__builtins__` in the globals to resolve builtins.
        let builtins_key = crate::intern!(self, "__builtins__");
        if !globals.contains(builtins_key)? {
            // SAFETY: PyEval_GetBuiltins returns a borrowed reference valid while the GIL is held.
            let builtins = unsafe { self.from_borrowed_ptr::<PyAny>(ffi::PyEval_GetBuiltins()) };
            globals.set_item(builtins_key, builtins)?;
        }
        // SAFETY: all pointers are valid objects; a null result means an exception is set.
        unsafe {
            let compiled = ffi::Py_CompileString(code.as_ptr(), c"<string>".as_ptr(), start);
            let compiled: &PyAny = self.from_owned_ptr_or_err(compiled)?;
            let result = ffi::PyEval_EvalCode(compiled.as_ptr(), globals.as_ptr(), locals.as_ptr());
            self.from_owned_ptr_or_err(result)
        }
    }

    /// The running interpreter's version string (`sys.version`).
    pub fn version(self) -> &'py str {
        // SAFETY: Py_GetVersion returns a static, NUL-terminated string.
        let version = unsafe { std::ffi::CStr::from_ptr(ffi::Py_GetVersion()) };
        version.to_str().unwrap_or("")
    }

    /// The running interpreter's `(major, minor, patch)` version.
    pub fn version_info(self) -> PythonVersionInfo {
        let text = self.version();
        let number = text.split_whitespace().next().unwrap_or("");
        let mut parts = number.split('.').map(|p| {
            p.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse::<u8>()
                .unwrap_or(0)
        });
        PythonVersionInfo {
            major: parts.next().unwrap_or(0),
            minor: parts.next().unwrap_or(0),
            patch: parts.next().unwrap_or(0),
        }
    }

    /// Runs pending signal handlers; returns the error a handler raised (e.g. `KeyboardInterrupt`).
    pub fn check_signals(self) -> PyResult<()> {
        // SAFETY: the GIL is held.
        if unsafe { ffi::PyErr_CheckSignals() } == -1 {
            Err(PyErr::fetch(self))
        } else {
            Ok(())
        }
    }

    /// Converts an owned pointer into a pooled reference; panics (with the Python error)
    /// on null.
    ///
    /// # Safety
    /// `ptr` must be a new (owned) reference to an object of type `T`, or null.
    #[track_caller]
    pub unsafe fn from_owned_ptr<T: FromPyPointer<'py>>(self, ptr: *mut ffi::PyObject) -> &'py T {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_owned_ptr(self, ptr) }
    }

    /// Converts an owned pointer into a pooled reference, or fetches the error on null.
    ///
    /// # Safety
    /// `ptr` must be a new (owned) reference to an object of type `T`, or null.
    pub unsafe fn from_owned_ptr_or_err<T: FromPyPointer<'py>>(
        self,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<&'py T> {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_owned_ptr_or_err(self, ptr) }
    }

    /// Converts an owned pointer into a pooled reference, or `None` on null.
    ///
    /// # Safety
    /// `ptr` must be a new (owned) reference to an object of type `T`, or null.
    pub unsafe fn from_owned_ptr_or_opt<T: FromPyPointer<'py>>(
        self,
        ptr: *mut ffi::PyObject,
    ) -> Option<&'py T> {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_owned_ptr_or_opt(self, ptr) }
    }

    /// Views a borrowed pointer as a reference; panics (with the Python error) on null.
    ///
    /// # Safety
    /// `ptr` must point to an object of type `T` that stays alive for all of `'py`.
    #[track_caller]
    pub unsafe fn from_borrowed_ptr<T: FromPyPointer<'py>>(
        self,
        ptr: *mut ffi::PyObject,
    ) -> &'py T {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_borrowed_ptr(self, ptr) }
    }

    /// Views a borrowed pointer as a reference, or fetches the error on null.
    ///
    /// # Safety
    /// `ptr` must point to an object of type `T` that stays alive for all of `'py`, or be null.
    pub unsafe fn from_borrowed_ptr_or_err<T: FromPyPointer<'py>>(
        self,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<&'py T> {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_borrowed_ptr_or_err(self, ptr) }
    }

    /// Views a borrowed pointer as a reference, or `None` on null.
    ///
    /// # Safety
    /// `ptr` must point to an object of type `T` that stays alive for all of `'py`, or be null.
    pub unsafe fn from_borrowed_ptr_or_opt<T: FromPyPointer<'py>>(
        self,
        ptr: *mut ffi::PyObject,
    ) -> Option<&'py T> {
        // SAFETY: forwarded from the caller.
        unsafe { T::from_borrowed_ptr_or_opt(self, ptr) }
    }

    /// Registers an owned pointer in the current pool scope and returns it as `&'py PyAny`.
    ///
    /// # Safety
    /// `ptr` must be a non-null new reference.
    #[inline]
    pub(crate) unsafe fn register_any(self, ptr: std::ptr::NonNull<ffi::PyObject>) -> &'py PyAny {
        // SAFETY: forwarded from the caller; the pool keeps the reference alive for `'py`.
        unsafe { gil::register_owned(self, ptr) }
    }
}

/// The interpreter's version, as returned by [`Python::version_info`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PythonVersionInfo {
    /// The major version (3).
    pub major: u8,
    /// The minor version.
    pub minor: u8,
    /// The patch level.
    pub patch: u8,
}

impl PartialEq<(u8, u8)> for PythonVersionInfo {
    fn eq(&self, other: &(u8, u8)) -> bool {
        (self.major, self.minor) == *other
    }
}

impl PartialOrd<(u8, u8)> for PythonVersionInfo {
    fn partial_cmp(&self, other: &(u8, u8)) -> Option<std::cmp::Ordering> {
        (self.major, self.minor).partial_cmp(other)
    }
}
