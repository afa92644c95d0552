//! `PyCapsule`: a Rust value handed to Python (and to other extensions) as an opaque
//! object, dropped when Python frees it.

use std::ffi::{CStr, CString};
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::err::{PyErr, PyResult};
use crate::exceptions::PanicException;
use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// Python's `PyCapsule`: wraps a pointer, here to a Rust value, under an optional name.
///
/// Capsules are how C extensions share C-level APIs: one module stores a table of
/// function pointers in a capsule named `"package.module.attribute"`, and another gets it
/// back with [`PyCapsule::import`].
///
/// ```
/// use std::ffi::CString;
/// use pyo3::prelude::*;
/// use pyo3::types::PyCapsule;
///
/// Python::with_gil(|py| {
///     let name = CString::new("builtins.answer").unwrap();
///     let capsule = PyCapsule::new(py, 42u32, Some(name)).unwrap();
///     // SAFETY: the capsule was just made from a `u32`.
///     assert_eq!(unsafe { *capsule.reference::<u32>() }, 42);
/// });
/// ```
#[repr(transparent)]
pub struct PyCapsule(PyAny);

crate::pyobject_native_type!(
    PyCapsule,
    ffi::PyCapsule_Type,
    "PyCapsule",
    check = ffi::PyCapsule_CheckExact
);

/// What the capsule's pointer points at. `value` comes first (and the layout is C's), so
/// the capsule pointer is also a pointer to the value.
#[repr(C)]
struct CapsuleContents<T, D> {
    value: T,
    destructor: D,
    // The capsule's name points into this string, so it lives exactly as long.
    name: Option<CString>,
}

impl PyCapsule {
    /// A capsule owning `value`, which is dropped when Python frees the capsule (on
    /// whichever thread does that, hence `Send`).
    ///
    /// The `name` must be `"module.attribute"` if the capsule is meant for
    /// [`PyCapsule::import`].
    pub fn new<T: 'static + Send>(
        py: Python<'_>,
        value: T,
        name: Option<CString>,
    ) -> PyResult<&PyCapsule> {
        Self::new_with_destructor(py, value, name, |_, _| {})
    }

    /// A capsule owning `value`; when Python frees the capsule, `destructor` receives the
    /// value and the capsule's context pointer (see [`PyCapsule::set_context`]).
    ///
    /// A panic in `destructor` is caught and reported through `sys.unraisablehook`.
    pub fn new_with_destructor<T: 'static + Send, F: FnOnce(T, *mut c_void) + Send>(
        py: Python<'_>,
        value: T,
        name: Option<CString>,
        destructor: F,
    ) -> PyResult<&PyCapsule> {
        // The string's buffer stays put when the `CString` moves into the box.
        let name_ptr = name.as_ref().map_or(std::ptr::null(), |n| n.as_ptr());
        let contents = Box::into_raw(Box::new(CapsuleContents {
            value,
            destructor,
            name,
        }));
        // SAFETY: `contents` is a valid, non-null pointer that the capsule now owns, to be
        // released by `capsule_destructor` with the matching type parameters.
        let capsule = unsafe {
            ffi::PyCapsule_New(
                contents as *mut c_void,
                name_ptr,
                Some(capsule_destructor::<T, F>),
            )
        };
        if capsule.is_null() {
            // SAFETY: the capsule was not created, so the box is still ours.
            drop(unsafe { Box::from_raw(contents) });
            return Err(PyErr::fetch(py));
        }
        // SAFETY: `capsule` is a new reference to a capsule.
        Ok(unsafe { py.from_owned_ptr(capsule) })
    }

    /// Gets the pointer stored in the capsule at `name` (`"module.attribute"`), importing
    /// the module. Fails with `AttributeError` if the object there is not a capsule of that
    /// name.
    ///
    /// # Safety
    /// The capsule must hold a `T`, which must stay alive (the capsule must not be freed)
    /// for `'py`.
    pub unsafe fn import<'py, T>(py: Python<'py>, name: &CStr) -> PyResult<&'py T> {
        // SAFETY: `name` is NUL-terminated; the result is the pointer or null with an error.
        let ptr = unsafe { ffi::PyCapsule_Import(name.as_ptr(), 0 as c_int) };
        if ptr.is_null() {
            Err(PyErr::fetch(py))
        } else {
            // SAFETY: forwarded from the caller.
            Ok(unsafe { &*(ptr as *const T) })
        }
    }

    /// Sets the context pointer, passed to the destructor (see
    /// [`PyCapsule::new_with_destructor`]).
    // The pointer is only stored, never dereferenced here.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn set_context(&self, context: *mut c_void) -> PyResult<()> {
        // SAFETY: `self` is a capsule; any pointer may be stored.
        let rc = unsafe { ffi::PyCapsule_SetContext(self.as_ptr(), context) };
        crate::err::error_on_minus_one(self.py(), rc)
    }

    /// The context pointer (null if never set).
    pub fn context(&self) -> PyResult<*mut c_void> {
        // SAFETY: `self` is a capsule.
        let ctx = unsafe { ffi::PyCapsule_GetContext(self.as_ptr()) };
        if ctx.is_null() && PyErr::occurred(self.py()) {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(ctx)
        }
    }

    /// The value, borrowed.
    ///
    /// # Safety
    /// The capsule must hold a `T` (for capsules made by this crate: the `T` it was
    /// created with).
    pub unsafe fn reference<T>(&self) -> &T {
        // SAFETY: forwarded from the caller; the capsule keeps the value alive for as long
        // as `self` is borrowed.
        unsafe { &*(self.pointer() as *const T) }
    }

    /// The stored pointer (for capsules made by this crate, a pointer to the value).
    pub fn pointer(&self) -> *mut c_void {
        // SAFETY: `self` is a capsule; asking with its own name cannot mismatch.
        unsafe {
            let ptr = ffi::PyCapsule_GetPointer(self.as_ptr(), self.name_ptr());
            if ptr.is_null() {
                ffi::PyErr_Clear();
            }
            ptr
        }
    }

    /// Whether the capsule is valid (holds a non-null pointer), as `PyCapsule_IsValid`
    /// checks it against its own name.
    pub fn is_valid(&self) -> bool {
        // SAFETY: `self` is a valid object; IsValid never raises.
        unsafe { ffi::PyCapsule_IsValid(self.as_ptr(), self.name_ptr()) != 0 }
    }

    /// The capsule's name, if it has one.
    pub fn name(&self) -> PyResult<Option<&CStr>> {
        // SAFETY: `self` is a capsule.
        let name = unsafe { ffi::PyCapsule_GetName(self.as_ptr()) };
        if name.is_null() {
            if PyErr::occurred(self.py()) {
                Err(PyErr::fetch(self.py()))
            } else {
                Ok(None)
            }
        } else {
            // SAFETY: the name is NUL-terminated and lives as long as the capsule.
            Ok(Some(unsafe { CStr::from_ptr(name) }))
        }
    }

    /// The raw name pointer, null on error (the error is cleared).
    fn name_ptr(&self) -> *const std::os::raw::c_char {
        // SAFETY: `self` is a capsule.
        unsafe {
            let name = ffi::PyCapsule_GetName(self.as_ptr());
            if name.is_null() {
                ffi::PyErr_Clear();
            }
            name
        }
    }
}

/// Frees the contents of a capsule made by [`PyCapsule::new_with_destructor`].
unsafe extern "C" fn capsule_destructor<T: 'static + Send, F: FnOnce(T, *mut c_void) + Send>(
    capsule: *mut ffi::PyObject,
) {
    // SAFETY: CPython calls this once, with the GIL held, while freeing the capsule; the
    // pointer was made by `Box::into_raw` with these type parameters, and asking with the
    // capsule's own name cannot mismatch.
    let (contents, context) = unsafe {
        let name = ffi::PyCapsule_GetName(capsule);
        let ptr = ffi::PyCapsule_GetPointer(capsule, name);
        let context = ffi::PyCapsule_GetContext(capsule);
        if ptr.is_null() {
            return;
        }
        (Box::from_raw(ptr as *mut CapsuleContents<T, F>), context)
    };
    let CapsuleContents {
        value, destructor, ..
    } = *contents;
    // No unwinding into CPython's deallocator.
    if let Err(payload) = catch_unwind(AssertUnwindSafe(move || destructor(value, context))) {
        // SAFETY: the GIL is held during deallocation.
        let py = unsafe { Python::assume_gil_acquired() };
        report_unraisable(py, PanicException::from_panic_payload(payload));
    }
}

/// Reports `err` through `sys.unraisablehook` without disturbing an exception that may be
/// in flight while the capsule is freed.
fn report_unraisable(py: Python<'_>, err: PyErr) {
    #[cfg(Py_3_12)]
    {
        // SAFETY: the GIL is held; we take the in-flight exception (maybe null) and give
        // it back after reporting.
        let saved = unsafe { ffi::PyErr_GetRaisedException() };
        err.write_unraisable(py, None);
        // SAFETY: `saved` is the reference taken above (or null, which clears nothing).
        unsafe { ffi::PyErr_SetRaisedException(saved) };
    }
    #[cfg(not(Py_3_12))]
    {
        let (mut ty, mut value, mut tb) = (
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        // SAFETY: the GIL is held; we take the in-flight exception and give it back.
        unsafe { ffi::PyErr_Fetch(&mut ty, &mut value, &mut tb) };
        err.write_unraisable(py, None);
        // SAFETY: the three references were taken just above (any may be null).
        unsafe { ffi::PyErr_Restore(ty, value, tb) };
    }
}
