//! The buffer protocol's slots (`bf_getbuffer` / `bf_releasebuffer`) filled from a class's
//! `__getbuffer__` and `__releasebuffer__`, and the export borrow that keeps the exporter
//! immutable while a view of it is alive.
//!
//! Each successful export takes a shared borrow of the instance and keeps it until CPython
//! releases that view, so `&mut self` methods (which could resize or move the exported
//! memory) raise `BufferError` while any view is alive, as `bytearray` does when resized,
//! and several views may coexist.
//! The view always holds a strong reference to the exporter (the framework fills
//! `view->obj` when `__getbuffer__` leaves it null), so the exporter outlives its views.
//!
//! The limited API has `Py_buffer` only from Python 3.11; before that a class with
//! `__getbuffer__` fails to compile with a message saying so (an unimplemented trait).

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
pub use imp::*;

use crate::err::PyErr;
use crate::ffi;
use crate::pycell::PyBorrowMutError;

/// The objects with live exports (by address) and how many each has. The borrow flag
/// cannot tell an export's borrow from a `PyRef`'s, so a failed `&mut self` borrow looks
/// here (only then: the table is off the fast paths) to raise bytearray's `BufferError`
/// instead of the borrow checker's `RuntimeError`.
static EXPORTS: Mutex<BTreeMap<usize, usize>> = Mutex::new(BTreeMap::new());
/// How many exports are live in all: zero spares the failure path the lock.
static LIVE_EXPORTS: AtomicUsize = AtomicUsize::new(0);

/// Counts an export of `obj`.
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
fn exports_add(obj: *mut ffi::PyObject) {
    let mut table = EXPORTS.lock().unwrap_or_else(PoisonError::into_inner);
    *table.entry(obj as usize).or_insert(0) += 1;
    LIVE_EXPORTS.fetch_add(1, Ordering::Relaxed);
}

/// Uncounts an export of `obj`.
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
fn exports_remove(obj: *mut ffi::PyObject) {
    let mut table = EXPORTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(count) = table.get_mut(&(obj as usize)) {
        *count -= 1;
        if *count == 0 {
            table.remove(&(obj as usize));
        }
        LIVE_EXPORTS.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The error for a failed exclusive borrow of `obj`: `BufferError` while `obj` has live
/// exports (as `bytearray` raises when resized then), else the borrow checker's own.
#[cold]
pub fn mut_borrow_error(obj: *mut ffi::PyObject, err: PyBorrowMutError) -> PyErr {
    let exported = LIVE_EXPORTS.load(Ordering::Relaxed) != 0
        && EXPORTS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(&(obj as usize));
    if exported {
        crate::exceptions::PyBufferError::new_err(
            "Existing exports of data: object cannot be re-sized",
        )
    } else {
        err.into()
    }
}

/// A method the class does not define (`__releasebuffer__` is optional).
pub struct Absent<T>(PhantomData<T>);

#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
mod imp {
    use std::os::raw::{c_int, c_void};

    pub use crate::ffi::Py_buffer;

    use super::Absent;
    use crate::err::{PyResult, SavedErrorIndicator};
    use crate::exceptions::PyTypeError;
    use crate::ffi;
    use crate::impl_::pyclass::chain_frozen;
    use crate::impl_::trampoline;
    use crate::pycell::{PyCell, PyRef};
    use crate::pyclass::PyClass;
    use crate::python::Python;

    /// `__getbuffer__`.
    pub trait GetBufferSlot {
        /// The class.
        type Class: PyClass;
        /// Whether a call must open a pool scope.
        const NEEDS_POOL: bool;
        /// False only for [`Absent`].
        const PRESENT: bool = true;
        /// Runs the method.
        ///
        /// # Safety
        /// `view` points to a `Py_buffer` that the method may fill, as `bf_getbuffer`'s
        /// contract says; the GIL is held.
        unsafe fn call<'py>(
            py: Python<'py>,
            slf: &'py PyCell<Self::Class>,
            view: *mut ffi::Py_buffer,
            flags: c_int,
        ) -> PyResult<()>;
    }

    /// `__releasebuffer__`.
    pub trait ReleaseBufferSlot {
        /// The class.
        type Class: PyClass;
        /// Whether a call must open a pool scope.
        const NEEDS_POOL: bool;
        /// False only for [`Absent`].
        const PRESENT: bool = true;
        /// Runs the method.
        ///
        /// # Safety
        /// `view` points to a `Py_buffer` that `__getbuffer__` filled and that is being
        /// released; the GIL is held.
        unsafe fn call<'py>(
            py: Python<'py>,
            slf: &'py PyCell<Self::Class>,
            view: *mut ffi::Py_buffer,
        ) -> PyResult<()>;
    }

    impl<T: PyClass> GetBufferSlot for Absent<T> {
        type Class = T;
        const NEEDS_POOL: bool = false;
        const PRESENT: bool = false;
        unsafe fn call<'py>(
            _py: Python<'py>,
            slf: &'py PyCell<T>,
            _view: *mut ffi::Py_buffer,
            _flags: c_int,
        ) -> PyResult<()> {
            Err(PyTypeError::new_err(format!(
                "a bytes-like object is required, not '{}'",
                slf.get_type().name()?
            )))
        }
    }

    impl<T: PyClass> ReleaseBufferSlot for Absent<T> {
        type Class = T;
        const NEEDS_POOL: bool = false;
        const PRESENT: bool = false;
        unsafe fn call<'py>(
            _py: Python<'py>,
            _slf: &'py PyCell<T>,
            _view: *mut ffi::Py_buffer,
        ) -> PyResult<()> {
            Ok(())
        }
    }

    /// The export borrow: a shared borrow of the instance that outlives this call.
    fn hold_export<T: PyClass>(cell: &PyCell<T>) -> PyResult<()> {
        let guard = PyRef::try_new(cell)?;
        // Released by `release_export` when CPython releases the view.
        std::mem::forget(guard);
        super::exports_add(cell.as_ptr());
        Ok(())
    }

    /// Ends an export borrow taken by [`hold_export`].
    fn release_export<T: PyClass>(cell: &PyCell<T>) {
        super::exports_remove(cell.as_ptr());
        if !chain_frozen::<T>() {
            cell.borrow_checker().release_borrow();
        }
    }

    /// `getbufferproc`. On success the view holds a strong reference to the instance
    /// (filled in if the method left `view->obj` null) and the instance an export borrow;
    /// on failure `view->obj` is null, as the C API requires.
    ///
    /// # Safety
    /// Called by CPython only, as a slot of `C`'s type, with the GIL held.
    pub unsafe extern "C" fn getbuffer<C, Get, Release>(
        slf: *mut ffi::PyObject,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> c_int
    where
        C: PyClass,
        Get: GetBufferSlot<Class = C>,
        Release: ReleaseBufferSlot<Class = C>,
    {
        // SAFETY: the slot's owner is `C` or a subclass, so `slf` is such an instance;
        // `view` is the caller's `Py_buffer`, valid for this call.
        let rc = unsafe {
            trampoline::run_with(Get::NEEDS_POOL, -1, |py| {
                let cell: &PyCell<C> = &*slf.cast();
                if view.is_null() {
                    return Err(crate::exceptions::PyBufferError::new_err(
                        "getbuffer: view==NULL argument is obsolete",
                    ));
                }
                (*view).obj = std::ptr::null_mut();
                Get::call(py, cell, view, flags)?;
                if (*view).obj.is_null() {
                    ffi::Py_IncRef(slf);
                    (*view).obj = slf;
                }
                if (*view).obj == slf {
                    if let Err(err) = hold_export(cell) {
                        // Undo the export: the caller will not release a failed one.
                        if let Err(release_err) = Release::call(py, cell, view) {
                            release_err.write_unraisable(py, Some(cell.as_ref()));
                        }
                        return Err(err);
                    }
                }
                Ok(0)
            })
        };
        if rc != 0 && !view.is_null() {
            // SAFETY: on any failure, an error or a panic, the method may have set `obj`;
            // the C API wants it null then, and the reference would leak otherwise.
            unsafe { clear_obj(view) };
        }
        rc
    }

    /// Drops the view's reference to its exporter, if any, and nulls it.
    ///
    /// # Safety
    /// `view` is valid; the GIL is held.
    unsafe fn clear_obj(view: *mut ffi::Py_buffer) {
        // SAFETY: forwarded from the caller; `obj` is an owned reference or null.
        unsafe {
            let obj = std::mem::replace(&mut (*view).obj, std::ptr::null_mut());
            if !obj.is_null() {
                ffi::Py_DecRef(obj);
            }
        }
    }

    /// `releasebufferproc`: ends the export borrow, then runs `__releasebuffer__` (if
    /// defined). It cannot report errors, so an error or panic is written as unraisable,
    /// and an exception already pending is kept as it was.
    ///
    /// # Safety
    /// Called by CPython only, as a slot of `C`'s type, with the GIL held, for a view that
    /// [`getbuffer`] filled.
    pub unsafe extern "C" fn releasebuffer<C, Get, Release>(
        slf: *mut ffi::PyObject,
        view: *mut ffi::Py_buffer,
    ) where
        C: PyClass,
        Get: GetBufferSlot<Class = C>,
        Release: ReleaseBufferSlot<Class = C>,
    {
        // SAFETY: CPython holds the GIL while it releases a view.
        let py = unsafe { Python::assume_gil_acquired() };
        // SAFETY: as for `getbuffer`.
        let cell: &PyCell<C> = unsafe { &*slf.cast() };
        release_export(cell);
        if !Release::PRESENT {
            return;
        }
        // Taken and put back raw: `PyErr::take` would resume a pending `PanicException`,
        // and nothing may unwind out of this slot.
        let pending = SavedErrorIndicator::take(py);
        // SAFETY: as for `getbuffer`; the view is the one being released.
        let failed = unsafe {
            trampoline::run_with(Release::NEEDS_POOL, true, |py| {
                Release::call(py, cell, view).map(|()| false)
            })
        };
        if failed {
            // SAFETY: the GIL is held and the method's exception is set; this reports and
            // clears it.
            unsafe { ffi::PyErr_WriteUnraisable(slf) };
        }
        drop(pending);
    }

    /// The `bf_getbuffer` slot function for a class.
    pub const fn getbuffer_slot<C, Get, Release>() -> *mut c_void
    where
        C: PyClass,
        Get: GetBufferSlot<Class = C>,
        Release: ReleaseBufferSlot<Class = C>,
    {
        getbuffer::<C, Get, Release> as *mut c_void
    }

    /// The `bf_releasebuffer` slot function for a class.
    pub const fn releasebuffer_slot<C, Get, Release>() -> *mut c_void
    where
        C: PyClass,
        Get: GetBufferSlot<Class = C>,
        Release: ReleaseBufferSlot<Class = C>,
    {
        releasebuffer::<C, Get, Release> as *mut c_void
    }
}

/// Under the limited API before 3.11 there is no `Py_buffer`: the traits exist so the
/// generated code type-checks, and naming a buffer slot fails at compile time.
#[cfg(not(any(not(Py_LIMITED_API), Py_3_11)))]
mod unsupported {
    use std::os::raw::{c_int, c_void};

    use crate::err::PyResult;
    use crate::pycell::PyCell;
    use crate::pyclass::PyClass;
    use crate::python::Python;

    /// Stands in for `ffi::Py_buffer`, which this configuration lacks.
    #[allow(non_camel_case_types)] // named after the C struct it replaces
    pub enum Py_buffer {}

    /// `__getbuffer__` (unavailable here).
    pub trait GetBufferSlot {
        /// The class.
        type Class: PyClass;
        /// Whether a call must open a pool scope.
        const NEEDS_POOL: bool;
        /// Runs the method.
        ///
        /// # Safety
        /// Never called in this configuration.
        unsafe fn call<'py>(
            py: Python<'py>,
            slf: &'py PyCell<Self::Class>,
            view: *mut Py_buffer,
            flags: c_int,
        ) -> PyResult<()>;
    }

    /// `__releasebuffer__` (unavailable here).
    pub trait ReleaseBufferSlot {
        /// The class.
        type Class: PyClass;
        /// Whether a call must open a pool scope.
        const NEEDS_POOL: bool;
        /// Runs the method.
        ///
        /// # Safety
        /// Never called in this configuration.
        unsafe fn call<'py>(
            py: Python<'py>,
            slf: &'py PyCell<Self::Class>,
            view: *mut Py_buffer,
        ) -> PyResult<()>;
    }

    /// Implemented by nothing in this configuration, so naming a buffer slot fails to
    /// compile with this message.
    #[diagnostic::on_unimplemented(
        message = "the buffer protocol (`__getbuffer__`) needs Python 3.11 or later when \
                   built for the limited API (abi3)",
        label = "`{Self}` defines `__getbuffer__`",
        note = "use the `abi3-py311` feature (or a later one), or build without `abi3`"
    )]
    pub trait BufferProtocolAvailable {}

    /// Unavailable: fails to compile (see [`BufferProtocolAvailable`]).
    pub const fn getbuffer_slot<C: PyClass + BufferProtocolAvailable, Get, Release>() -> *mut c_void
    {
        std::ptr::null_mut()
    }

    /// Unavailable: fails to compile.
    pub const fn releasebuffer_slot<C: PyClass + BufferProtocolAvailable, Get, Release>(
    ) -> *mut c_void {
        std::ptr::null_mut()
    }
}

#[cfg(not(any(not(Py_LIMITED_API), Py_3_11)))]
pub use unsupported::*;
