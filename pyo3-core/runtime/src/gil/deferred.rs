//! Reference-count decrements requested by threads that did not hold the GIL, applied the
//! next time any thread takes it.
//!
//! The queue is a `Mutex` and its "may be non-empty" flag an atomic, so it needs no GIL
//! for its own consistency: on free-threaded builds several attached threads may push and
//! flush at once. A decref itself only needs an attached thread state, which both the
//! immediate path (`gil_is_held`) and the flush (a token) guarantee. Entry points that
//! Python calls should flush too (one relaxed load when the queue is empty), or objects
//! dropped off the GIL wait for the next `with_gil`.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::ffi;
use crate::python::Python;

/// Objects waiting for their decref. A plain global: no thread-local storage involved.
static PENDING: Mutex<Vec<QueuedPtr>> = Mutex::new(Vec::new());
/// Set while `PENDING` may be non-empty, so the common case is one relaxed load.
static DIRTY: AtomicBool = AtomicBool::new(false);

/// An owned reference handed over by `Py<T>::drop`, touched again only under the GIL.
struct QueuedPtr(NonNull<ffi::PyObject>);

/// Decrements `obj` now if this thread holds the GIL, else queues it.
///
/// # Safety
/// `obj` must be an owned reference that the caller gives up.
pub(crate) unsafe fn register_decref(obj: NonNull<ffi::PyObject>) {
    if super::gil_is_held() {
        // SAFETY: the GIL is held and the caller gives up its reference.
        unsafe { ffi::Py_DecRef(obj.as_ptr()) };
    } else {
        PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(QueuedPtr(obj));
        DIRTY.store(true, Ordering::Release);
    }
}

/// Applies queued decrefs; cheap (one atomic load) when there are none.
#[inline]
pub fn flush_deferred_decrefs(_py: Python<'_>) {
    if DIRTY.load(Ordering::Acquire) {
        flush_slow();
    }
}

#[cold]
fn flush_slow() {
    let pending = {
        let mut queue = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        DIRTY.store(false, Ordering::Release);
        std::mem::take(&mut *queue)
    };
    for obj in pending {
        // SAFETY: the caller holds the GIL (the token) and each queued pointer owns a reference.
        unsafe { ffi::Py_DecRef(obj.0.as_ptr()) };
    }
}

// SAFETY: the raw pointers are only dereferenced under the GIL; the Mutex serialises the
// queue itself.
unsafe impl Send for QueuedPtr {}
