//! The dynamic borrow flag of a class instance, and the errors a conflicting borrow raises.
//!
//! Python code can reach one object through many references, so Rust's compile-time
//! borrow rules are enforced at run time: any number of shared borrows, or one exclusive
//! borrow. A conflict raises `RuntimeError` instead of creating aliasing `&mut`.

use crate::err::PyErr;
use crate::exceptions::PyRuntimeError;

/// `0`: free; `EXCLUSIVE`: mutably borrowed; any other `n`: `n` shared borrows.
const EXCLUSIVE: usize = usize::MAX;

/// The borrow flag. Under the GIL a plain `Cell` is enough; free-threaded builds use an
/// atomic, since two attached threads may borrow the same object at once.
///
/// It also counts the exclusive borrows ever taken (the *mutation generation*): a
/// borrowing view ([`PyBorrowedIter`](crate::pycell::PyBorrowedIter)) remembers the count
/// when it is made and is invalidated once it moves. The count is bumped when an exclusive
/// borrow is *taken*, before any `&mut` exists, so a view that next takes a shared borrow
/// sees the change even if the mutating method released the GIL meanwhile.
#[derive(Default)]
pub struct BorrowChecker {
    #[cfg(not(Py_GIL_DISABLED))]
    flag: std::cell::Cell<usize>,
    #[cfg(Py_GIL_DISABLED)]
    flag: std::sync::atomic::AtomicUsize,
    #[cfg(not(Py_GIL_DISABLED))]
    generation: std::cell::Cell<u64>,
    #[cfg(Py_GIL_DISABLED)]
    generation: std::sync::atomic::AtomicU64,
}

impl BorrowChecker {
    /// A free flag.
    pub const fn new() -> Self {
        BorrowChecker {
            #[cfg(not(Py_GIL_DISABLED))]
            flag: std::cell::Cell::new(0),
            #[cfg(Py_GIL_DISABLED)]
            flag: std::sync::atomic::AtomicUsize::new(0),
            #[cfg(not(Py_GIL_DISABLED))]
            generation: std::cell::Cell::new(0),
            #[cfg(Py_GIL_DISABLED)]
            generation: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many exclusive borrows have been taken so far. Read it while holding a shared
    /// borrow: it cannot move until that borrow is released.
    #[inline]
    pub fn generation(&self) -> u64 {
        #[cfg(not(Py_GIL_DISABLED))]
        return self.generation.get();
        // Relaxed is enough: the increment happens while the writer holds the exclusive
        // flag, and our shared borrow's acquire synchronises with its release.
        #[cfg(Py_GIL_DISABLED)]
        return self.generation.load(std::sync::atomic::Ordering::Relaxed);
    }

    /// Takes a shared borrow only if no exclusive borrow has been taken since the
    /// [generation](Self::generation) was `generation`; returns whether it took one.
    #[inline]
    pub(crate) fn try_borrow_unchanged_since(&self, generation: u64) -> bool {
        if self.try_borrow().is_err() {
            return false;
        }
        if self.generation() == generation {
            return true;
        }
        self.release_borrow();
        false
    }

    /// Takes a shared borrow, or fails if mutably borrowed.
    #[inline]
    pub fn try_borrow(&self) -> Result<(), PyBorrowError> {
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let current = self.flag.get();
            if current == EXCLUSIVE || current == EXCLUSIVE - 1 {
                return Err(PyBorrowError { _private: () });
            }
            self.flag.set(current + 1);
            Ok(())
        }
        #[cfg(Py_GIL_DISABLED)]
        {
            use std::sync::atomic::Ordering;
            let mut current = self.flag.load(Ordering::Relaxed);
            loop {
                if current == EXCLUSIVE || current == EXCLUSIVE - 1 {
                    return Err(PyBorrowError { _private: () });
                }
                match self.flag.compare_exchange_weak(
                    current,
                    current + 1,
                    Ordering::Acquire,
                    Ordering::Relaxed,
                ) {
                    Ok(_) => return Ok(()),
                    Err(seen) => current = seen,
                }
            }
        }
    }

    /// Releases a shared borrow.
    #[inline]
    pub fn release_borrow(&self) {
        #[cfg(not(Py_GIL_DISABLED))]
        self.flag.set(self.flag.get() - 1);
        #[cfg(Py_GIL_DISABLED)]
        self.flag.fetch_sub(1, std::sync::atomic::Ordering::Release);
    }

    /// Takes the exclusive borrow, or fails if borrowed at all.
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<(), PyBorrowMutError> {
        #[cfg(not(Py_GIL_DISABLED))]
        {
            if self.flag.get() != 0 {
                return Err(PyBorrowMutError { _private: () });
            }
            self.flag.set(EXCLUSIVE);
            // u64 cannot wrap in practice (one increment per `&mut self` call).
            self.generation.set(self.generation.get().wrapping_add(1));
            Ok(())
        }
        #[cfg(Py_GIL_DISABLED)]
        {
            use std::sync::atomic::Ordering;
            self.flag
                .compare_exchange(0, EXCLUSIVE, Ordering::Acquire, Ordering::Relaxed)
                .map_err(|_| PyBorrowMutError { _private: () })?;
            self.generation.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
    }

    /// Releases the exclusive borrow.
    #[inline]
    pub fn release_borrow_mut(&self) {
        #[cfg(not(Py_GIL_DISABLED))]
        self.flag.set(0);
        #[cfg(Py_GIL_DISABLED)]
        self.flag.store(0, std::sync::atomic::Ordering::Release);
    }

    /// Whether any borrow is held.
    #[inline]
    pub fn is_borrowed(&self) -> bool {
        #[cfg(not(Py_GIL_DISABLED))]
        return self.flag.get() != 0;
        #[cfg(Py_GIL_DISABLED)]
        return self.flag.load(std::sync::atomic::Ordering::Acquire) != 0;
    }
}

/// A shared borrow failed because the object is mutably borrowed.
/// Raised in Python as `RuntimeError: Already mutably borrowed`.
#[derive(Debug)]
pub struct PyBorrowError {
    _private: (),
}

/// An exclusive borrow failed because the object is borrowed.
/// Raised in Python as `RuntimeError: Already borrowed`.
#[derive(Debug)]
pub struct PyBorrowMutError {
    _private: (),
}

impl std::fmt::Display for PyBorrowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Already mutably borrowed")
    }
}

impl std::fmt::Display for PyBorrowMutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Already borrowed")
    }
}

impl std::error::Error for PyBorrowError {}
impl std::error::Error for PyBorrowMutError {}

impl From<PyBorrowError> for PyErr {
    fn from(err: PyBorrowError) -> PyErr {
        PyRuntimeError::new_err(err.to_string())
    }
}

impl From<PyBorrowMutError> for PyErr {
    fn from(err: PyBorrowMutError) -> PyErr {
        PyRuntimeError::new_err(err.to_string())
    }
}
