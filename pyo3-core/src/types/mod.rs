//! Python's built-in types as GIL-bound Rust types, one file each.
//!
//! Each type is a `#[repr(transparent)]` wrapper over [`PyAny`], which is itself a wrapper
//! over the object header; code handles them as references (`&'py PyList`), so a reference
//! is the object pointer and a cast costs nothing.

mod any;
mod boolobject;
mod bytes;
mod dict;
pub mod function;
mod iterator;
pub(crate) mod list;
mod module;
pub(crate) mod string;
mod traceback;
pub(crate) mod tuple;
mod typeobject;

pub use any::PyAny;
pub use boolobject::PyBool;
pub use bytes::PyBytes;
pub use dict::{IntoPyDict, PyDict};
pub use function::PyCFunction;
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
pub use function::PyFunction;
pub use iterator::PyIterator;
pub use list::PyList;
pub use module::PyModule;
pub use string::PyString;
pub use traceback::PyTraceback;
pub use tuple::PyTuple;
pub use typeobject::PyType;

pub use crate::exceptions::PyBaseException;

/// Implements the traits every native type shares: `Deref` to `PyAny` (or to a given base),
/// `AsRef<PyAny>`, `AsPyPointer`, `PyNativeType`, `Display`/`Debug` through `str`/`repr`,
/// `ToPyObject`, `IntoPy<PyObject>` and `FromPyObject` for `&T`.
#[doc(hidden)]
#[macro_export]
macro_rules! pyobject_native_type_base {
    ($name:ty) => {
        $crate::pyobject_native_type_base!($name, deref = $crate::types::PyAny);
    };
    ($name:ty, deref = $base:ty) => {
        // SAFETY: the type is a transparent view of the object header and is `!Send`
        // (it contains an `UnsafeCell` over raw pointers).
        unsafe impl $crate::type_object::PyNativeType for $name {}

        impl ::std::ops::Deref for $name {
            type Target = $base;
            #[inline]
            fn deref(&self) -> &$base {
                // SAFETY: every native type is a transparent view of the object header.
                unsafe { &*(self as *const Self as *const $base) }
            }
        }

        impl ::std::convert::AsRef<$crate::types::PyAny> for $name {
            #[inline]
            fn as_ref(&self) -> &$crate::types::PyAny {
                // SAFETY: every native type is a transparent view of the object header.
                unsafe { &*(self as *const Self as *const $crate::types::PyAny) }
            }
        }

        impl $crate::AsPyPointer for $name {
            #[inline]
            fn as_ptr(&self) -> *mut $crate::ffi::PyObject {
                self as *const Self as *mut $crate::ffi::PyObject
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let any: &$crate::types::PyAny = self.as_ref();
                ::std::fmt::Debug::fmt(any, f)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let any: &$crate::types::PyAny = self.as_ref();
                ::std::fmt::Display::fmt(any, f)
            }
        }

        impl $crate::ToPyObject for $name {
            #[inline]
            fn to_object(&self, py: $crate::Python<'_>) -> $crate::PyObject {
                // SAFETY: `self` is alive; we take a new reference.
                unsafe {
                    $crate::PyObject::from_borrowed_ptr(py, $crate::AsPyPointer::as_ptr(self))
                }
            }
        }

        impl<'a> $crate::IntoPy<$crate::PyObject> for &'a $name {
            #[inline]
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyObject {
                $crate::ToPyObject::to_object(self, py)
            }
            const GIL_INDEPENDENT: bool = true;
        }

        impl<'a> ::std::convert::From<&'a $name> for $crate::Py<$name> {
            #[inline]
            fn from(obj: &'a $name) -> Self {
                // SAFETY: `obj` is alive; we take a new reference.
                unsafe { $crate::Py::from_borrowed_ptr(obj.py(), $crate::AsPyPointer::as_ptr(obj)) }
            }
        }

        impl<'a> ::std::convert::From<&'a $name> for &'a $crate::types::PyAny {
            #[inline]
            fn from(obj: &'a $name) -> Self {
                obj.as_ref()
            }
        }

        impl ::std::cmp::PartialEq for $name {
            /// Identity comparison (Python's `is`); use `eq()` for `==`.
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                ::std::ptr::eq(self, other)
            }
        }
    };
}

/// Declares the type-object link of a native type: `PyTypeInfo`, `PyTypeCheck`, and
/// `FromPyObject` for `&T` (a downcast).
#[doc(hidden)]
#[macro_export]
macro_rules! pyobject_native_type_info {
    ($name:ty, |$py:ident| $typeobject:expr, $pyname:expr, $module:expr $(, check = $checkfn:path)?) => {
        // SAFETY: the type object's instances have the object layout that `$name` views.
        unsafe impl $crate::type_object::PyTypeInfo for $name {
            const NAME: &'static str = $pyname;
            const MODULE: ::std::option::Option<&'static str> = $module;
            type AsRefTarget = Self;

            #[inline]
            #[allow(unused_unsafe)]
            fn type_object_raw($py: $crate::Python<'_>) -> *mut $crate::ffi::PyTypeObject {
                $typeobject
            }

            $(
                #[inline]
                fn is_type_of(object: &$crate::types::PyAny) -> bool {
                    // SAFETY: `object` is a valid object.
                    unsafe { $checkfn(object.as_ptr()) != 0 }
                }
            )?
        }

        impl $crate::type_object::PyTypeCheck for $name {
            const NAME: &'static str = $pyname;
            #[inline]
            fn type_check(object: &$crate::types::PyAny) -> bool {
                <$name as $crate::type_object::PyTypeInfo>::is_type_of(object)
            }
        }

        impl<'py> $crate::FromPyObject<'py> for &'py $name {
            #[inline]
            fn extract(ob: &'py $crate::types::PyAny) -> $crate::PyResult<Self> {
                ob.downcast::<$name>().map_err(::std::convert::Into::into)
            }
        }
    };
}

/// Declares a native type whose type object is a C static (`PyList_Type`, ...).
#[doc(hidden)]
#[macro_export]
macro_rules! pyobject_native_type {
    ($name:ty, $typestatic:path, $pyname:expr $(, check = $checkfn:path)?) => {
        $crate::pyobject_native_type_base!($name);
        $crate::pyobject_native_type_info!(
            $name,
            |_py| ::std::ptr::addr_of_mut!($typestatic),
            $pyname,
            ::std::option::Option::Some("builtins")
            $(, check = $checkfn)?
        );
    };
}
