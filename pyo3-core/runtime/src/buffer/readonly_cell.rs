//! `ReadOnlyCell<T>`: an item of a buffer that Rust may read but not write, and that
//! Python code may change at any time (so it is never handed out as `&T`).

use std::cell::UnsafeCell;

use super::Element;

/// A buffer item, read by copying it out.
#[repr(transparent)]
pub struct ReadOnlyCell<T: Element>(UnsafeCell<T>);

impl<T: Element> ReadOnlyCell<T> {
    /// The current value.
    #[inline]
    pub fn get(&self) -> T {
        // SAFETY: the cell lies in a live buffer (the only way to get one); reads happen
        // under the GIL, which Python writers also hold.
        unsafe { *self.0.get() }
    }

    /// A pointer to the item.
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.0.get()
    }
}
