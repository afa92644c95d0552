//! Greenlet support: notice that the `greenlet` module is loaded, then install a switch
//! hook on each thread so that every greenlet keeps its own pool (see `pool.rs`).
//!
//! Cost when greenlet is not used: each pool scope that opens reads a thread-local flag
//! (in the block it reads anyway), two global atomics and the size field of `sys.modules`
//! (a cached pointer). Only when that size changed is `"greenlet"` looked up. No frame
//! objects are touched (`PyEval_GetFrame` would materialise one on 3.11+).
//!
//! The size test can miss an import that coincides with removals leaving `sys.modules`
//! exactly as large as at the previous scope opening (`del sys.modules[...]` twice, then
//! `import greenlet`, with no Rust call in between). Importing gevent adds dozens of
//! modules, so in practice the first scope after the import notices.
//!
//! The hook is `greenlet.settrace`'s callback, a C function of ours that chains to the
//! trace function it replaced. greenlet's trace functions are per thread, so each thread
//! installs its own the first time it opens a scope after greenlet was loaded. A program
//! that later replaces the trace function without chaining to the previous one (the
//! return value of `settrace`) disables the tracking; gevent's own tracers chain.
//!
//! The module-level caches are atomics: on free-threaded builds two threads may race to
//! fill them, which only costs a redundant lookup or a dropped duplicate reference.

use std::cell::UnsafeCell;
use std::ffi::CStr;
use std::os::raw::c_char;
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicPtr, Ordering};

use crate::err::SavedErrorIndicator;
use crate::ffi;
use crate::impl_::TempRef;
use crate::python::Python;

/// Set once `greenlet` has been seen in `sys.modules`; never cleared.
static LOADED: AtomicBool = AtomicBool::new(false);
/// `sys.modules` (a strong reference kept for the life of the process).
static MODULES: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());
/// The interned key `"greenlet"` (kept for the life of the process).
static KEY: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());
/// The size of `sys.modules` at the last look-up, or -1.
static SEEN_LEN: AtomicIsize = AtomicIsize::new(-1);
/// `greenlet.getcurrent` (kept for the life of the process).
static GETCURRENT: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());

/// The greenlets a thread's existing pool may belong to when its hook is installed.
pub(super) struct Stacks {
    /// The greenlet running now (its address).
    pub(super) current: usize,
    /// The thread's main greenlet, root of the parent chain (its address).
    pub(super) main: usize,
}

/// Whether the `greenlet` module has been loaded in this process.
///
/// The common answer, "no, and `sys.modules` has not changed", costs two atomic loads and
/// a read of the dict's size.
#[inline]
pub(super) fn is_loaded(py: Python<'_>) -> bool {
    if LOADED.load(Ordering::Relaxed) {
        return true;
    }
    let modules = MODULES.load(Ordering::Acquire);
    if modules.is_null() {
        return look_up(py, None);
    }
    // SAFETY: `modules` is a dict we hold a reference to, and the GIL is held.
    let len = unsafe { dict_len(modules) };
    if SEEN_LEN.load(Ordering::Relaxed) == len {
        return false;
    }
    look_up(py, Some(len))
}

/// The number of items in a dict.
///
/// # Safety
/// `dict` must be a live dict object.
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
#[inline(always)]
unsafe fn dict_len(dict: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    // Read the field directly rather than calling PyDict_Size: this runs whenever a pool
    // scope opens. Free-threaded CPython updates the field with relaxed atomic stores, so
    // it is read as an atomic here.
    // SAFETY: `dict` is a dict (caller), so it has the `PyDictObject` layout, and
    // `AtomicIsize` has the layout of `Py_ssize_t`.
    unsafe {
        let used = ptr::addr_of!((*dict.cast::<ffi::PyDictObject>()).ma_used);
        (*used.cast::<AtomicIsize>()).load(Ordering::Relaxed)
    }
}

/// The number of items in a dict.
///
/// # Safety
/// `dict` must be a live dict object.
#[cfg(any(Py_LIMITED_API, PyPy, GraalPy))]
#[inline(always)]
unsafe fn dict_len(dict: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    // SAFETY: forwarded from the caller; the GIL is held.
    unsafe { ffi::PyDict_Size(dict) }
}

/// Caches `sys.modules` on first use and looks `"greenlet"` up in it, remembering the
/// size it had (`len`, if already read).
#[cold]
#[inline(never)]
fn look_up(py: Python<'_>, len: Option<ffi::Py_ssize_t>) -> bool {
    // SAFETY: the GIL is held (token); the caches hold strong references.
    unsafe {
        let modules = cached(&MODULES, || {
            let borrowed = ffi::PySys_GetObject(c"modules".as_ptr());
            if borrowed.is_null() || ffi::PyDict_Check(borrowed) == 0 {
                return ptr::null_mut();
            }
            ffi::Py_IncRef(borrowed);
            borrowed
        });
        if modules.is_null() {
            return false;
        }
        let len = len.unwrap_or_else(|| dict_len(modules));
        SEEN_LEN.store(len, Ordering::Relaxed);
        let key = cached(&KEY, || {
            ffi::PyUnicode_InternFromString(c"greenlet".as_ptr().cast::<c_char>())
        });
        if key.is_null() {
            return false;
        }
        let _saved = SavedErrorIndicator::take(py);
        let mut module = ptr::null_mut();
        match ffi::compat::PyDict_GetItemRef(modules, key, &mut module) {
            1 => {
                ffi::Py_DecRef(module);
                LOADED.store(true, Ordering::Relaxed);
                true
            }
            0 => false,
            _ => {
                ffi::PyErr_Clear();
                false
            }
        }
    }
}

/// Reads a process-wide cached object, creating it with `make` (a new reference or null)
/// on first use.
///
/// # Safety
/// The GIL must be held; `make` must return a new reference or null (with any error
/// cleared or left for the caller).
unsafe fn cached(
    slot: &AtomicPtr<ffi::PyObject>,
    make: impl FnOnce() -> *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let existing = slot.load(Ordering::Acquire);
    if !existing.is_null() {
        return existing;
    }
    let made = make();
    if made.is_null() {
        // SAFETY: the GIL is held; a failed creation leaves nothing worth reporting here.
        unsafe { ffi::PyErr_Clear() };
        return made;
    }
    match slot.compare_exchange(ptr::null_mut(), made, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => made,
        Err(winner) => {
            // SAFETY: another thread cached an equivalent object; ours is not needed.
            unsafe { ffi::Py_DecRef(made) };
            winner
        }
    }
}

/// Why the hook could not be installed.
pub(super) enum InstallError {
    /// `greenlet` is in `sys.modules` but still being imported (its functions are not
    /// there yet); try again at the next scope. No greenlet can switch before the import
    /// finishes.
    NotReady,
    /// greenlet does not cooperate; the reason was printed.
    Failed,
}

/// Installs this thread's switch hook. Returns the running and main greenlets.
pub(super) fn install_hook(py: Python<'_>) -> Result<Stacks, InstallError> {
    let _saved = SavedErrorIndicator::take(py);
    let result = install(py);
    if let Err(InstallError::Failed) = result {
        eprintln!(
            "pyo3: could not install the greenlet switch hook; Python references held \
             by Rust code across greenlet switches on this thread are not protected"
        );
        // SAFETY: the GIL is held; the failed call left an exception set (printed and
        // cleared here).
        unsafe { ffi::PyErr_Print() };
    }
    result
}

/// Wraps a new reference, or fails on null (with the Python error left set).
fn owned(ptr: *mut ffi::PyObject) -> Result<TempRef, InstallError> {
    // SAFETY: callers pass new references; the GIL is held while the guard lives.
    NonNull::new(ptr)
        .map(|p| unsafe { TempRef::from_owned(p) })
        .ok_or(InstallError::Failed)
}

/// `getattr(module, name)`, where a missing attribute means the module is still being
/// imported.
///
/// # Safety
/// The GIL must be held and `module` must be a live object.
unsafe fn module_attr(module: *mut ffi::PyObject, name: &CStr) -> Result<TempRef, InstallError> {
    // SAFETY: forwarded from the caller; the result is a new reference or null.
    let attr = unsafe { ffi::PyObject_GetAttrString(module, name.as_ptr()) };
    if attr.is_null() {
        // SAFETY: the GIL is held and the failed call set an exception.
        unsafe {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
                ffi::PyErr_Clear();
                return Err(InstallError::NotReady);
            }
        }
    }
    owned(attr)
}

fn install(_py: Python<'_>) -> Result<Stacks, InstallError> {
    // SAFETY: the GIL is held (token); every pointer below is checked for null before use
    // and owned references are held by `TempRef` guards.
    unsafe {
        let modules = MODULES.load(Ordering::Acquire);
        let key = KEY.load(Ordering::Acquire);
        let mut module = ptr::null_mut();
        if ffi::compat::PyDict_GetItemRef(modules, key, &mut module) != 1 {
            if !ffi::PyErr_Occurred().is_null() {
                return Err(InstallError::Failed);
            }
            return Err(InstallError::NotReady);
        }
        let module = owned(module)?;
        let module = module.as_any().as_ptr();
        // Fetch all three before changing anything, so a half-imported module changes
        // nothing.
        let getcurrent = module_attr(module, c"getcurrent")?;
        let gettrace = module_attr(module, c"gettrace")?;
        let settrace = module_attr(module, c"settrace")?;
        let getcurrent = cached(&GETCURRENT, || {
            let ptr = getcurrent.as_any().as_ptr();
            ffi::Py_IncRef(ptr);
            ptr
        });

        let previous = owned(ffi::PyObject_CallObject(
            gettrace.as_any().as_ptr(),
            ptr::null_mut(),
        ))?;
        let previous = previous.as_any().as_ptr();
        // The hook's `self` is the trace function it chains to (NULL when there was none).
        let chained = if previous == ffi::Py_None() {
            ptr::null_mut()
        } else {
            previous
        };
        let hook = owned(ffi::PyCFunction_NewEx(
            TRACE_DEF.0.get(),
            chained,
            ptr::null_mut(),
        ))?;
        let args = owned(ffi::PyTuple_New(1))?;
        ffi::Py_IncRef(hook.as_any().as_ptr());
        // PyTuple_SetItem steals the reference taken just above.
        ffi::PyTuple_SetItem(args.as_any().as_ptr(), 0, hook.as_any().as_ptr());
        owned(ffi::PyObject_CallObject(
            settrace.as_any().as_ptr(),
            args.as_any().as_ptr(),
        ))?;

        let current = owned(ffi::PyObject_CallObject(getcurrent, ptr::null_mut()))?;
        let current = current.as_any().as_ptr();
        // The parent chain ends at the thread's main greenlet, whose parent is None.
        let mut main = current;
        loop {
            let parent = owned(ffi::PyObject_GetAttrString(main, c"parent".as_ptr()))?;
            let parent = parent.as_any().as_ptr();
            if parent == ffi::Py_None() {
                break;
            }
            // Greenlets are kept alive by their children's `parent` links; the addresses
            // are only used as identities.
            main = parent;
        }
        Ok(Stacks {
            current: current as usize,
            main: main as usize,
        })
    }
}

/// A `PyMethodDef` in a `static`: CPython only reads it.
struct MethodDef(UnsafeCell<ffi::PyMethodDef>);

// SAFETY: the definition is never written after construction; CPython reads it under the
// GIL (or with an attached thread state).
unsafe impl Sync for MethodDef {}

static TRACE_DEF: MethodDef = MethodDef(UnsafeCell::new(ffi::PyMethodDef {
    ml_name: c"pyo3_greenlet_trace".as_ptr(),
    ml_meth: ffi::PyMethodDefPointer {
        PyCFunction: greenlet_trace,
    },
    ml_flags: ffi::METH_VARARGS,
    ml_doc: c"pyo3's greenlet switch hook: gives each greenlet its own pool of Python references held by Rust code, then calls the trace function it replaced."
        .as_ptr(),
}));

/// greenlet's trace callback, `(event, (origin, target))`: greenlet calls it right after
/// every switch and throw, already running as the target.
unsafe extern "C" fn greenlet_trace(
    chained: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: called by greenlet with the GIL held.
    let outcome = std::panic::catch_unwind(|| unsafe { on_switch(chained, args) });
    match outcome {
        Ok(result) => result,
        Err(_) => {
            // The pools could no longer be matched to their greenlets; carrying on could
            // free objects that are still in use.
            eprintln!("pyo3: panic in the greenlet switch hook; aborting");
            std::process::abort()
        }
    }
}

/// Swaps in the running greenlet's pool, then calls the chained trace function.
///
/// # Safety
/// The GIL must be held; `chained` is null or a callable, `args` the trace arguments.
unsafe fn on_switch(chained: *mut ffi::PyObject, args: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // Ask greenlet itself rather than trusting `args`: the hook is reachable from Python
    // (`greenlet.gettrace()`) and could be called with made-up greenlets.
    let getcurrent = GETCURRENT.load(Ordering::Acquire);
    // SAFETY: the GIL is held; `getcurrent` was cached before the hook was installed.
    let current = unsafe { ffi::PyObject_CallObject(getcurrent, ptr::null_mut()) };
    if current.is_null() {
        // SAFETY: the GIL is held and the failed call left an exception set.
        unsafe { ffi::PyErr_Print() };
        eprintln!("pyo3: greenlet.getcurrent() failed inside the switch hook; aborting");
        std::process::abort();
    }
    // SAFETY: the GIL is held and the hook runs inside greenlet's switch, never inside the
    // pool's own code; `current` is the running greenlet.
    unsafe {
        super::pool::switched_to(current as usize);
        ffi::Py_DecRef(current);
    }
    if chained.is_null() {
        // SAFETY: returning a new reference to None.
        unsafe {
            ffi::Py_IncRef(ffi::Py_None());
            ffi::Py_None()
        }
    } else {
        // SAFETY: `chained` is the previous trace function (kept alive as our `self`).
        unsafe { ffi::PyObject_Call(chained, args, ptr::null_mut()) }
    }
}
