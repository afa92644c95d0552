//! `#[pyclass(freelist = N)]`: up to `N` freed instances of the exact class are kept and
//! reused by the next allocations, saving a trip through the allocator.
//!
//! The class's `tp_alloc` and `tp_free` slots are replaced; instances of Python subclasses
//! (another size) and allocations beyond the list go to CPython's generic functions.
//! Free-threaded builds do not keep a list: the slots only forward.

use std::os::raw::c_void;
use std::ptr::NonNull;

use crate::ffi;
use crate::pycell::PyCell;
use crate::pyclass::PyClass;
use crate::python::Python;

/// The freed instances of one class, kept for reuse.
pub struct FreeList {
    capacity: usize,
    #[cfg(not(Py_GIL_DISABLED))]
    entries: std::cell::UnsafeCell<Vec<NonNull<ffi::PyObject>>>,
}

// SAFETY: the entries are only touched by the allocation slots, which CPython calls with
// the GIL held (free-threaded builds keep no entries).
unsafe impl Sync for FreeList {}

impl FreeList {
    /// An empty list keeping at most `capacity` objects.
    pub const fn new(capacity: usize) -> Self {
        FreeList {
            capacity,
            #[cfg(not(Py_GIL_DISABLED))]
            entries: std::cell::UnsafeCell::new(Vec::new()),
        }
    }

    /// # Safety
    /// The GIL must be held.
    unsafe fn pop(&self) -> Option<NonNull<ffi::PyObject>> {
        #[cfg(not(Py_GIL_DISABLED))]
        // SAFETY: the GIL serialises every access (caller).
        return unsafe { (*self.entries.get()).pop() };
        #[cfg(Py_GIL_DISABLED)]
        None
    }

    /// Keeps `obj` if there is room; false if the caller must free it.
    ///
    /// # Safety
    /// The GIL must be held; `obj` is a dead instance's memory.
    unsafe fn push(&self, obj: NonNull<ffi::PyObject>) -> bool {
        #[cfg(not(Py_GIL_DISABLED))]
        // SAFETY: the GIL serialises every access (caller).
        unsafe {
            let entries = &mut *self.entries.get();
            if entries.len() < self.capacity {
                if entries.capacity() == 0 {
                    entries.reserve_exact(self.capacity);
                }
                entries.push(obj);
                return true;
            }
        }
        let _ = obj;
        false
    }
}

/// A class with a free list, implemented by `#[pyclass(freelist = N)]`.
pub trait PyClassWithFreeList: PyClass {
    /// The class's list.
    fn free_list() -> &'static FreeList;
}

/// The `tp_alloc` slot of a class with a free list.
pub const fn freelist_alloc<T: PyClassWithFreeList>() -> *mut c_void {
    alloc::<T> as *mut c_void
}

/// The `tp_free` slot of a class with a free list.
pub const fn freelist_free<T: PyClassWithFreeList>() -> *mut c_void {
    free::<T> as *mut c_void
}

unsafe extern "C" fn alloc<T: PyClassWithFreeList>(
    subtype: *mut ffi::PyTypeObject,
    nitems: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_alloc with the GIL held and a valid type. A reused block is
    // the memory of a dead instance of exactly this type, so it has the right size; it is
    // cleared and re-initialised as a new object, as `PyType_GenericAlloc` would.
    unsafe {
        let py = Python::assume_gil_acquired();
        if nitems == 0 && subtype == T::type_object_raw(py) {
            if let Some(obj) = T::free_list().pop() {
                let obj = obj.as_ptr();
                std::ptr::write_bytes(obj.cast::<u8>(), 0, std::mem::size_of::<PyCell<T>>());
                ffi::PyObject_Init(obj, subtype);
                if ffi::PyType_IS_GC(subtype) != 0 {
                    ffi::PyObject_GC_Track(obj.cast());
                }
                return obj;
            }
        }
        ffi::PyType_GenericAlloc(subtype, nitems)
    }
}

unsafe extern "C" fn free<T: PyClassWithFreeList>(obj: *mut c_void) {
    // SAFETY: CPython calls tp_free with the GIL held on a dead object whose type is still
    // readable; the object is either kept whole or released the way it was allocated.
    unsafe {
        let py = Python::assume_gil_acquired();
        let object = obj.cast::<ffi::PyObject>();
        let ty = ffi::Py_TYPE(object);
        if ty == T::type_object_raw(py) {
            if let Some(nn) = NonNull::new(object) {
                if T::free_list().push(nn) {
                    return;
                }
            }
        }
        if ffi::PyType_IS_GC(ty) != 0 {
            ffi::PyObject_GC_Del(obj);
        } else {
            ffi::PyObject_Free(obj);
        }
    }
}
