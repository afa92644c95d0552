//! The owned-object pool: new references handed out as `&'py T` are parked here and
//! released when their pool scope closes.
//!
//! The pool is one thread-local block with a constant initialiser and no destructor, so
//! reaching it is a single `__tls_get_addr` call and no lazy-initialisation check. A scope
//! reads the block once when it opens and keeps the pointer for its close.
//!
//! Scopes on one call stack nest, so the pool is a stack: a scope releases exactly what was
//! pushed after it opened. Greenlets (gevent) break that: they switch between call stacks
//! inside one thread, and greenlet B, suspended inside its scope, could resume and push a
//! temporary into greenlet A's newer scope, which would then free it under B (PyO3 issue
//! #3668). So once the `greenlet` module is in use, every greenlet gets its own pool: a
//! switch hook (see `greenlet.rs`) parks the outgoing greenlet's objects and scope depth
//! and brings in the incoming one's, and each call stack is a plain stack again.
//!
//! Free-threaded builds: the block is per thread and only its own thread touches it, so
//! nothing here relies on the GIL for mutual exclusion; an attached thread state (which the
//! token proves) is all `Py_DecRef` needs.

use std::cell::UnsafeCell;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use crate::ffi;
use crate::python::Python;
use crate::types::PyAny;

use super::greenlet;

/// One call stack's share of the pool.
struct Stack {
    /// Owned references, newest last.
    objects: Vec<NonNull<ffi::PyObject>>,
    /// Number of scopes open on this call stack.
    depth: usize,
}

impl Stack {
    const fn new() -> Stack {
        Stack {
            objects: Vec::new(),
            depth: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.depth == 0
    }
}

/// The per-thread pool.
struct PoolState {
    /// The running call stack's objects and scopes.
    current: Stack,
    /// Whether this thread is done looking for greenlet: its switch hook is installed
    /// (or could not be, and a warning was issued).
    greenlet_checked: bool,
    /// The greenlet that owns `current` (its address), once the hook is installed.
    owner: usize,
    /// The non-empty pools of suspended greenlets, by greenlet address.
    parked: BTreeMap<usize, Stack>,
}

thread_local! {
    // ManuallyDrop: no TLS destructor to register, so access needs no state check. A thread
    // only exits with objects here if it leaked a scope, which safe code cannot do.
    static POOL: UnsafeCell<ManuallyDrop<PoolState>> = const {
        UnsafeCell::new(ManuallyDrop::new(PoolState {
            current: Stack::new(),
            greenlet_checked: false,
            owner: 0,
            parked: BTreeMap::new(),
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
        let state = pool_ptr();
        // SAFETY: the GIL is held (caller), and the block belongs to this thread.
        unsafe {
            check_greenlet(state);
            Self::open_at(state)
        }
    }

    /// Opens a scope only if none is open on this call stack.
    ///
    /// # Safety
    /// As for [`PoolScope::open`].
    #[inline]
    pub unsafe fn open_if_none() -> Option<PoolScope> {
        // SAFETY: forwarded from the caller.
        unsafe { Self::open_for_acquire(false) }
    }

    /// The scope for a GIL acquisition: a new one if none is open on this call stack, or if
    /// the GIL was not held before (`force`). In both cases the caller's closure cannot hold
    /// a token of an open scope: tokens only exist inside scopes, and a closure run inside
    /// [`Python::allow_threads`] captures no token (it is `Ungil`).
    ///
    /// # Safety
    /// As for [`PoolScope::open`].
    #[inline]
    pub(crate) unsafe fn open_for_acquire(force: bool) -> Option<PoolScope> {
        let state = pool_ptr();
        // SAFETY: the GIL is held (caller) and the block belongs to this thread; the check
        // runs first because installing the greenlet hook may hand this thread's existing
        // scopes to the main greenlet.
        unsafe {
            check_greenlet(state);
            if force || (*state).current.depth == 0 {
                Some(Self::open_at(state))
            } else {
                None
            }
        }
    }

    #[inline(always)]
    unsafe fn open_at(state: *mut PoolState) -> PoolScope {
        // SAFETY: the block belongs to this thread; we hold no other reference into it.
        let current = unsafe { &mut (*state).current };
        current.depth += 1;
        PoolScope {
            // SAFETY: thread-local addresses are never null.
            state: unsafe { NonNull::new_unchecked(state) },
            start: current.objects.len(),
            _not_send: PhantomData,
        }
    }
}

impl Drop for PoolScope {
    #[inline]
    fn drop(&mut self) {
        let state = self.state.as_ptr();
        // SAFETY: the scope closes on its own thread and call stack with the GIL held
        // (contract of `open`), so `current` is the stack the scope opened on: a greenlet
        // switch in between swapped it out and back in.
        unsafe {
            release_from(state, self.start);
            (*state).current.depth -= 1;
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
        // `__del__`, which may push to the pool or switch greenlets, so no borrow is held
        // across it and `current` is read afresh each time.
        let next = unsafe {
            let objects = &mut (*state).current.objects;
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

/// Looks for greenlet unless this thread already did; cheap when it is not loaded.
///
/// # Safety
/// The GIL must be held; `state` is this thread's block and no reference into it is live.
#[inline(always)]
unsafe fn check_greenlet(state: *mut PoolState) {
    // SAFETY: a read of this thread's block; the caller holds the GIL.
    unsafe {
        if !(*state).greenlet_checked && greenlet::is_loaded(Python::assume_gil_acquired()) {
            install_greenlet_hook(state);
        }
    }
}

/// Installs this thread's switch hook and assigns the existing pool to the right greenlet.
///
/// # Safety
/// As for [`check_greenlet`].
#[cold]
#[inline(never)]
unsafe fn install_greenlet_hook(state: *mut PoolState) {
    // SAFETY: the caller holds the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    // Installing runs Python code, so no reference into the block is held across it.
    let installed = match greenlet::install_hook(py) {
        Ok(stacks) => Some(stacks),
        // Still being imported: look again at the next scope.
        Err(greenlet::InstallError::NotReady) => return,
        Err(greenlet::InstallError::Failed) => None,
    };
    // SAFETY: short exclusive access to this thread's block.
    let st = unsafe { &mut *state };
    st.greenlet_checked = true;
    if let Some(stacks) = installed {
        st.owner = stacks.current;
        if stacks.current != stacks.main {
            // Scopes opened before the hook can only belong to the thread's main greenlet:
            // any scope opened by another greenlet would have installed the hook first.
            let main_stack = std::mem::replace(&mut st.current, Stack::new());
            if !main_stack.is_empty() {
                st.parked.insert(stacks.main, main_stack);
            }
        }
    }
}

/// Records that greenlet `current` (an address) is now running on this thread: parks the
/// previous greenlet's pool and brings in `current`'s. Called by the switch hook.
///
/// # Safety
/// The GIL must be held, `current` must be the greenlet now running, and no Rust code may
/// be using the pool of this thread in the middle of an operation (the hook runs inside a
/// Python call, never inside the pool's own code).
pub(super) unsafe fn switched_to(current: usize) {
    // SAFETY: exclusive access to this thread's block, per the caller's contract.
    let st = unsafe { &mut *pool_ptr() };
    if st.owner == 0 || st.owner == current {
        return;
    }
    let incoming = st.parked.remove(&current).unwrap_or(Stack::new());
    let outgoing = std::mem::replace(&mut st.current, incoming);
    if !outgoing.is_empty() {
        st.parked.insert(st.owner, outgoing);
    }
    st.owner = current;
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
    unsafe { (*state).current.objects.push(obj) };
    // SAFETY: the pool keeps the reference alive until the scope (and so `'py`) ends;
    // `PyAny` is a transparent wrapper over the object header.
    unsafe { &*(obj.as_ptr() as *const PyAny) }
}

/// Number of references currently parked in the pool of this thread's running call stack
/// (for tests and diagnostics).
pub fn owned_object_count() -> usize {
    // SAFETY: a read of this thread's block.
    unsafe { (*pool_ptr()).current.objects.len() }
}
