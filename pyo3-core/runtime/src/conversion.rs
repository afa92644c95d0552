//! The conversion traits between Rust values and Python objects.

use std::ptr::NonNull;

use crate::err::{PyDowncastError, PyErr, PyResult};
use crate::ffi;
use crate::instance::{Py, PyObject};
use crate::python::Python;
use crate::type_object::{PyNativeType, PyTypeCheck, PyTypeInfo};
use crate::types::PyAny;

/// Access to the raw object pointer, borrowed.
pub trait AsPyPointer {
    /// The object pointer; the reference count is not changed.
    fn as_ptr(&self) -> *mut ffi::PyObject;
}

/// Conversion into a raw owned pointer.
pub trait IntoPyPointer {
    /// Gives up ownership of one reference and returns its pointer.
    fn into_ptr(self) -> *mut ffi::PyObject;
}

/// Conversion of a borrowed Rust value into a new Python object.
pub trait ToPyObject {
    /// Creates a Python object holding a copy of `self`.
    fn to_object(&self, py: Python<'_>) -> PyObject;

    /// `Some(v)` when `to_object` makes an `int` of value `v` that fits an `i64`: lets
    /// `PyBorrowedIter` give a spent `int` the new value instead of allocating one. The
    /// integer types of this crate implement it; the default says "not an int".
    #[doc(hidden)]
    #[inline(always)]
    fn int_value(&self) -> Option<i64> {
        None
    }
}

/// Conversion of an owned Rust value into a Python object (or into `Py<PyTuple>` for call
/// arguments).
pub trait IntoPy<T>: Sized {
    /// Performs the conversion.
    fn into_py(self, py: Python<'_>) -> T;

    /// True when the conversion parks nothing in the pool, so a call returning this type
    /// needs no pool scope. Implementations of this crate set it; user implementations
    /// keep the safe default.
    #[doc(hidden)]
    const GIL_INDEPENDENT: bool = false;
}

/// Extraction of a Rust value from a Python object.
///
/// `'source` is the lifetime of the input reference: a `&'source str` can borrow from the
/// Python string it was extracted from.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be extracted from a Python object",
    label = "`{Self}` does not implement `FromPyObject`",
    note = "use a type that implements `FromPyObject` (`i64`, `String`, `&PyAny`, \
            `&PyList`, `Vec<T>`, a `#[pyclass]` that is `Clone`, ...), or take `&PyAny` and \
            convert it yourself"
)]
pub trait FromPyObject<'source>: Sized {
    /// Extracts `Self` from `ob`, or returns the `TypeError`/`ValueError`/`OverflowError`
    /// that explains why it cannot.
    fn extract(ob: &'source PyAny) -> PyResult<Self>;

    /// True when `Self` holds no GIL-bound reference and no token, so a function whose
    /// parameters are all such types cannot create pooled references and needs no pool
    /// scope. Such an extraction must park nothing in the pool either (temporaries go
    /// through `TempRef` or `Py<T>`): it may run with no scope open. Implementations of
    /// this crate set it; user implementations keep the safe default.
    #[doc(hidden)]
    const GIL_INDEPENDENT: bool = false;

    /// Extracts from an item borrowed from a container (a list or tuple slot) without
    /// parking the item in the pool when `Self` cannot borrow from it.
    ///
    /// Every implementation takes its own strong reference to `item` before it runs
    /// anything that could release it (Python code may mutate the container), and parks
    /// that reference in the pool when the result borrows from the item.
    ///
    /// # Safety
    /// `item` must be a valid object when the call starts; it need not outlive the call.
    #[doc(hidden)]
    #[inline]
    unsafe fn extract_item(py: Python<'source>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // The result may borrow from the item, and extraction may run Python code that
        // removes the item from its container: keep a pooled strong reference.
        // SAFETY: `item` is valid; we take a new reference for the pool.
        let obj = unsafe {
            ffi::Py_IncRef(item.as_ptr());
            py.register_any(item)
        };
        Self::extract(obj)
    }

    /// A faster route for a whole `Vec<Self>` than item by item, taken before the generic
    /// sequence extraction (`u8` copies `bytes`/`bytearray` in one go); `None` when there
    /// is none for `ob`.
    #[doc(hidden)]
    #[inline]
    fn extract_vec_fast(_ob: &PyAny) -> Option<PyResult<Vec<Self>>> {
        None
    }
}

/// Implements the hidden items of [`FromPyObject`] for a type whose values hold no
/// GIL-bound data: items are extracted through a temporary strong reference that never
/// enters the pool.
#[doc(hidden)]
#[macro_export]
macro_rules! gil_independent_extract {
    () => {
        const GIL_INDEPENDENT: bool = true;

        #[inline]
        unsafe fn extract_item(
            _py: $crate::Python<'_>,
            item: ::core::ptr::NonNull<$crate::ffi::PyObject>,
        ) -> $crate::PyResult<Self> {
            // SAFETY: `item` is valid; the guard holds a strong reference while we extract,
            // and `Self` keeps nothing that borrows from it.
            let guard = unsafe { $crate::impl_::TempRef::from_borrowed(item) };
            <Self as $crate::FromPyObject<'_>>::extract(guard.as_any())
        }
    };
}

/// Conversion from a raw pointer into a GIL-bound reference of a native type.
///
/// # Safety
/// Implementors must have the layout of the Python objects they are created from.
pub unsafe trait FromPyPointer<'p>: Sized {
    /// From an owned pointer, or `None` on null.
    ///
    /// # Safety
    /// `ptr` must be a new reference to an object of this type, or null.
    unsafe fn from_owned_ptr_or_opt(py: Python<'p>, ptr: *mut ffi::PyObject) -> Option<&'p Self>;

    /// From a borrowed pointer, or `None` on null.
    ///
    /// # Safety
    /// `ptr` must point to an object of this type that lives for `'p`, or be null.
    unsafe fn from_borrowed_ptr_or_opt(py: Python<'p>, ptr: *mut ffi::PyObject)
        -> Option<&'p Self>;

    /// From an owned pointer; panics with the pending Python error on null.
    ///
    /// # Safety
    /// As for [`FromPyPointer::from_owned_ptr_or_opt`].
    #[track_caller]
    unsafe fn from_owned_ptr(py: Python<'p>, ptr: *mut ffi::PyObject) -> &'p Self {
        // SAFETY: forwarded from the caller.
        match unsafe { Self::from_owned_ptr_or_opt(py, ptr) } {
            Some(obj) => obj,
            None => crate::err::panic_after_error(py),
        }
    }

    /// From an owned pointer; fetches the pending error on null.
    ///
    /// # Safety
    /// As for [`FromPyPointer::from_owned_ptr_or_opt`].
    unsafe fn from_owned_ptr_or_err(py: Python<'p>, ptr: *mut ffi::PyObject) -> PyResult<&'p Self> {
        // SAFETY: forwarded from the caller.
        unsafe { Self::from_owned_ptr_or_opt(py, ptr) }.ok_or_else(|| PyErr::fetch(py))
    }

    /// From a borrowed pointer; panics with the pending Python error on null.
    ///
    /// # Safety
    /// As for [`FromPyPointer::from_borrowed_ptr_or_opt`].
    #[track_caller]
    unsafe fn from_borrowed_ptr(py: Python<'p>, ptr: *mut ffi::PyObject) -> &'p Self {
        // SAFETY: forwarded from the caller.
        match unsafe { Self::from_borrowed_ptr_or_opt(py, ptr) } {
            Some(obj) => obj,
            None => crate::err::panic_after_error(py),
        }
    }

    /// From a borrowed pointer; fetches the pending error on null.
    ///
    /// # Safety
    /// As for [`FromPyPointer::from_borrowed_ptr_or_opt`].
    unsafe fn from_borrowed_ptr_or_err(
        py: Python<'p>,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<&'p Self> {
        // SAFETY: forwarded from the caller.
        unsafe { Self::from_borrowed_ptr_or_opt(py, ptr) }.ok_or_else(|| PyErr::fetch(py))
    }
}

// SAFETY: native types are views of the object header (`PyNativeType` contract).
unsafe impl<'p, T: PyNativeType> FromPyPointer<'p> for T {
    #[inline]
    unsafe fn from_owned_ptr_or_opt(py: Python<'p>, ptr: *mut ffi::PyObject) -> Option<&'p Self> {
        let ptr = NonNull::new(ptr)?;
        // SAFETY: `ptr` is an owned reference, handed to the pool.
        let any = unsafe { py.register_any(ptr) };
        // SAFETY: the caller promises the object has type `T`.
        Some(unsafe { T::unchecked_downcast(any.as_ptr()) })
    }

    #[inline]
    unsafe fn from_borrowed_ptr_or_opt(
        _py: Python<'p>,
        ptr: *mut ffi::PyObject,
    ) -> Option<&'p Self> {
        let ptr = NonNull::new(ptr)?;
        // SAFETY: the caller promises the object has type `T` and lives for `'p`.
        Some(unsafe { T::unchecked_downcast(ptr.as_ptr()) })
    }
}

/// Checked conversion of a `&PyAny` into a more specific reference (PyO3 0.20 API).
pub trait PyTryFrom<'v>: Sized + PyNativeType {
    /// Casts if `value` is an instance of `Self` or a subclass.
    fn try_from<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>>;
    /// Casts if `value` is an instance of exactly `Self`.
    fn try_from_exact<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>>;
    /// Casts without a check.
    ///
    /// # Safety
    /// `value` must be an instance of `Self`.
    unsafe fn try_from_unchecked<V: Into<&'v PyAny>>(value: V) -> &'v Self;
}

impl<'v, T> PyTryFrom<'v> for T
where
    T: PyTypeInfo<AsRefTarget = T> + PyTypeCheck + PyNativeType,
{
    fn try_from<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>> {
        value.into().downcast::<T>()
    }

    fn try_from_exact<V: Into<&'v PyAny>>(value: V) -> Result<&'v Self, PyDowncastError<'v>> {
        value.into().downcast_exact::<T>()
    }

    unsafe fn try_from_unchecked<V: Into<&'v PyAny>>(value: V) -> &'v Self {
        // SAFETY: forwarded from the caller.
        unsafe { T::unchecked_downcast(value.into().as_ptr()) }
    }
}

/// The reverse of [`PyTryFrom`]: `any.try_into()` style casts.
pub trait PyTryInto<T>: Sized {
    /// Casts if `self` is an instance of `T` or a subclass.
    fn try_into(&self) -> Result<&T, PyDowncastError<'_>>;
}

impl<U: PyTypeCheck + PyNativeType> PyTryInto<U> for PyAny {
    fn try_into(&self) -> Result<&U, PyDowncastError<'_>> {
        self.downcast::<U>()
    }
}

// ----- Blanket conversions between references, `Py<T>` and `PyObject` -----

impl<T: ?Sized + ToPyObject> ToPyObject for &'_ T {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        <T as ToPyObject>::to_object(*self, py)
    }

    #[inline(always)]
    fn int_value(&self) -> Option<i64> {
        <T as ToPyObject>::int_value(*self)
    }
}

impl<T> ToPyObject for Py<T> {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> PyObject {
        self.clone_ref(py).into_any()
    }
}

impl<T> IntoPy<PyObject> for Py<T> {
    #[inline]
    fn into_py(self, _py: Python<'_>) -> PyObject {
        self.into_any()
    }
    const GIL_INDEPENDENT: bool = true;
}

impl<T> IntoPy<PyObject> for &'_ Py<T> {
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.clone_ref(py).into_any()
    }
    const GIL_INDEPENDENT: bool = true;
}

impl<T> AsPyPointer for Py<T> {
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        Py::as_ptr(self)
    }
}

impl<T> IntoPyPointer for Py<T> {
    #[inline]
    fn into_ptr(self) -> *mut ffi::PyObject {
        Py::into_ptr(self)
    }
}

impl<T: AsPyPointer> AsPyPointer for Option<T> {
    /// The pointer, or null for `None`.
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        self.as_ref().map_or(std::ptr::null_mut(), |t| t.as_ptr())
    }
}

impl<T: IntoPyPointer> IntoPyPointer for Option<T> {
    /// The pointer, or null for `None`.
    #[inline]
    fn into_ptr(self) -> *mut ffi::PyObject {
        self.map_or(std::ptr::null_mut(), |t| t.into_ptr())
    }
}

impl<T: PyNativeType + AsPyPointer> IntoPyPointer for &T {
    #[inline]
    fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.as_ptr();
        // SAFETY: `ptr` is a live object; we hand out a new reference.
        unsafe { ffi::Py_IncRef(ptr) };
        ptr
    }
}

impl<'py, T> FromPyObject<'py> for Py<T>
where
    T: PyTypeInfo,
    T::AsRefTarget: 'py,
    &'py T::AsRefTarget: FromPyObject<'py>,
{
    fn extract(ob: &'py PyAny) -> PyResult<Self> {
        let target: &'py T::AsRefTarget = ob.extract()?;
        let _ = target;
        // SAFETY: `ob` was checked to be a `T` just above; we take a new reference.
        Ok(unsafe { Py::from_borrowed_ptr(ob.py(), ob.as_ptr()) })
    }
    const GIL_INDEPENDENT: bool = true;

    /// Checks the type through a stack reference: a `Py<T>` holds its own reference, so
    /// the item never needs the pool (a function taking `Vec<PyObject>` may run without
    /// a pool scope).
    unsafe fn extract_item(py: Python<'py>, item: NonNull<ffi::PyObject>) -> PyResult<Self> {
        // SAFETY: `item` is valid at entry; the guard keeps it alive from here on.
        let guard = unsafe { crate::impl_::TempRef::from_borrowed(item) };
        // SAFETY: the `'py` view only serves the type check below and is gone before the
        // guard drops; the error of a failed check holds no reference to it.
        let ob: &'py PyAny = unsafe { &*(guard.as_any() as *const PyAny) };
        let _: &'py T::AsRefTarget = ob.extract()?;
        // SAFETY: checked to be a `T` just above; we take a new reference.
        Ok(unsafe { Py::from_borrowed_ptr(py, item.as_ptr()) })
    }
}
