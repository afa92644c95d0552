//! Acquiring the GIL, initializing the interpreter, and the object pool.
//!
//! Free-threaded builds (`Py_GIL_DISABLED`): "holding the GIL" means having an attached
//! thread state, which several threads have at once. Nothing in this module uses the GIL
//! as a lock: the pool is per thread (`pool.rs`), the deferred-decref queue is a `Mutex`
//! plus an atomic flag (`deferred.rs`), initialization goes through a `Once`, and the
//! greenlet caches are atomics (`greenlet.rs`).

mod deferred;
mod greenlet;
mod pool;

#[doc(hidden)]
pub use deferred::flush_deferred_decrefs;
pub(crate) use deferred::register_decref;
#[doc(hidden)]
pub use pool::owned_object_count;
pub(crate) use pool::register_owned;
pub use pool::PoolScope;

use std::sync::Once;

use crate::ffi;
use crate::python::Python;

static INIT: Once = Once::new();

/// Initializes the interpreter for use from several threads, then releases the GIL.
///
/// Does nothing if the interpreter is already running (for example inside an extension
/// module). Embedding programs call this before [`Python::with_gil`], or enable the
/// `auto-initialize` feature which calls it on first use.
pub fn prepare_freethreaded_python() {
    INIT.call_once_force(|_| {
        // SAFETY: Py_IsInitialized may be called at any time.
        if unsafe { ffi::Py_IsInitialized() } == 0 {
            // SAFETY: the interpreter is not running; initialize it without signal handlers
            // (the host program owns them), then release the GIL the main thread now holds.
            unsafe {
                ffi::Py_InitializeEx(0);
                ffi::PyEval_SaveThread();
            }
        }
    });
}

/// Makes sure the interpreter is running before the GIL is taken.
#[inline]
fn ensure_initialized() {
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } != 0 {
        return;
    }
    if cfg!(feature = "auto-initialize") {
        prepare_freethreaded_python();
    } else {
        panic!(
            "the Python interpreter is not initialized and the `auto-initialize` feature is \
             not enabled; call `pyo3::prepare_freethreaded_python()` before using the GIL"
        );
    }
}

/// Holds the GIL (via `PyGILState_Ensure`) and, when needed, a pool scope.
pub(crate) struct GILGuard {
    // Field order matters: the scope closes before the GIL is released.
    scope: Option<PoolScope>,
    gstate: ffi::PyGILState_STATE,
}

impl GILGuard {
    /// Takes the GIL, initializing the interpreter first if needed and allowed.
    #[inline]
    pub(crate) fn acquire() -> Self {
        ensure_initialized();
        // SAFETY: the interpreter is initialized.
        unsafe { Self::acquire_unchecked() }
    }

    /// Takes the GIL, opening a pool scope if none is open on this call stack or if the
    /// GIL was not held before (for example inside [`Python::allow_threads`]).
    ///
    /// # Safety
    /// The interpreter must be initialized.
    #[inline]
    pub(crate) unsafe fn acquire_unchecked() -> Self {
        // SAFETY: the interpreter is initialized; Ensure is re-entrant.
        let gstate = unsafe { ffi::PyGILState_Ensure() };
        // SAFETY: we now hold the GIL.
        let py = unsafe { Python::assume_gil_acquired() };
        flush_deferred_decrefs(py);
        // UNLOCKED means this thread did not hold the GIL before, so the closure we are
        // about to run cannot have captured a token of any scope that is open below us.
        let was_released = gstate == ffi::PyGILState_STATE::PyGILState_UNLOCKED;
        // SAFETY: the GIL is held and the scope closes before the GIL is released.
        let scope = unsafe { PoolScope::open_for_acquire(was_released) };
        GILGuard { scope, gstate }
    }

    /// The token for the held GIL.
    ///
    /// # Safety
    /// The token must not outlive the guard.
    #[inline]
    pub(crate) unsafe fn python<'py>(&self) -> Python<'py> {
        // SAFETY: the guard holds the GIL; the caller bounds the lifetime.
        unsafe { Python::assume_gil_acquired() }
    }
}

impl Drop for GILGuard {
    fn drop(&mut self) {
        drop(self.scope.take());
        // SAFETY: `gstate` came from PyGILState_Ensure on this thread.
        unsafe { ffi::PyGILState_Release(self.gstate) };
    }
}

/// Whether this thread currently holds the GIL (is attached, on free-threaded builds).
#[inline]
pub(crate) fn gil_is_held() -> bool {
    // SAFETY: both may be called from any thread at any time; under the limited API
    // `PyGILState_Check` comes from pyo3-ffi-sys (exported by every CPython 3.9+).
    unsafe { ffi::Py_IsInitialized() != 0 && ffi::PyGILState_Check() != 0 }
}
