//! `PyModule`: a Python module object.

use std::ffi::CString;

use crate::conversion::{IntoPy, ToPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::types::{PyAny, PyDict, PyList, PyString};

/// A Python module.
#[repr(transparent)]
pub struct PyModule(PyAny);

crate::pyobject_native_type!(
    PyModule,
    ffi::PyModule_Type,
    "module",
    check = ffi::PyModule_Check
);

impl PyModule {
    /// A new, empty module named `name` (not registered in `sys.modules`).
    pub fn new<'py>(py: Python<'py>, name: &str) -> PyResult<&'py PyModule> {
        let name = CString::new(name)?;
        // SAFETY: `name` is NUL-terminated; the result is a new reference or null.
        unsafe { py.from_owned_ptr_or_err(ffi::PyModule_New(name.as_ptr())) }
    }

    /// `import name`.
    pub fn import<N>(py: Python<'_>, name: N) -> PyResult<&PyModule>
    where
        N: IntoPy<Py<PyString>>,
    {
        let name = name.into_py(py);
        // SAFETY: `name` is a str; the result is a new reference or null.
        unsafe { py.from_owned_ptr_or_err(ffi::PyImport_Import(name.as_ptr())) }
    }

    /// Runs `code` as the body of a new module named `module_name`, registered in
    /// `sys.modules`, with `file_name` in its tracebacks.
    pub fn from_code<'py>(
        py: Python<'py>,
        code: &str,
        file_name: &str,
        module_name: &str,
    ) -> PyResult<&'py PyModule> {
        let code = CString::new(code)?;
        let file_name = CString::new(file_name)?;
        let module_name = CString::new(module_name)?;
        // SAFETY: all strings are NUL-terminated; results are new references or null.
        unsafe {
            let compiled =
                ffi::Py_CompileString(code.as_ptr(), file_name.as_ptr(), ffi::Py_file_input);
            let compiled: &PyAny = py.from_owned_ptr_or_err(compiled)?;
            let module = ffi::PyImport_ExecCodeModuleEx(
                module_name.as_ptr(),
                compiled.as_ptr(),
                file_name.as_ptr(),
            );
            py.from_owned_ptr_or_err(module)
        }
    }

    /// The module's `__dict__`.
    pub fn dict(&self) -> &PyDict {
        // SAFETY: `self` is a module; GetDict returns a borrowed reference that lives as
        // long as the module.
        unsafe {
            self.py()
                .from_borrowed_ptr(ffi::PyModule_GetDict(self.as_ptr()))
        }
    }

    /// The module's `__all__`, created empty if missing.
    pub fn index(&self) -> PyResult<&PyList> {
        let py = self.py();
        let all = crate::intern!(py, "__all__");
        match self.getattr(all) {
            Ok(idx) => idx.downcast().map_err(PyErr::from),
            Err(err) if err.is_instance_of::<crate::exceptions::PyAttributeError>(py) => {
                let list = PyList::empty(py);
                self.setattr(all, list)?;
                Ok(list)
            }
            Err(err) => Err(err),
        }
    }

    /// The module's `__name__`.
    pub fn name(&self) -> PyResult<&str> {
        self.getattr(crate::intern!(self.py(), "__name__"))?
            .extract()
    }

    /// The module's `__file__`.
    pub fn filename(&self) -> PyResult<&str> {
        self.getattr(crate::intern!(self.py(), "__file__"))?
            .extract()
    }

    /// Adds an attribute and lists it in `__all__`.
    pub fn add<V: IntoPy<crate::PyObject>>(&self, name: &str, value: V) -> PyResult<()> {
        let py = self.py();
        self.index()?.append(name)?;
        self.setattr(name, value.into_py(py))
    }

    /// Adds a submodule under its short name.
    ///
    /// A fresh submodule (one not in `sys.modules` under its own name, such as those made
    /// by `wrap_pymodule!` or `PyModule::new`) also becomes importable: it is renamed
    /// `<this module>.<short name>`, registered in `sys.modules` under that name so that
    /// `import pkg.sub` and `from pkg.sub import x` work, and the `__module__` of what it
    /// defines follows the new name (as do its own submodules, recursively).
    pub fn add_submodule(&self, module: &PyModule) -> PyResult<()> {
        let py = self.py();
        let name = module.name()?.to_owned();
        let short = name.rsplit('.').next().unwrap_or(&name).to_owned();
        self.add(&short, module)?;

        let modules = sys_modules(py);
        let imported = modules
            .get_item(&name)?
            .is_some_and(|existing| existing.is(module));
        if imported {
            return Ok(());
        }
        let qualified = format!("{}.{}", self.name()?, short);
        rename_module_tree(module, &name, &qualified, modules)
    }

    /// Adds a function (or any object with a `__name__`) under its own name.
    pub fn add_function(&self, fun: &PyAny) -> PyResult<()> {
        let name: &str = fun
            .getattr(crate::intern!(self.py(), "__name__"))?
            .extract()?;
        self.add(name, fun)
    }

    /// Adds what a wrapper closure makes: `m.add_wrapped(wrap_pyfunction!(f))` adds a
    /// function under its name, `m.add_wrapped(wrap_pymodule!(sub))` a submodule (see
    /// [`PyModule::add_submodule`]).
    pub fn add_wrapped<'a, T>(&'a self, wrapper: &impl Fn(Python<'a>) -> T) -> PyResult<()>
    where
        T: crate::impl_::callback::CallbackOutput,
    {
        let py = self.py();
        let object = wrapper(py).convert(py)?.into_ref(py);
        match object.downcast::<PyModule>() {
            Ok(module) => self.add_submodule(module),
            Err(_) => self.add_function(object),
        }
    }

    /// Adds a `#[pyclass]` under its Python name, creating its type object on first use.
    pub fn add_class<T: crate::pyclass::PyClass>(&self) -> PyResult<()> {
        let py = self.py();
        let ty = T::lazy_type_object().get_or_try_init(py)?;
        self.add(<T as crate::type_object::PyTypeInfo>::NAME, ty)
    }

    /// Adds an item by its object, named after its `__name__`.
    pub fn add_object<T: ToPyObject>(&self, name: &str, value: T) -> PyResult<()> {
        self.add(name, value.to_object(self.py()))
    }
}

/// `sys.modules`.
fn sys_modules(py: Python<'_>) -> &PyDict {
    // SAFETY: the GIL is held; the result is a borrowed reference to the interpreter's
    // module dict, which lives as long as the interpreter.
    unsafe { py.from_borrowed_ptr(ffi::PyImport_GetModuleDict()) }
}

/// Renames a fresh module from `old` to `new`: its `__name__`, its `sys.modules` entry,
/// the `__module__` of the functions and classes it defines, and its own fresh
/// submodules (`old.x` becomes `new.x`).
fn rename_module_tree(module: &PyModule, old: &str, new: &str, modules: &PyDict) -> PyResult<()> {
    let py = module.py();
    let dunder_module = crate::intern!(py, "__module__");
    module.setattr(crate::intern!(py, "__name__"), new)?;
    if modules
        .get_item(old)?
        .is_some_and(|existing| existing.is(module))
    {
        modules.del_item(old)?;
    }
    modules.set_item(new, module)?;
    for (key, value) in module.dict().iter() {
        let Ok(key) = key.extract::<&str>() else {
            continue;
        };
        if let Ok(submodule) = value.downcast::<PyModule>() {
            let old_child = format!("{old}.{key}");
            if submodule.name().is_ok_and(|n| n == old_child) {
                rename_module_tree(submodule, &old_child, &format!("{new}.{key}"), modules)?;
            }
            continue;
        }
        let defined_here = value
            .getattr(dunder_module)
            .ok()
            .and_then(|m| m.extract::<&str>().ok())
            == Some(old);
        if defined_here {
            // Best effort: objects whose `__module__` is read-only keep the old name.
            let _ = value.setattr(dunder_module, new);
        }
    }
    Ok(())
}
