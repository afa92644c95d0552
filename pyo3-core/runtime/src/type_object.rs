//! Traits that tie a Rust type to its Python type object.

use crate::ffi;
use crate::python::Python;
use crate::types::{PyAny, PyType};

/// A Rust type that stands for a Python type: native types (`PyList`, `PyValueError`, ...)
/// and `#[pyclass]` types.
///
/// # Safety
/// `type_object_raw` must return a valid type object whose instances have the memory
/// layout that `Self` (or `AsRefTarget`) assumes.
pub unsafe trait PyTypeInfo: Sized {
    /// The Python name of the type.
    const NAME: &'static str;
    /// The module the type lives in, if any.
    const MODULE: Option<&'static str>;
    /// The type handed out for GIL-bound references to instances: `Self` for native types,
    /// `PyCell<Self>` for `#[pyclass]` types.
    type AsRefTarget: PyNativeType;

    /// The type object, as a raw (borrowed) pointer.
    fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject;

    /// The type object.
    #[inline]
    fn type_object(py: Python<'_>) -> &PyType {
        // SAFETY: type objects live as long as the interpreter.
        unsafe { py.from_borrowed_ptr(Self::type_object_raw(py) as *mut ffi::PyObject) }
    }

    /// Whether `object` is an instance of this type or of a subclass.
    #[inline]
    fn is_type_of(object: &PyAny) -> bool {
        // SAFETY: both pointers are valid objects.
        unsafe { ffi::PyObject_TypeCheck(object.as_ptr(), Self::type_object_raw(object.py())) != 0 }
    }

    /// Whether `object` is an instance of exactly this type.
    #[inline]
    fn is_exact_type_of(object: &PyAny) -> bool {
        // SAFETY: `object` is a valid object.
        unsafe { ffi::Py_TYPE(object.as_ptr()) == Self::type_object_raw(object.py()) }
    }
}

/// A type that `PyAny::downcast` can check for: every native type, `PyCell<T>` of a
/// `#[pyclass]`, and the abstract protocols (`PySequence`, `PyMapping`) that have no
/// single type object.
pub trait PyTypeCheck {
    /// The name used in downcast error messages.
    const NAME: &'static str;
    /// Whether `object` passes the check.
    fn type_check(object: &PyAny) -> bool;
}

/// A Rust type that is a view of a Python object header (`#[repr(transparent)]` over
/// `PyAny`, or `PyCell<T>`), so that `&Self` can be made from an object pointer.
///
/// # Safety
/// `Self` must have the layout of a Python object of the type it stands for, and must be
/// `!Send`/`!Sync` so references cannot leave the GIL-holding thread.
pub unsafe trait PyNativeType: Sized {
    /// The token of the GIL that this reference is bound to.
    #[inline]
    fn py(&self) -> Python<'_> {
        // SAFETY: a `&Self` is only ever handed out while the GIL is held for its lifetime.
        unsafe { Python::assume_gil_acquired() }
    }

    /// Casts a pointer to a reference without any check.
    ///
    /// # Safety
    /// `ptr` must point to a live object of this type that outlives `'a`.
    #[inline]
    unsafe fn unchecked_downcast<'a>(ptr: *mut ffi::PyObject) -> &'a Self {
        // SAFETY: forwarded from the caller; the layouts match by the trait's contract.
        unsafe { &*(ptr as *const Self) }
    }
}
