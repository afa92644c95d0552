//! Synchronisation primitives that cooperate with the GIL: `GILOnceCell` and `intern!`.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::Once;

use crate::instance::Py;
use crate::python::Python;
use crate::types::PyString;

/// A cell written at most once, read freely afterwards.
///
/// Unlike `std::sync::OnceLock::get_or_init`, initialisation never blocks while holding the
/// GIL: if two threads race (the initialiser may call Python and release the GIL), both
/// compute a value and the first to finish wins; the other value is dropped. Sound on
/// free-threaded builds too: the write is guarded by a `Once`, not by the GIL.
pub struct GILOnceCell<T> {
    once: Once,
    data: UnsafeCell<MaybeUninit<T>>,
}

// SAFETY: the value is written once under `Once` and only read after completion; `T` must
// be shareable and sendable because any thread may read it or drop it.
unsafe impl<T: Send + Sync> Sync for GILOnceCell<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for GILOnceCell<T> {}

impl<T> GILOnceCell<T> {
    /// An empty cell.
    pub const fn new() -> Self {
        GILOnceCell {
            once: Once::new(),
            data: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// The value, if set.
    #[inline]
    pub fn get(&self, _py: Python<'_>) -> Option<&T> {
        if self.once.is_completed() {
            // SAFETY: completion means the value was written, and it is never written again.
            Some(unsafe { (*self.data.get()).assume_init_ref() })
        } else {
            None
        }
    }

    /// The value, computing it with `f` if unset.
    #[inline]
    pub fn get_or_init<F>(&self, py: Python<'_>, f: F) -> &T
    where
        F: FnOnce() -> T,
    {
        if let Some(value) = self.get(py) {
            return value;
        }
        let _ = self.set(py, f());
        self.get(py).expect("GILOnceCell was just set")
    }

    /// The value, computing it with the fallible `f` if unset.
    pub fn get_or_try_init<F, E>(&self, py: Python<'_>, f: F) -> Result<&T, E>
    where
        F: FnOnce() -> Result<T, E>,
    {
        if let Some(value) = self.get(py) {
            return Ok(value);
        }
        let _ = self.set(py, f()?);
        Ok(self.get(py).expect("GILOnceCell was just set"))
    }

    /// Sets the value; gives it back if the cell was already set.
    pub fn set(&self, _py: Python<'_>, value: T) -> Result<(), T> {
        let mut value = Some(value);
        self.once.call_once_force(|_| {
            let v = value.take().expect("Once runs its closure at most once");
            // SAFETY: inside the Once, no reader sees the slot until completion.
            unsafe { (*self.data.get()).write(v) };
        });
        match value {
            None => Ok(()),
            Some(v) => Err(v),
        }
    }

    /// The value, mutably, if set (exclusive access needs no synchronisation).
    pub fn get_mut(&mut self) -> Option<&mut T> {
        if self.once.is_completed() {
            // SAFETY: completion means the value was written; `&mut self` excludes readers.
            Some(unsafe { (*self.data.get()).assume_init_mut() })
        } else {
            None
        }
    }

    /// Takes the value out, leaving the cell empty.
    pub fn take(&mut self) -> Option<T> {
        if self.once.is_completed() {
            self.once = Once::new();
            // SAFETY: the value was written; we reset the Once so it is not read again.
            Some(unsafe { (*self.data.get()).assume_init_read() })
        } else {
            None
        }
    }
}

impl<T> Default for GILOnceCell<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Drop for GILOnceCell<T> {
    fn drop(&mut self) {
        if self.once.is_completed() {
            // SAFETY: the value was written once and is dropped once, here.
            unsafe { (*self.data.get()).assume_init_drop() };
        }
    }
}

/// A value that may only be used while the GIL is held: `get` requires the token.
///
/// This relies on the GIL for mutual exclusion, so it does not exist on free-threaded
/// builds (`Py_GIL_DISABLED`), where several threads hold a token at once; use a `Mutex`
/// there.
#[cfg(not(Py_GIL_DISABLED))]
pub struct GILProtected<T> {
    value: T,
}

#[cfg(not(Py_GIL_DISABLED))]
impl<T> GILProtected<T> {
    /// Wraps `value`.
    pub const fn new(value: T) -> Self {
        GILProtected { value }
    }

    /// The value; the token proves the GIL excludes other threads.
    pub fn get<'py>(&'py self, _py: Python<'py>) -> &'py T {
        &self.value
    }

    /// The value, mutably (exclusive access needs no GIL).
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

// SAFETY: the value is only reachable through `get`, which needs the GIL, so at most one
// thread uses it at a time (this type does not exist where the GIL does not exclude).
#[cfg(not(Py_GIL_DISABLED))]
unsafe impl<T: Send> Sync for GILProtected<T> {}

/// A string interned on first use; the backing store of [`intern!`](crate::intern).
#[doc(hidden)]
pub struct Interned(&'static str, GILOnceCell<Py<PyString>>);

impl Interned {
    /// A not-yet-interned string.
    pub const fn new(value: &'static str) -> Self {
        Interned(value, GILOnceCell::new())
    }

    /// The interned Python string.
    #[inline]
    pub fn get<'py>(&'py self, py: Python<'py>) -> &'py PyString {
        self.1
            .get_or_init(py, || intern_owned(py, self.0))
            .as_ref(py)
    }
}

/// An interned `str` as an owned reference. It bypasses the pool, since `intern!` also
/// runs where no pool scope is open (in calls that need none).
fn intern_owned(py: Python<'_>, text: &str) -> Py<PyString> {
    // SAFETY: `new_raw` returns a new reference or null; InternInPlace swaps it for the
    // interned object, keeping one owned reference.
    unsafe {
        let mut ptr = crate::types::string::new_raw(text);
        if !ptr.is_null() {
            crate::ffi::PyUnicode_InternInPlace(&mut ptr);
        }
        Py::from_owned_ptr(py, ptr)
    }
}

/// An interned Python string for a literal, created once and reused: `intern!(py, "name")`.
#[macro_export]
macro_rules! intern {
    ($py:expr, $text:expr) => {{
        static INTERNED: $crate::sync::Interned = $crate::sync::Interned::new($text);
        INTERNED.get($py)
    }};
}
