//! The owned-object pool: new references handed out as `&'py T` are parked here and
//! released when their pool scope closes.
//!
//! The pool is one thread-local block with a constant initialiser and no destructor, so
//! reaching it is a single `__tls_get_addr` call and no lazy-initialisation check. A scope
//! reads the block once when it opens and keeps the pointer for its close.
//!
//! Greenlets (gevent) switch between call stacks inside one thread, so scopes of different
//! greenlets interleave in this one pool. A scope therefore frees its region only if no
//! switch happened during its life (the thread's switch epoch is unchanged); otherwise its
//! objects stay until no scope at all is open on the thread, when nothing can still point
//! at them.

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

/// The per-thread pool.
struct PoolState {
    /// Owned references, newest last.
    objects: Vec<NonNull<ffi::PyObject>>,
    /// Number of scopes open on this thread (across all greenlets).
    depth: usize,
    /// Bumped on every greenlet switch on this thread.
    epoch: u64,
    /// A scope closed after a switch and left its objects for the outermost close.
    deferred: bool,
}

thread_local! {
    // ManuallyDrop: no TLS destructor to register, so access needs no state check. A thread
    // only exits with objects here if it leaked a scope, which safe code cannot do.
    static POOL: UnsafeCell<ManuallyDrop<PoolState>> = const {
        UnsafeCell::new(ManuallyDrop::new(PoolState {
            objects: Vec::new(),
            depth: 0,
            epoch: 0,
            deferred: false,
        }))
    };
}

#[inline(always)]
fn pool_ptr() -> *mut PoolState {
    POOL.with(|p| {
        let md: *mut ManuallyDrop<PoolState> = p.get();
        md.cast::<PoolState>()
    })
}

/// A region of the pool: objects registered while it is the innermost open scope are
/// released when it is dropped. `!Send`: it must close on the thread that opened it.
pub struct PoolScope {
    state: NonNull<PoolState>,
    start: usize,
    epoch: u64,
    _not_send: PhantomData<*mut ()>,
}

impl PoolScope {
    /// Opens a new scope.
    ///
    /// # Safety
    /// The GIL must be held when the scope is opened and dropped, and no reference
    /// registered inside may be used after the drop.
    #[inline]
    pub unsafe fn open() -> PoolScope {
        // SAFETY: forwarded from the caller.
        unsafe { Self::open_at(pool_ptr()) }
    }

    /// Opens a scope only if none is open on this thread.
    ///
    /// # Safety
    /// As for [`PoolScope::open`].
    #[inline]
    pub unsafe fn open_if_none() -> Option<PoolScope> {
        let state = pool_ptr();
        // SAFETY: the block belongs to this thread and no reference to it is live.
        if unsafe { (*state).depth } == 0 {
            // SAFETY: forwarded from the caller.
            Some(unsafe { Self::open_at(state) })
        } else {
            None
        }
    }

    #[inline(always)]
    unsafe fn open_at(state: *mut PoolState) -> PoolScope {
        // SAFETY: the block belongs to this thread; we hold no other reference into it.
        let st = unsafe { &mut *state };
        st.depth += 1;
        PoolScope {
            // SAFETY: thread-local addresses are never null.
            state: unsafe { NonNull::new_unchecked(state) },
            start: st.objects.len(),
            epoch: st.epoch,
            _not_send: PhantomData,
        }
    }
}

impl Drop for PoolScope {
    #[inline]
    fn drop(&mut self) {
        let state = self.state.as_ptr();
        // SAFETY: the scope closes on its own thread with the GIL held (contract of `open`);
        // each access below is short and none is held across a decref, which may re-enter.
        unsafe {
            if (*state).epoch == self.epoch {
                release_from(state, self.start);
            } else {
                (*state).deferred = true;
            }
            (*state).depth -= 1;
            if (*state).depth == 0 && (*state).deferred {
                (*state).deferred = false;
                release_from(state, 0);
            }
        }
    }
}

/// Decrefs every object at index `start` and above, newest first.
///
/// # Safety
/// The GIL must be held and nothing may use those references any more.
#[inline]
unsafe fn release_from(state: *mut PoolState, start: usize) {
    loop {
        // SAFETY: short exclusive access to this thread's block; a decref below may run
        // `__del__`, which may push to the pool, so no borrow is held across it.
        let next = unsafe {
            let objects = &mut (*state).objects;
            if objects.len() <= start {
                break;
            }
            objects.pop()
        };
        if let Some(obj) = next {
            // SAFETY: the pool owned this reference and the GIL is held.
            unsafe { ffi::Py_DecRef(obj.as_ptr()) };
        }
    }
}

/// Parks an owned reference in the current scope and hands it out as `&'py PyAny`.
///
/// # Safety
/// `obj` must be a new reference; the GIL must be held for `'py`.
#[inline]
pub(crate) unsafe fn register_owned<'py>(
    _py: Python<'py>,
    obj: NonNull<ffi::PyObject>,
) -> &'py PyAny {
    let state = pool_ptr();
    // SAFETY: short exclusive access to this thread's block.
    unsafe { (*state).objects.push(obj) };
    // SAFETY: the pool keeps the reference alive until the scope (and so `'py`) ends;
    // `PyAny` is a transparent wrapper over the object header.
    unsafe { &*(obj.as_ptr() as *const PyAny) }
}

/// Number of references currently parked in this thread's pool (for tests and diagnostics).
pub fn owned_object_count() -> usize {
    // SAFETY: a read of this thread's block.
    unsafe { (*pool_ptr()).objects.len() }
}

/// Records a greenlet switch on this thread, so that scopes open across it defer their
/// release. Called by the greenlet switch hook.
pub fn bump_switch_epoch() {
    // SAFETY: a short write to this thread's block.
    unsafe { (*pool_ptr()).epoch += 1 };
}
