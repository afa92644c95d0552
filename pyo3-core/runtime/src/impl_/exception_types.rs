//! Creation of the type objects behind `create_exception!` and `import_exception!`.

use std::ffi::CString;

use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::types::PyType;

/// Creates a new exception class `qualified_name` (`"module.Name"`) deriving from `base`.
/// Panics if Python refuses, which only happens for malformed names.
pub fn new_exception_type(
    py: Python<'_>,
    qualified_name: &str,
    doc: &str,
    base: &PyType,
) -> Py<PyType> {
    let name = CString::new(qualified_name).expect("exception name contains a NUL byte");
    let doc = CString::new(doc).expect("exception doc contains a NUL byte");
    let doc_ptr = if doc.as_bytes().is_empty() {
        std::ptr::null()
    } else {
        doc.as_ptr()
    };
    // SAFETY: the strings are NUL-terminated, `base` is a type; the result is a new
    // reference or null with an error set.
    unsafe {
        let ptr = ffi::PyErr_NewExceptionWithDoc(
            name.as_ptr(),
            doc_ptr,
            base.as_ptr(),
            std::ptr::null_mut(),
        );
        Py::from_owned_ptr_or_err(py, ptr).expect("failed to create an exception type")
    }
}

/// Imports `module.name`, which must be an exception class. Panics with the import error
/// otherwise, as there is no way to go on without the type.
pub fn import_exception_type(py: Python<'_>, module: &str, name: &str) -> Py<PyType> {
    let imported = py
        .import(module)
        .and_then(|m| m.getattr(name))
        .and_then(|t| t.downcast::<PyType>().map_err(Into::into));
    match imported {
        Ok(ty) => ty.into(),
        Err(err) => {
            let traceback = err
                .traceback(py)
                .and_then(|tb| tb.format().ok())
                .unwrap_or_default();
            panic!("cannot import exception {module}.{name}: {err}\n{traceback}");
        }
    }
}
