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

/// Starts the interpreter, runs `f`, and shuts the interpreter down again; for programs
/// that embed Python for one bounded task.
///
/// # Safety
/// The interpreter must not be initialized yet, and nothing may use Python after this
/// returns: no `Py<T>` may survive `f` (its drop would touch a finalized interpreter), no
/// other thread may be using Python, and the interpreter cannot be started again in this
/// process (as with `Py_Finalize` itself).
///
/// # Panics
/// If the interpreter is already running.
pub unsafe fn with_embedded_python_interpreter<F, R>(f: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    // SAFETY: Py_IsInitialized may be called at any time.
    let running = unsafe { ffi::Py_IsInitialized() } != 0;
    assert!(
        !running,
        "called `with_embedded_python_interpreter` while the interpreter is already running"
    );
    // SAFETY: not initialized (checked); without signal handlers, as the host owns them.
    // The calling thread then holds the GIL until Py_Finalize.
    unsafe { ffi::Py_InitializeEx(0) };
    let result = {
        // SAFETY: the GIL is held; the scope closes before finalization.
        let _scope = unsafe { PoolScope::open() };
        // SAFETY: this thread holds the GIL for the whole call.
        f(unsafe { Python::assume_gil_acquired() })
    };
    // SAFETY: the caller guarantees nothing uses Python any more; the scope is closed.
    unsafe { ffi::Py_Finalize() };
    result
}

/// A pool scope held as a value (PyO3 0.20's `GILPool`): references created with its
/// token are released when it is dropped. Prefer [`Python::with_pool`], which is safe.
pub struct GILPool {
    _scope: PoolScope,
}

impl GILPool {
    /// Opens a new pool scope.
    ///
    /// # Safety
    /// The GIL must be held for the pool's whole life; pools must be dropped in the
    /// reverse order of their creation; and no reference created while the pool is the
    /// innermost one may be used after it is dropped, including references made with an
    /// outer token (the lifetimes cannot catch those).
    #[inline]
    pub unsafe fn new() -> GILPool {
        GILPool {
            // SAFETY: forwarded from the caller.
            _scope: unsafe { PoolScope::open() },
        }
    }

    /// A token whose references live no longer than the pool.
    #[inline]
    pub fn python(&self) -> Python<'_> {
        // SAFETY: the GIL is held while the pool lives (contract of `new`).
        unsafe { Python::assume_gil_acquired() }
    }
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
    // From 3.12 the current thread state is a thread-local that is null while the thread
    // is detached, so reading it is the whole test (`PyGILState_Check` also looks the
    // thread's state up in its own TSS slot). Before 3.12 it is one global for the whole
    // process, which says nothing about this thread.
    #[cfg(all(Py_3_12, not(any(Py_LIMITED_API, PyPy, GraalPy))))]
    // SAFETY: both may be called from any thread at any time.
    unsafe {
        ffi::Py_IsInitialized() != 0 && !ffi::compat::PyThreadState_GetUnchecked().is_null()
    }
    #[cfg(not(all(Py_3_12, not(any(Py_LIMITED_API, PyPy, GraalPy)))))]
    // SAFETY: both may be called from any thread at any time; under the limited API
    // `PyGILState_Check` comes from pyo3-ffi-sys (exported by every CPython 3.9+).
    unsafe {
        ffi::Py_IsInitialized() != 0 && ffi::PyGILState_Check() != 0
    }
}
