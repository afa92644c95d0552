//! The runtime half of `#[pymodule]`: the static module definition behind `PyInit_<name>`,
//! `wrap_pymodule!` and `append_to_inittab!`.
//!
//! Modules use single-phase initialisation and keep their state in Rust statics, so a
//! module may be initialised once per process, in one interpreter. A second `PyInit` call
//! (re-import after removal from `sys.modules`, `importlib.reload`, a subinterpreter) raises
//! `ImportError` instead of handing out state that belongs to another module object.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::err::{PyErr, PyResult};
use crate::exceptions::PyImportError;
use crate::ffi;
use crate::impl_::pyfunction::const_cstr;
use crate::impl_::trampoline;
use crate::instance::Py;
use crate::python::Python;
use crate::types::PyModule;

/// The body of a `#[pymodule]` function: fills the new module.
pub type ModuleInitializer = for<'py> fn(Python<'py>, &'py PyModule) -> PyResult<()>;

/// No interpreter has created the module yet.
const NO_INTERPRETER: i64 = -1;

/// The static definition of one `#[pymodule]`.
pub struct ModuleDef {
    ffi_def: UnsafeCell<ffi::PyModuleDef>,
    name: &'static str,
    initializer: ModuleInitializer,
    /// The interpreter that first created the module.
    interpreter: AtomicI64,
    /// Set once `PyInit` has succeeded.
    initialized: AtomicBool,
}

// SAFETY: CPython writes the `PyModuleDef` (its base object and index) only while
// creating a module, with the GIL held; the other fields are atomics or immutable.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    /// A module definition. `name` and `doc` end with a NUL byte (checked at compile time).
    pub const fn new(
        name: &'static str,
        doc: &'static str,
        initializer: ModuleInitializer,
    ) -> Self {
        let c_name = const_cstr(name);
        let c_doc = const_cstr(doc);
        let bytes = name.as_bytes();
        let (short, _) = bytes.split_at(bytes.len() - 1);
        let name = match std::str::from_utf8(short) {
            Ok(name) => name,
            Err(_) => panic!("module name is not UTF-8"),
        };
        ModuleDef {
            ffi_def: UnsafeCell::new(ffi::PyModuleDef {
                m_base: ffi::PyModuleDef_HEAD_INIT,
                m_name: c_name.as_ptr(),
                m_doc: if c_doc.is_empty() {
                    std::ptr::null()
                } else {
                    c_doc.as_ptr()
                },
                // Non-negative: CPython calls `PyInit` again on re-import instead of
                // silently copying the first module's dict, so the check below can refuse.
                m_size: 0,
                m_methods: std::ptr::null_mut(),
                m_slots: std::ptr::null_mut(),
                m_traverse: None,
                m_clear: None,
                m_free: None,
            }),
            name,
            initializer,
            interpreter: AtomicI64::new(NO_INTERPRETER),
            initialized: AtomicBool::new(false),
        }
    }

    /// The body of `PyInit_<name>`: creates and fills the module, once per process.
    ///
    /// # Safety
    /// Called by the import machinery (or `append_to_inittab!`) with the GIL held.
    pub unsafe fn module_init(&'static self) -> *mut ffi::PyObject {
        // SAFETY: the caller holds the GIL.
        unsafe {
            trampoline::run(true, |py| {
                // The interpreter check first: in a subinterpreter, that is the problem.
                self.check_interpreter(py)?;
                if self.initialized.load(Ordering::Acquire) {
                    return Err(PyImportError::new_err(format!(
                        "module '{}' is already initialized: modules built with pyo3-core \
                         can be initialized only once per process (reloading and \
                         re-importing after removal from sys.modules are not supported)",
                        self.name
                    )));
                }
                let module = self.make_module(py)?;
                self.initialized.store(true, Ordering::Release);
                Ok(module.into_any())
            })
        }
    }

    /// Creates and fills a new module object (the body of `wrap_pymodule!`).
    pub fn make_module(&'static self, py: Python<'_>) -> PyResult<Py<PyModule>> {
        self.check_interpreter(py)?;
        // SAFETY: the definition is static and fully initialised; the GIL is held.
        let module: Py<PyModule> =
            unsafe { Py::from_owned_ptr_or_err(py, ffi::PyModule_Create(self.ffi_def.get()))? };
        (self.initializer)(py, module.as_ref(py))?;
        Ok(module)
    }

    /// Refuses a second interpreter: the module's statics (function definitions, interned
    /// strings, type objects) belong to the first.
    fn check_interpreter(&self, py: Python<'_>) -> PyResult<()> {
        let Some(current) = interpreter_id(py)? else {
            return Ok(());
        };
        match self.interpreter.compare_exchange(
            NO_INTERPRETER,
            current,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => Ok(()),
            Err(first) if first == current => Ok(()),
            Err(_) => Err(PyImportError::new_err(format!(
                "module '{}' cannot be loaded in this interpreter: it was first initialized \
                 in another one, and modules built with pyo3-core do not support \
                 subinterpreters",
                self.name
            ))),
        }
    }
}

/// The current interpreter's ID, or `None` where the C API has no such notion (PyPy).
fn interpreter_id(py: Python<'_>) -> PyResult<Option<i64>> {
    #[cfg(not(PyPy))]
    {
        // SAFETY: the GIL is held, so there is a current interpreter.
        let id = unsafe { ffi::PyInterpreterState_GetID(ffi::PyInterpreterState_Get()) };
        if id == -1 {
            return Err(PyErr::fetch(py));
        }
        Ok(Some(id))
    }
    #[cfg(PyPy)]
    {
        let _ = py;
        Ok(None)
    }
}

/// Registers a module's `PyInit` function as a built-in module of an embedded interpreter
/// (`append_to_inittab!`). Panics if the interpreter is already running.
pub fn append_to_inittab(name: &'static str, init: unsafe extern "C" fn() -> *mut ffi::PyObject) {
    let name = const_cstr(name);
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } != 0 {
        panic!(
            "`append_to_inittab!` was called after the Python interpreter started; call it \
             before the first `Python::with_gil`"
        );
    }
    // SAFETY: the interpreter is not running; `name` is static and NUL-terminated.
    let rc = unsafe { ffi::PyImport_AppendInittab(name.as_ptr(), Some(init)) };
    assert!(rc == 0, "PyImport_AppendInittab failed (out of memory)");
}
