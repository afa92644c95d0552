//! `Py<T>`: an owned, GIL-independent reference to a Python object.

use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::conversion::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil;
use crate::python::Python;
use crate::type_object::{PyNativeType, PyTypeInfo};
use crate::types::{PyAny, PyDict, PyString, PyTuple};

/// An owned reference to a Python object of type `T`, valid without the GIL.
///
/// Store it in structs, send it to other threads, keep it across `with_gil` calls. Use
/// [`Py::as_ref`] (or [`Py::into_ref`]) to get a GIL-bound `&'py T` for working with the
/// object. Dropping a `Py<T>` without the GIL is safe: the decrement is queued and applied
/// the next time a thread takes the GIL.
#[repr(transparent)]
pub struct Py<T>(NonNull<ffi::PyObject>, PhantomData<T>);

/// An owned reference to any Python object.
pub type PyObject = Py<PyAny>;

// SAFETY: a `Py<T>` touches the object only through methods that require a `Python` token
// (or via `Drop`, which defers the decrement when the GIL is not held).
unsafe impl<T> Send for Py<T> {}
// SAFETY: as above; shared access does nothing without a token.
unsafe impl<T> Sync for Py<T> {}

impl<T> Py<T> {
    /// The raw pointer; the reference count is not changed.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }

    /// Gives up ownership and returns the raw pointer (one reference owned by the caller).
    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.0.as_ptr();
        std::mem::forget(self);
        ptr
    }

    /// A new owned reference to the same object.
    #[inline]
    pub fn clone_ref(&self, _py: Python<'_>) -> Py<T> {
        // SAFETY: the GIL is held (token) and the object is alive (we own a reference).
        unsafe { ffi::Py_IncRef(self.0.as_ptr()) };
        Py(self.0, PhantomData)
    }

    /// Forgets the static type.
    #[inline]
    pub fn into_any(self) -> PyObject {
        // SAFETY: every object is a `PyAny`; ownership moves over unchanged.
        unsafe { Py::from_non_null(NonNull::new_unchecked(self.into_ptr())) }
    }

    /// Whether this is the same object as `other` (Python's `is`).
    #[inline]
    pub fn is<U: crate::AsPyPointer>(&self, other: &U) -> bool {
        self.as_ptr() == other.as_ptr()
    }

    /// Whether the object is `None`.
    #[inline]
    pub fn is_none(&self, _py: Python<'_>) -> bool {
        // SAFETY: reading a static's address.
        self.as_ptr() == unsafe { ffi::Py_None() }
    }

    /// Wraps an owned, non-null pointer.
    ///
    /// # Safety
    /// `ptr` must be an owned reference to an object of type `T`.
    #[inline]
    pub(crate) unsafe fn from_non_null(ptr: NonNull<ffi::PyObject>) -> Self {
        Py(ptr, PhantomData)
    }

    /// Wraps an owned pointer; panics with the pending Python error if it is null.
    ///
    /// # Safety
    /// `ptr` must be an owned reference to an object of type `T`, or null.
    #[track_caller]
    #[inline]
    pub unsafe fn from_owned_ptr(py: Python<'_>, ptr: *mut ffi::PyObject) -> Py<T> {
        match NonNull::new(ptr) {
            Some(nn) => Py(nn, PhantomData),
            None => crate::err::panic_after_error(py),
        }
    }

    /// Wraps an owned pointer, or fetches the pending error if it is null.
    ///
    /// # Safety
    /// `ptr` must be an owned reference to an object of type `T`, or null.
    #[inline]
    pub unsafe fn from_owned_ptr_or_err(
        py: Python<'_>,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<Py<T>> {
        NonNull::new(ptr)
            .map(|nn| Py(nn, PhantomData))
            .ok_or_else(|| PyErr::fetch(py))
    }

    /// Wraps an owned pointer, or `None` if it is null.
    ///
    /// # Safety
    /// `ptr` must be an owned reference to an object of type `T`, or null.
    #[inline]
    pub unsafe fn from_owned_ptr_or_opt(_py: Python<'_>, ptr: *mut ffi::PyObject) -> Option<Py<T>> {
        NonNull::new(ptr).map(|nn| Py(nn, PhantomData))
    }

    /// Takes a new reference to a borrowed pointer; panics with the pending error on null.
    ///
    /// # Safety
    /// `ptr` must point to a live object of type `T`, or be null.
    #[track_caller]
    #[inline]
    pub unsafe fn from_borrowed_ptr(py: Python<'_>, ptr: *mut ffi::PyObject) -> Py<T> {
        // SAFETY: forwarded from the caller.
        match unsafe { Self::from_borrowed_ptr_or_opt(py, ptr) } {
            Some(obj) => obj,
            None => crate::err::panic_after_error(py),
        }
    }

    /// Takes a new reference to a borrowed pointer, or fetches the pending error on null.
    ///
    /// # Safety
    /// `ptr` must point to a live object of type `T`, or be null.
    #[inline]
    pub unsafe fn from_borrowed_ptr_or_err(
        py: Python<'_>,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<Py<T>> {
        // SAFETY: forwarded from the caller.
        unsafe { Self::from_borrowed_ptr_or_opt(py, ptr) }.ok_or_else(|| PyErr::fetch(py))
    }

    /// Takes a new reference to a borrowed pointer, or `None` on null.
    ///
    /// # Safety
    /// `ptr` must point to a live object of type `T`, or be null.
    #[inline]
    pub unsafe fn from_borrowed_ptr_or_opt(
        _py: Python<'_>,
        ptr: *mut ffi::PyObject,
    ) -> Option<Py<T>> {
        let nn = NonNull::new(ptr)?;
        // SAFETY: the object is alive (and not null) and the GIL is held (token). The
        // inline form: this is on the path of every `None` returned to Python.
        unsafe { ffi::Py_INCREF(ptr) };
        Some(Py(nn, PhantomData))
    }

    /// A GIL-bound view as `&PyAny`, valid while `self` is.
    #[inline]
    pub fn as_any<'py>(&'py self, _py: Python<'py>) -> &'py PyAny {
        // SAFETY: we own a reference for at least as long as the borrow of `self`.
        unsafe { &*(self.as_ptr() as *const PyAny) }
    }

    /// Gets an attribute, like Python's `self.name`.
    pub fn getattr<N>(&self, py: Python<'_>, attr_name: N) -> PyResult<PyObject>
    where
        N: IntoPy<Py<PyString>>,
    {
        let name = attr_name.into_py(py);
        // SAFETY: both pointers are valid; the result is a new reference or null.
        unsafe {
            PyObject::from_owned_ptr_or_err(py, ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr()))
        }
    }

    /// Sets an attribute, like Python's `self.name = value`.
    pub fn setattr<N, V>(&self, py: Python<'_>, attr_name: N, value: V) -> PyResult<()>
    where
        N: IntoPy<Py<PyString>>,
        V: IntoPy<PyObject>,
    {
        self.as_any(py).setattr(attr_name, value.into_py(py))
    }

    /// Calls the object with positional and optional keyword arguments.
    ///
    /// The result goes straight into the returned `Py`, never through the pool.
    pub fn call<A>(&self, py: Python<'_>, args: A, kwargs: Option<&PyDict>) -> PyResult<PyObject>
    where
        A: IntoPy<Py<PyTuple>>,
    {
        let args = args.into_py(py);
        let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
        // SAFETY: all pointers are valid objects (kwargs may be null); the result is a new
        // reference or null with an error set.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                ffi::PyObject_Call(self.as_ptr(), args.as_ptr(), kwargs),
            )
        }
    }

    /// Calls the object with positional arguments.
    pub fn call1<A>(&self, py: Python<'_>, args: A) -> PyResult<PyObject>
    where
        A: IntoPy<Py<PyTuple>>,
    {
        self.call(py, args, None)
    }

    /// Calls the object without arguments.
    pub fn call0(&self, py: Python<'_>) -> PyResult<PyObject> {
        // SAFETY: `self` is a valid object; the result is a new reference or null.
        unsafe {
            PyObject::from_owned_ptr_or_err(py, ffi::compat::PyObject_CallNoArgs(self.as_ptr()))
        }
    }

    /// Calls a method with positional and optional keyword arguments.
    pub fn call_method<N, A>(
        &self,
        py: Python<'_>,
        name: N,
        args: A,
        kwargs: Option<&PyDict>,
    ) -> PyResult<PyObject>
    where
        N: IntoPy<Py<PyString>>,
        A: IntoPy<Py<PyTuple>>,
    {
        self.getattr(py, name)?.call(py, args, kwargs)
    }

    /// Calls a method with positional arguments.
    pub fn call_method1<N, A>(&self, py: Python<'_>, name: N, args: A) -> PyResult<PyObject>
    where
        N: IntoPy<Py<PyString>>,
        A: IntoPy<Py<PyTuple>>,
    {
        self.call_method(py, name, args, None)
    }

    /// Calls a method without arguments.
    pub fn call_method0<N>(&self, py: Python<'_>, name: N) -> PyResult<PyObject>
    where
        N: IntoPy<Py<PyString>>,
    {
        let name = name.into_py(py);
        // SAFETY: both pointers are valid objects; the result is a new reference or null.
        unsafe {
            PyObject::from_owned_ptr_or_err(
                py,
                ffi::compat::PyObject_CallMethodNoArgs(self.as_ptr(), name.as_ptr()),
            )
        }
    }

    /// Extracts a Rust value from the object.
    pub fn extract<'p, D>(&'p self, py: Python<'p>) -> PyResult<D>
    where
        D: FromPyObject<'p>,
    {
        self.as_any(py).extract()
    }

    /// Whether the object has the attribute, like Python's `hasattr`.
    pub fn hasattr<N>(&self, py: Python<'_>, attr_name: N) -> PyResult<bool>
    where
        N: IntoPy<Py<PyString>>,
    {
        self.as_any(py).hasattr(attr_name)
    }

    /// The reference count.
    pub fn get_refcnt(&self, py: Python<'_>) -> isize {
        self.as_any(py).get_refcnt()
    }

    /// Whether the object is `Ellipsis`.
    pub fn is_ellipsis(&self) -> bool {
        // SAFETY: reading a static's address.
        self.as_ptr() == unsafe { ffi::Py_Ellipsis() }
    }

    /// The truth value, like Python's `bool(obj)`.
    pub fn is_true(&self, py: Python<'_>) -> PyResult<bool> {
        self.as_any(py).is_true()
    }
}

impl<T: PyTypeInfo> Py<T> {
    /// A GIL-bound reference to the object, valid while `self` is borrowed.
    #[inline]
    pub fn as_ref<'py>(&'py self, _py: Python<'py>) -> &'py T::AsRefTarget {
        // SAFETY: `self` owns a reference to an object of type `T` for the whole borrow.
        unsafe { <T::AsRefTarget as PyNativeType>::unchecked_downcast(self.as_ptr()) }
    }

    /// Moves the reference into the pool and returns it as `&'py T`.
    #[inline]
    pub fn into_ref(self, py: Python<'_>) -> &'_ T::AsRefTarget {
        // SAFETY: we hand our owned reference to the pool, which keeps it for `'py`.
        unsafe {
            let any = gil::register_owned(py, NonNull::new_unchecked(self.into_ptr()));
            <T::AsRefTarget as PyNativeType>::unchecked_downcast(any.as_ptr())
        }
    }
}

impl<T> Drop for Py<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference and give it up.
        unsafe { gil::register_decref(self.0) };
    }
}

impl<T> Clone for Py<T> {
    /// Clones the reference; the GIL must be held (panics otherwise). Prefer
    /// [`Py::clone_ref`].
    fn clone(&self) -> Self {
        assert!(
            gil::gil_is_held(),
            "cannot clone a `Py<T>` without holding the GIL; use `clone_ref(py)`"
        );
        // SAFETY: the GIL is held and the object is alive.
        unsafe { ffi::Py_IncRef(self.0.as_ptr()) };
        Py(self.0, PhantomData)
    }
}

impl<T> std::fmt::Debug for Py<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Py").field(&self.0.as_ptr()).finish()
    }
}

impl<T> std::fmt::Display for Py<T> {
    /// Formats with Python's `str()`; needs the GIL (takes it if not held).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Python::with_gil(|py| std::fmt::Display::fmt(self.as_any(py), f))
    }
}

impl<'a, T: PyNativeType + crate::AsPyPointer> From<&'a T> for PyObject {
    #[inline]
    fn from(obj: &'a T) -> Self {
        // SAFETY: `obj` is alive; we take a new reference.
        unsafe {
            ffi::Py_IncRef(obj.as_ptr());
            Py::from_non_null(NonNull::new_unchecked(obj.as_ptr()))
        }
    }
}

impl<T> PartialEq for Py<T> {
    /// Identity comparison (Python's `is`).
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
