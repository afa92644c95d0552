//! Python's built-in types as GIL-bound Rust types, one file each.
//!
//! Each type is a `#[repr(transparent)]` wrapper over [`PyAny`], which is itself a wrapper
//! over the object header; code handles them as references (`&'py PyList`), so a reference
//! is the object pointer and a cast costs nothing.

mod abc;
pub(crate) mod any;
mod boolobject;
mod bytearray;
mod bytes;
mod capsule;
mod complex;
pub(crate) mod datetime;
mod dict;
mod ellipsis;
mod float;
mod frozenset;
pub mod function;
mod iterator;
pub(crate) mod list;
mod mapping;
mod memoryview;
mod module;
mod none;
mod notimplemented;
mod num;
mod pysuper;
mod sequence;
pub(crate) mod set;
mod slice;
pub(crate) mod string;
mod traceback;
pub(crate) mod tuple;
mod typeobject;

pub use any::PyAny;
pub use boolobject::PyBool;
pub use bytearray::PyByteArray;
pub use bytes::PyBytes;
pub use capsule::PyCapsule;
pub use complex::PyComplex;
pub use datetime::{
    timezone_utc, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess,
    PyTzInfo, PyTzInfoAccess,
};
pub use dict::{IntoPyDict, PyDict};
#[cfg(not(PyPy))]
pub use dict::{PyDictItems, PyDictKeys, PyDictValues};
pub use ellipsis::PyEllipsis;
pub use float::PyFloat;
pub use frozenset::{PyFrozenSet, PyFrozenSetBuilder};
pub use function::PyCFunction;
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
pub use function::PyFunction;
pub use iterator::PyIterator;
pub use list::PyList;
pub use mapping::PyMapping;
pub use memoryview::PyMemoryView;
pub use module::PyModule;
pub use none::PyNone;
pub use notimplemented::PyNotImplemented;
pub use num::{PyInt, PyLong};
pub use pysuper::PySuper;
pub use sequence::PySequence;
pub use set::PySet;
pub use slice::{PySlice, PySliceIndices};
pub use string::PyString;
pub use traceback::PyTraceback;
pub use tuple::PyTuple;
pub use typeobject::PyType;

/// The Rust iterators over native collections, for naming them in signatures.
pub mod iter {
    pub use super::dict::PyDictIterator;
    pub use super::frozenset::PyFrozenSetIterator;
    pub use super::list::PyListIterator;
    pub use super::set::PySetIterator;
    pub use super::tuple::PyTupleIterator;
}

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
    };
}

/// Declares the type-object link of a native type: `PyTypeInfo`, `PyTypeCheck`, and
/// `FromPyObject` for `&T` (a downcast).
#[doc(hidden)]
#[macro_export]
macro_rules! pyobject_native_type_info {
    (
        $name:ty, |$py:ident| $typeobject:expr, $pyname:expr, $module:expr
        $(, check = $checkfn:path)? $(, downcast_name = $downcast_name:expr)?
    ) => {
        // SAFETY: the type object's instances have the object layout that `$name` views.
        unsafe impl $crate::type_object::PyTypeInfo for $name {
            // PyO3 0.20 names native types by their Rust name in messages
            // (`'int' object cannot be converted to 'PyString'`).
            const NAME: &'static str = ::std::stringify!($name);
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
            // Downcast errors name the Rust type, as PyO3 does:
            // `'int' object cannot be converted to 'PyString'`.
            const NAME: &'static str =
                $crate::__first_of!($($downcast_name,)? ::std::stringify!($name));
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

/// The first of its arguments (an optional override followed by a default).
#[doc(hidden)]
#[macro_export]
macro_rules! __first_of {
    ($first:expr $(, $rest:expr)*) => {
        $first
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

/// Implements `Index` by position and by range for a sequence type, as PyO3 does: an
/// out-of-range index panics like slice indexing does.
#[doc(hidden)]
#[macro_export]
macro_rules! index_impls {
    ($ty:ty, $kind:literal, $len:expr, $slice:expr) => {
        impl ::std::ops::Index<usize> for $ty {
            type Output = $crate::types::PyAny;
            #[track_caller]
            fn index(&self, index: usize) -> &$crate::types::PyAny {
                match self.get_item(index) {
                    ::std::result::Result::Ok(item) => item,
                    ::std::result::Result::Err(_) => {
                        $crate::types::index_fail(index, $kind, $len(self))
                    }
                }
            }
        }

        impl ::std::ops::Index<::std::ops::Range<usize>> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, range: ::std::ops::Range<usize>) -> &$ty {
                let len = $len(self);
                $crate::types::check_range(range.start, range.end, $kind, len);
                $slice(self, range.start, range.end)
            }
        }

        impl ::std::ops::Index<::std::ops::RangeInclusive<usize>> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, range: ::std::ops::RangeInclusive<usize>) -> &$ty {
                let end = $crate::types::inclusive_end(*range.end());
                let len = $len(self);
                $crate::types::check_range(*range.start(), end, $kind, len);
                $slice(self, *range.start(), end)
            }
        }

        impl ::std::ops::Index<::std::ops::RangeFrom<usize>> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, range: ::std::ops::RangeFrom<usize>) -> &$ty {
                let len = $len(self);
                $crate::types::check_range(range.start, len, $kind, len);
                $slice(self, range.start, len)
            }
        }

        impl ::std::ops::Index<::std::ops::RangeTo<usize>> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, range: ::std::ops::RangeTo<usize>) -> &$ty {
                let len = $len(self);
                $crate::types::check_range(0, range.end, $kind, len);
                $slice(self, 0, range.end)
            }
        }

        impl ::std::ops::Index<::std::ops::RangeToInclusive<usize>> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, range: ::std::ops::RangeToInclusive<usize>) -> &$ty {
                let end = $crate::types::inclusive_end(range.end);
                let len = $len(self);
                $crate::types::check_range(0, end, $kind, len);
                $slice(self, 0, end)
            }
        }

        impl ::std::ops::Index<::std::ops::RangeFull> for $ty {
            type Output = $ty;
            #[track_caller]
            fn index(&self, _: ::std::ops::RangeFull) -> &$ty {
                let len = $len(self);
                $slice(self, 0, len)
            }
        }
    };
}

/// Panics for an index past the end (used by `index_impls!`).
#[doc(hidden)]
#[cold]
#[track_caller]
pub fn index_fail(index: usize, kind: &str, len: usize) -> ! {
    panic!("index {index} out of range for {kind} of length {len}");
}

/// Panics unless `start..end` is a valid range of a `len`-item sequence (used by
/// `index_impls!`).
#[doc(hidden)]
#[inline]
#[track_caller]
pub fn check_range(start: usize, end: usize, kind: &str, len: usize) {
    if start > len {
        panic!("range start index {start} out of range for {kind} of length {len}");
    }
    if end > len {
        panic!("range end index {end} out of range for {kind} of length {len}");
    }
    if start > end {
        panic!("slice index starts at {start} but ends at {end}");
    }
}

/// The exclusive end of an inclusive range (used by `index_impls!`).
#[doc(hidden)]
#[inline]
#[track_caller]
pub fn inclusive_end(end: usize) -> usize {
    end.checked_add(1)
        .unwrap_or_else(|| panic!("attempted to index slice up to maximum usize"))
}

/// Builds a new list or tuple from exactly `elements.len()` owned objects: `new(len)`
/// creates it with empty slots, then `set_item` stores each object, before any other code
/// can see it.
///
/// # Panics
/// If `new` fails, or if the iterator yields more or fewer items than its `len()` said.
///
/// # Safety
/// `new` must return a new reference to a `T` with `len` empty slots (or null), and
/// `set_item(obj, i, item)` must store the owned `item` in slot `i` of such an object.
#[track_caller]
pub(crate) unsafe fn new_filled<T>(
    py: crate::Python<'_>,
    mut elements: impl ExactSizeIterator<Item = crate::PyObject>,
    new: unsafe extern "C" fn(crate::ffi::Py_ssize_t) -> *mut crate::ffi::PyObject,
    set_item: unsafe fn(
        *mut crate::ffi::PyObject,
        crate::ffi::Py_ssize_t,
        *mut crate::ffi::PyObject,
    ),
) -> crate::Py<T> {
    let len = elements.len();
    // SAFETY: `new` gives a new reference to a `T` or null, which `from_owned_ptr` turns
    // into a panic (caller's contract).
    let obj: crate::Py<T> =
        unsafe { crate::Py::from_owned_ptr(py, new(len as crate::ffi::Py_ssize_t)) };
    let ptr = obj.as_ptr();
    let mut count = 0;
    for (i, item) in (&mut elements).take(len).enumerate() {
        // SAFETY: `i < len` and the slot is empty; `set_item` takes over the owned
        // reference (caller's contract).
        unsafe { set_item(ptr, i as crate::ffi::Py_ssize_t, item.into_ptr()) };
        count += 1;
    }
    assert!(
        elements.next().is_none(),
        "ExactSizeIterator reported a wrong length (too short)"
    );
    assert_eq!(
        len, count,
        "ExactSizeIterator reported a wrong length (too long)"
    );
    obj
}
