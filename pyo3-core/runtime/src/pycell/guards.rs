//! `PyRef` and `PyRefMut`: guards holding a shared or exclusive borrow of a class value.

use std::ops::{Deref, DerefMut};

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::pyclass::{PyClassBaseType, PyClassImpl};
use crate::instance::PyObject;
use crate::pycell::{PyBorrowError, PyBorrowMutError, PyCell};
use crate::pyclass::{False, PyClass};
use crate::python::Python;
use crate::types::PyAny;

/// A shared borrow of a class instance's Rust value; released when dropped.
///
/// Use it as a method receiver (`slf: PyRef<'_, Self>`) to get at the Python object too.
pub struct PyRef<'p, T: PyClass> {
    cell: &'p PyCell<T>,
}

impl<'p, T: PyClass> PyRef<'p, T> {
    #[inline]
    pub(crate) fn try_new(cell: &'p PyCell<T>) -> Result<Self, PyBorrowError> {
        if !crate::impl_::pyclass::chain_frozen::<T>() {
            cell.borrow_checker().try_borrow()?;
        }
        Ok(PyRef { cell })
    }

    /// The token of the GIL this guard is bound to.
    #[inline]
    pub fn py(&self) -> Python<'p> {
        self.cell.py()
    }

    /// The object pointer.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.cell.as_ptr()
    }

    /// The instance as a cell.
    #[inline]
    pub fn as_cell(&self) -> &'p PyCell<T> {
        self.cell
    }

    /// Turns the guard into one on the base class's value (the borrow is shared by the
    /// whole class chain, so nothing is re-checked).
    pub fn into_super(self) -> PyRef<'p, T::BaseType>
    where
        T::BaseType: PyClass,
    {
        let cell = self.cell;
        std::mem::forget(self);
        // SAFETY: a class instance's memory starts with its base class's cell, and the
        // borrow we held moves over to the new guard.
        let base = unsafe { &*(cell as *const PyCell<T> as *const PyCell<T::BaseType>) };
        PyRef { cell: base }
    }
}

impl<T: PyClass> Deref for PyRef<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: we hold a shared borrow (or the class is frozen).
        unsafe { &*self.cell.get_ptr() }
    }
}

impl<T: PyClass> Drop for PyRef<'_, T> {
    #[inline]
    fn drop(&mut self) {
        if !crate::impl_::pyclass::chain_frozen::<T>() {
            self.cell.borrow_checker().release_borrow();
        }
    }
}

impl<T, B> AsRef<B> for PyRef<'_, T>
where
    T: PyClass + PyClassImpl<BaseType = B>,
    B: PyClass + PyClassBaseType,
{
    /// The base class's value (covered by the same borrow).
    fn as_ref(&self) -> &B {
        // SAFETY: the instance starts with the base class's cell, and the shared borrow of
        // the chain covers it.
        unsafe { &*(*(self.cell as *const PyCell<T> as *const PyCell<B>)).get_ptr() }
    }
}

/// An exclusive borrow of a class instance's Rust value; released when dropped.
pub struct PyRefMut<'p, T: PyClass<Frozen = False>> {
    cell: &'p PyCell<T>,
}

impl<'p, T: PyClass<Frozen = False>> PyRefMut<'p, T> {
    #[inline]
    pub(crate) fn try_new(cell: &'p PyCell<T>) -> Result<Self, PyBorrowMutError> {
        cell.borrow_checker().try_borrow_mut()?;
        Ok(PyRefMut { cell })
    }

    /// The token of the GIL this guard is bound to.
    #[inline]
    pub fn py(&self) -> Python<'p> {
        self.cell.py()
    }

    /// The object pointer.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.cell.as_ptr()
    }

    /// The instance as a cell.
    #[inline]
    pub fn as_cell(&self) -> &'p PyCell<T> {
        self.cell
    }

    /// Turns the guard into one on the base class's value.
    pub fn into_super(self) -> PyRefMut<'p, T::BaseType>
    where
        T::BaseType: PyClass<Frozen = False>,
    {
        let cell = self.cell;
        std::mem::forget(self);
        // SAFETY: a class instance's memory starts with its base class's cell, and the
        // exclusive borrow of the chain moves over to the new guard.
        let base = unsafe { &*(cell as *const PyCell<T> as *const PyCell<T::BaseType>) };
        PyRefMut { cell: base }
    }
}

impl<T: PyClass<Frozen = False>> Deref for PyRefMut<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: we hold the exclusive borrow.
        unsafe { &*self.cell.get_ptr() }
    }
}

impl<T: PyClass<Frozen = False>> DerefMut for PyRefMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: we hold the exclusive borrow.
        unsafe { &mut *self.cell.get_ptr() }
    }
}

impl<T: PyClass<Frozen = False>> Drop for PyRefMut<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.cell.borrow_checker().release_borrow_mut();
    }
}

impl<T, B> AsRef<B> for PyRefMut<'_, T>
where
    T: PyClass<Frozen = False> + PyClassImpl<BaseType = B>,
    B: PyClass + PyClassBaseType,
{
    fn as_ref(&self) -> &B {
        // SAFETY: the instance starts with the base class's cell; our exclusive borrow of
        // the chain covers it.
        unsafe { &*(*(self.cell as *const PyCell<T> as *const PyCell<B>)).get_ptr() }
    }
}

impl<T, B> AsMut<B> for PyRefMut<'_, T>
where
    T: PyClass<Frozen = False> + PyClassImpl<BaseType = B>,
    B: PyClass<Frozen = False> + PyClassBaseType,
{
    fn as_mut(&mut self) -> &mut B {
        // SAFETY: as for `as_ref`, exclusively.
        unsafe { &mut *(*(self.cell as *const PyCell<T> as *const PyCell<B>)).get_ptr() }
    }
}

impl<'p, T: PyClass> crate::FromPyObject<'p> for PyRef<'p, T> {
    fn extract(ob: &'p PyAny) -> PyResult<Self> {
        let cell: &PyCell<T> = ob.downcast()?;
        cell.check_thread()?;
        PyRef::try_new(cell).map_err(PyErr::from)
    }
}

impl<'p, T: PyClass<Frozen = False>> crate::FromPyObject<'p> for PyRefMut<'p, T> {
    fn extract(ob: &'p PyAny) -> PyResult<Self> {
        let cell: &PyCell<T> = ob.downcast()?;
        cell.check_thread()?;
        PyRefMut::try_new(cell)
            .map_err(|err| crate::impl_::buffer_slots::mut_borrow_error(cell.as_ptr(), err))
    }
}

impl<T: PyClass> crate::IntoPy<PyObject> for PyRef<'_, T> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        // SAFETY: the cell is alive; we take a new reference.
        unsafe { PyObject::from_borrowed_ptr(py, self.as_ptr()) }
    }
}

impl<T: PyClass<Frozen = False>> crate::IntoPy<PyObject> for PyRefMut<'_, T> {
    fn into_py(self, py: Python<'_>) -> PyObject {
        // SAFETY: the cell is alive; we take a new reference.
        unsafe { PyObject::from_borrowed_ptr(py, self.as_ptr()) }
    }
}

impl<T: PyClass + std::fmt::Debug> std::fmt::Debug for PyRef<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PyClass<Frozen = False> + std::fmt::Debug> std::fmt::Debug for PyRefMut<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}
