//! The last `int`s a borrowing iterator handed out, refilled with the next value once
//! Python has let go of them.
//!
//! A `set` iterator hands out objects the set already stores; ours must make one per item,
//! and an allocation plus a deallocation per step is most of the cost of iterating a
//! `HashSet<u32>`. But a loop that does not keep its items lets go of each one: `for x in
//! it` rebinds `x` (releasing the item before last) after every `next()`, and a consumer
//! such as `deque(it, maxlen=0)` releases each at once. So the iterator keeps its own
//! reference to the last two one-digit ints it made; when the next item is such an int and
//! one of them is referenced by nothing else, that object gets the new value
//! ([`compact_int::refill`], which argues why no one can notice) and is handed out again.
//! Two, because the loop variable still holds the last item while the next one is made.
//!
//! Full-API builds with the GIL only: the stable ABI does not expose the layout, and a
//! free-threaded interpreter may hold references the count does not prove absent.

#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
use std::cell::Cell;

#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
use crate::conversions::std::compact_int;
use crate::ffi;

/// Strong references to up to two ints the iterator handed out (null when empty).
pub(super) struct RecentInts {
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
    slots: [Cell<*mut ffi::PyObject>; 2],
    /// The slot [`RecentInts::remember`] fills next (the older one).
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
    older: Cell<usize>,
}

impl RecentInts {
    pub(super) fn new() -> Self {
        RecentInts {
            #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
            slots: [
                Cell::new(std::ptr::null_mut()),
                Cell::new(std::ptr::null_mut()),
            ],
            #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
            older: Cell::new(0),
        }
    }

    /// A new reference to a remembered int now holding `value`, if one is referenced by
    /// nothing but this cache and `value` fits it; `None` otherwise.
    ///
    /// # Safety
    /// The GIL must be held and the caller must be the iterator's only user (`BUSY`).
    #[inline(always)]
    pub(super) unsafe fn reuse(&self, value: i64) -> Option<*mut ffi::PyObject> {
        #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
        for slot in &self.slots {
            let ob = slot.get();
            // SAFETY: a non-null slot is our strong reference to an int that passed
            // `refillable` when it was stored; the GIL is held.
            if !ob.is_null() && unsafe { compact_int::refill(ob, value) } {
                // SAFETY: as above; the new reference is the caller's.
                unsafe { ffi::Py_INCREF(ob) };
                return Some(ob);
            }
        }
        let _ = value;
        None
    }

    /// Remembers `ob`, a new int the caller is about to hand out, in place of the older
    /// remembered one, if it can be refilled later.
    ///
    /// # Safety
    /// `ob` must be a valid object, the GIL held and the caller the iterator's only user.
    #[inline]
    pub(super) unsafe fn remember(&self, ob: *mut ffi::PyObject) {
        #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
        // SAFETY: forwarded from the caller.
        if unsafe { compact_int::refillable(ob) } {
            let index = self.older.get();
            self.older.set(1 - index);
            // SAFETY: `ob` is valid; the slot keeps its own reference.
            unsafe { ffi::Py_INCREF(ob) };
            let old = self.slots[index].replace(ob);
            if !old.is_null() {
                // SAFETY: our reference, stored by an earlier call; freeing an int runs no
                // Python code.
                unsafe { ffi::Py_DECREF(old) };
            }
        }
        let _ = ob;
    }

    /// Releases the remembered ints.
    ///
    /// # Safety
    /// The GIL must be held and no one else using the cache (`BUSY`, or teardown).
    pub(super) unsafe fn clear(&self) {
        #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_GIL_DISABLED)))]
        for slot in &self.slots {
            let ob = slot.replace(std::ptr::null_mut());
            if !ob.is_null() {
                // SAFETY: our reference; freeing an int runs no Python code.
                unsafe { ffi::Py_DECREF(ob) };
            }
        }
    }
}
