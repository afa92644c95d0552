//! `PyCell<T>`: the memory of a `#[pyclass]` instance, and the `PyRef`/`PyRefMut` guards
//! that borrow the Rust value inside it.

mod borrow;
mod borrowed_iter;
mod guards;

pub use borrow::{BorrowChecker, PyBorrowError, PyBorrowMutError};
pub use borrowed_iter::{BorrowedItems, PyBorrowedIter};
pub use guards::{PyRef, PyRefMut};

use std::cell::UnsafeCell;
use std::mem::ManuallyDrop;

use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::impl_::pyclass::{
    PyClassBaseType, PyClassDict, PyClassImpl, PyClassThreadChecker, PyClassWeakRef,
};
use crate::pyclass::init::PyClassInitializer;
use crate::pyclass::{False, PyClass};
use crate::python::Python;
use crate::type_object::{PyNativeType, PyTypeCheck, PyTypeInfo};
use crate::types::PyAny;
use crate::ToPyObject as _;

/// The memory layout of a `#[pyclass]` instance: the base type's layout followed by this
/// class's contents. `#[repr(C)]` so a pointer to it is also a pointer to every base level.
#[repr(C)]
pub struct PyCell<T: PyClassImpl> {
    ob_base: <T::BaseType as PyClassBaseType>::LayoutAsBase,
    contents: PyCellContents<T>,
}

/// What one class level adds to the object.
#[repr(C)]
pub(crate) struct PyCellContents<T: PyClassImpl> {
    pub(crate) value: ManuallyDrop<UnsafeCell<T>>,
    pub(crate) borrow_checker: BorrowChecker,
    pub(crate) thread_checker: T::ThreadChecker,
    pub(crate) dict: T::Dict,
    pub(crate) weakref: T::WeakRef,
}

/// The layout of a type that a class can extend.
///
/// # Safety
/// Implementors must be the exact C layout of the type's instances.
pub unsafe trait BaseLayout: Sized {
    /// The borrow flag of the class chain, when this layout is itself a class: every level
    /// of a chain shares its root's flag, so borrowing a subclass also borrows its bases.
    fn root_borrow_checker(&self) -> Option<&BorrowChecker> {
        None
    }

    /// Drops the Rust contents of this level and all levels below it, then frees the
    /// object.
    ///
    /// # Safety
    /// The GIL must be held; `obj` is being deallocated and is not used afterwards.
    unsafe fn dealloc_chain(py: Python<'_>, obj: *mut ffi::PyObject);
}

// SAFETY: `object` instances are a bare header.
unsafe impl BaseLayout for ffi::PyObject {
    #[inline]
    unsafe fn dealloc_chain(_py: Python<'_>, obj: *mut ffi::PyObject) {
        // SAFETY: the object is dying; we free it with its own type's tp_free (the type
        // that allocated it, which may be a Python subclass) and then release the
        // reference every heap-type instance holds on its type.
        unsafe {
            let ty = ffi::Py_TYPE(obj);
            #[cfg(not(Py_LIMITED_API))]
            let (free, is_heap) = (
                (*ty).tp_free,
                ffi::PyType_HasFeature(ty, ffi::Py_TPFLAGS_HEAPTYPE) != 0,
            );
            #[cfg(Py_LIMITED_API)]
            let (free, is_heap) = {
                let free = ffi::PyType_GetSlot(ty, ffi::Py_tp_free);
                (
                    (!free.is_null()).then(|| {
                        std::mem::transmute::<*mut std::os::raw::c_void, ffi::freefunc>(free)
                    }),
                    ffi::PyType_GetFlags(ty) & ffi::Py_TPFLAGS_HEAPTYPE != 0,
                )
            };
            match free {
                Some(free) => free(obj.cast()),
                None => ffi::PyObject_Free(obj.cast()),
            }
            if is_heap {
                ffi::Py_DECREF(ty.cast());
            }
        }
    }
}

// SAFETY: a class's instances have exactly the `PyCell<T>` layout.
unsafe impl<T: PyClassImpl> BaseLayout for PyCell<T> {
    fn root_borrow_checker(&self) -> Option<&BorrowChecker> {
        Some(self.borrow_checker())
    }

    unsafe fn dealloc_chain(py: Python<'_>, obj: *mut ffi::PyObject) {
        // SAFETY: forwarded from the caller.
        unsafe { PyCell::<T>::dealloc_chain(py, obj) }
    }
}

impl<T: PyClassImpl> PyCell<T> {
    /// The borrow flag of the class chain (the root class's).
    #[inline]
    pub(crate) fn borrow_checker(&self) -> &BorrowChecker {
        self.ob_base
            .root_borrow_checker()
            .unwrap_or(&self.contents.borrow_checker)
    }

    /// Drops this level's value and slots, then the base levels', then frees the object.
    ///
    /// # Safety
    /// The GIL must be held; `obj` is a dying instance of `T` or of a subclass.
    pub(crate) unsafe fn dealloc_chain(py: Python<'_>, obj: *mut ffi::PyObject) {
        let cell = obj as *mut PyCell<T>;
        // SAFETY: the object is dying and nobody else can reach it; each part is dropped
        // exactly once.
        unsafe {
            let contents = &mut (*cell).contents;
            contents.weakref.clear_weakrefs(obj);
            if contents.thread_checker.can_use() {
                ManuallyDrop::drop(&mut contents.value);
            } else {
                // Dropping a `!Send` value on a foreign thread would be unsound: leak it.
                let msg = format!(
                    "{} is unsendable but is being freed on another thread; its Rust value is leaked",
                    std::any::type_name::<T>()
                );
                crate::exceptions::PyRuntimeWarning::new_err(msg).write_unraisable(py, None);
            }
            contents.dict.clear();
            <<T::BaseType as PyClassBaseType>::LayoutAsBase as BaseLayout>::dealloc_chain(py, obj);
        }
    }

    /// Writes this level's contents into freshly allocated object memory.
    ///
    /// # Safety
    /// `obj` must be an allocated instance of `T` (or a subclass) whose base levels are
    /// initialised and whose `T` level is not.
    pub(crate) unsafe fn write_contents(obj: *mut ffi::PyObject, value: T) {
        let cell = obj as *mut PyCell<T>;
        // SAFETY: forwarded from the caller; the field is uninitialised memory we own.
        unsafe {
            std::ptr::addr_of_mut!((*cell).contents).write(PyCellContents {
                value: ManuallyDrop::new(UnsafeCell::new(value)),
                borrow_checker: BorrowChecker::new(),
                thread_checker: T::ThreadChecker::new(),
                dict: T::Dict::INIT,
                weakref: T::WeakRef::INIT,
            });
        }
    }

    /// Offset of the `__dict__` slot from the start of the object, if the class has one.
    pub fn dict_offset() -> Option<ffi::Py_ssize_t> {
        T::Dict::PRESENT.then(|| {
            (std::mem::offset_of!(PyCell<T>, contents)
                + std::mem::offset_of!(PyCellContents<T>, dict)) as ffi::Py_ssize_t
        })
    }

    /// Offset of the weak-reference list from the start of the object, if the class has one.
    pub fn weaklist_offset() -> Option<ffi::Py_ssize_t> {
        T::WeakRef::PRESENT.then(|| {
            (std::mem::offset_of!(PyCell<T>, contents)
                + std::mem::offset_of!(PyCellContents<T>, weakref)) as ffi::Py_ssize_t
        })
    }

    /// Raises `RuntimeError` if an `unsendable` instance is used from a foreign thread.
    #[inline]
    pub(crate) fn check_thread(&self) -> PyResult<()> {
        if self.contents.thread_checker.can_use() {
            Ok(())
        } else {
            Err(PyRuntimeError::new_err(format!(
                "{} is unsendable, but is being used from another thread",
                std::any::type_name::<T>()
            )))
        }
    }

    /// A raw pointer to the Rust value.
    #[inline]
    pub fn get_ptr(&self) -> *mut T {
        self.contents.value.get()
    }
}

impl<T: PyClass> PyCell<T> {
    /// Creates a new instance from a value (or a `PyClassInitializer` for subclasses).
    pub fn new(py: Python<'_>, value: impl Into<PyClassInitializer<T>>) -> PyResult<&PyCell<T>> {
        let obj = value.into().create_object(py)?;
        // SAFETY: `obj` is a new reference to a `T` instance, handed to the pool.
        unsafe { py.from_owned_ptr_or_err(obj) }
    }

    /// Borrows the value shared; panics if it is mutably borrowed (see
    /// [`try_borrow`](Self::try_borrow)).
    #[track_caller]
    pub fn borrow(&self) -> PyRef<'_, T> {
        self.try_borrow().expect("Already mutably borrowed")
    }

    /// Borrows the value exclusively; panics if it is borrowed.
    #[track_caller]
    pub fn borrow_mut(&self) -> PyRefMut<'_, T>
    where
        T: PyClass<Frozen = False>,
    {
        self.try_borrow_mut().expect("Already borrowed")
    }

    /// Borrows the value shared, or fails if it is mutably borrowed.
    #[inline]
    pub fn try_borrow(&self) -> Result<PyRef<'_, T>, PyBorrowError> {
        assert!(
            self.contents.thread_checker.can_use(),
            "{} is unsendable, but is being used from another thread",
            std::any::type_name::<T>()
        );
        PyRef::try_new(self)
    }

    /// Borrows the value exclusively, or fails if it is borrowed.
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<PyRefMut<'_, T>, PyBorrowMutError>
    where
        T: PyClass<Frozen = False>,
    {
        assert!(
            self.contents.thread_checker.can_use(),
            "{} is unsendable, but is being used from another thread",
            std::any::type_name::<T>()
        );
        PyRefMut::try_new(self)
    }

    /// A shared reference without taking a borrow, failing if mutably borrowed now.
    ///
    /// # Safety
    /// No `&mut T` may be created while the returned reference is used.
    pub unsafe fn try_borrow_unguarded(&self) -> Result<&T, PyBorrowError> {
        self.borrow_checker().try_borrow()?;
        self.borrow_checker().release_borrow();
        // SAFETY: not mutably borrowed now; the caller promises it stays so.
        Ok(unsafe { &*self.get_ptr() })
    }

    /// The value of a `frozen` class, without any borrow bookkeeping.
    #[inline]
    pub fn get(&self) -> &T
    where
        T: PyClass<Frozen = crate::pyclass::True> + Sync,
    {
        // SAFETY: frozen classes never hand out `&mut T`.
        unsafe { &*self.get_ptr() }
    }

    /// Replaces the value, returning the old one; panics if borrowed.
    pub fn replace(&self, value: T) -> T
    where
        T: PyClass<Frozen = False>,
    {
        std::mem::replace(&mut *self.borrow_mut(), value)
    }

    /// Replaces the value with `f(&mut old)`, returning the old one; panics if borrowed.
    pub fn replace_with<F: FnOnce(&mut T) -> T>(&self, f: F) -> T
    where
        T: PyClass<Frozen = False>,
    {
        let mut guard = self.borrow_mut();
        let new = f(&mut guard);
        std::mem::replace(&mut *guard, new)
    }

    /// Swaps the values of two cells; panics if either is borrowed.
    pub fn swap(&self, other: &Self)
    where
        T: PyClass<Frozen = False>,
    {
        std::mem::swap(&mut *self.borrow_mut(), &mut *other.borrow_mut())
    }

    /// The object as `&PyAny`.
    #[inline]
    pub fn as_any(&self) -> &PyAny {
        // SAFETY: every object starts with the object header.
        unsafe { &*(self as *const Self as *const PyAny) }
    }
}

// SAFETY: `PyCell<T>` is the object layout and contains `UnsafeCell`, so it is `!Sync`.
unsafe impl<T: PyClass> PyNativeType for PyCell<T> {}

impl<T: PyClass> PyTypeCheck for PyCell<T> {
    const NAME: &'static str = <T as PyTypeInfo>::NAME;
    #[inline]
    fn type_check(object: &PyAny) -> bool {
        <T as PyTypeInfo>::is_type_of(object)
    }
}

impl<T: PyClass> std::ops::Deref for PyCell<T> {
    type Target = PyAny;
    #[inline]
    fn deref(&self) -> &PyAny {
        self.as_any()
    }
}

impl<T: PyClass> AsRef<PyAny> for PyCell<T> {
    fn as_ref(&self) -> &PyAny {
        self.as_any()
    }
}

impl<T: PyClass> crate::AsPyPointer for PyCell<T> {
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        self as *const Self as *mut ffi::PyObject
    }
}

impl<T: PyClass> crate::ToPyObject for PyCell<T> {
    fn to_object(&self, py: Python<'_>) -> crate::PyObject {
        self.as_any().to_object(py)
    }
}

impl<T: PyClass> crate::IntoPy<crate::PyObject> for &PyCell<T> {
    fn into_py(self, py: Python<'_>) -> crate::PyObject {
        self.as_any().to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl<'a, T: PyClass> From<&'a PyCell<T>> for crate::Py<T> {
    fn from(cell: &'a PyCell<T>) -> Self {
        // SAFETY: the cell is a live `T` instance; we take a new reference.
        unsafe { crate::Py::from_borrowed_ptr(cell.py(), cell.as_ptr()) }
    }
}

impl<'a, T: PyClass> From<&'a PyCell<T>> for &'a PyAny {
    fn from(cell: &'a PyCell<T>) -> Self {
        cell.as_any()
    }
}

impl<T: PyClass + std::fmt::Debug> std::fmt::Debug for PyCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.try_borrow() {
            Ok(value) => f.debug_struct("PyCell").field("value", &*value).finish(),
            Err(_) => f
                .debug_struct("PyCell")
                .field("value", &"<borrowed>")
                .finish(),
        }
    }
}

impl<'py, T: PyClass> crate::FromPyObject<'py> for &'py PyCell<T> {
    fn extract(ob: &'py PyAny) -> PyResult<Self> {
        ob.downcast::<PyCell<T>>().map_err(PyErr::from)
    }
}

/// Extracting a class's Rust value clones it out of the instance.
impl<'py, T: PyClass + Clone> crate::FromPyObject<'py> for T {
    fn extract(ob: &'py PyAny) -> PyResult<Self> {
        let cell: &PyCell<T> = ob.downcast()?;
        cell.check_thread()?;
        Ok(cell.try_borrow()?.clone())
    }
    const GIL_INDEPENDENT: bool = true;
}
