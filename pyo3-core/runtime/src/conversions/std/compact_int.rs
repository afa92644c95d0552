//! Reading and building a small exact `int` straight in its object layout.
//!
//! CPython stores an `int` of at most one digit ("compact") as a digit count with sign
//! plus the digit; `PyLong_AsLongLong` spends most of its time on the general case. With
//! the full (non-limited) API we may read the layout, as Cython does, which makes
//! `Vec<i64>` from a list of small ints several times cheaper. Anything else (a subclass,
//! a larger value, an unusual digit size) takes the C-API path.
//!
//! Writing one is the same idea in reverse, for a single client: a borrowing iterator
//! ([`crate::pycell::PyBorrowedIter`]) that handed out a one-digit `int` and holds the only
//! reference left gives that object the next value instead of allocating a new one
//! ([`refill`]). Building new ints in place was tried and measured slower than
//! `PyLong_FromLongLong` in list conversions (callgrind, `benches/profile`), so new ints
//! use the C API.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::ffi;

/// The start of every `int` object: the object header, the size word (`ob_size`, the signed
/// digit count, before 3.12; `lv_tag`, digit count and sign bits, from 3.12), the first
/// digit.
#[repr(C)]
struct LongHead {
    ob_base: ffi::PyObject,
    size_or_tag: isize,
    digit0: u32,
}

/// Whether digits are 30 bits in a `u32` (every mainstream build): 0 unknown, 1 yes, 2 no.
static THIRTY_BIT_DIGITS: AtomicU8 = AtomicU8::new(0);

/// The value of `ob` if it is an exact `int` of at most one digit, read from its layout.
///
/// # Safety
/// `ob` must be a valid object and the GIL held.
#[inline(always)]
pub(crate) unsafe fn exact_compact_value(ob: *mut ffi::PyObject) -> Option<i64> {
    // SAFETY: forwarded from the caller.
    if unsafe { ffi::PyLong_CheckExact(ob) } == 0 {
        return None;
    }
    // SAFETY: an exact `int` starts with a `LongHead`; the digit is read only when the
    // size word says the object has one.
    let value = unsafe { read_compact(ob.cast::<LongHead>()) }?;
    match THIRTY_BIT_DIGITS.load(Ordering::Relaxed) {
        1 => Some(value),
        0 if probe_digit_size() => Some(value),
        _ => None,
    }
}

/// The value of a compact `int`, or `None` for more than one digit.
///
/// # Safety
/// `head` must point to an `int` object with 30-bit digits if it has a digit at all (the
/// caller discards the value otherwise; a one-digit object always has the digit's storage).
#[inline(always)]
unsafe fn read_compact(head: *const LongHead) -> Option<i64> {
    // SAFETY: the size word follows the header of every `int`.
    let word = unsafe { (*head).size_or_tag };
    #[cfg(not(Py_3_12))]
    {
        // `ob_size` is the signed digit count; zero has no digit stored before 3.12.
        match word {
            0 => Some(0),
            // SAFETY: one digit is stored.
            1 => Some(i64::from(unsafe { (*head).digit0 })),
            // SAFETY: as above.
            -1 => Some(-i64::from(unsafe { (*head).digit0 })),
            _ => None,
        }
    }
    #[cfg(Py_3_12)]
    {
        // `lv_tag`: digit count << 3 | sign (0 positive, 1 zero, 2 negative); every int
        // stores at least one digit (zero's is 0).
        let tag = word as usize;
        if tag >= 2 << 3 {
            return None;
        }
        let sign = 1 - (tag & 3) as i64;
        // SAFETY: at least one digit is stored.
        Some(sign * i64::from(unsafe { (*head).digit0 }))
    }
}

/// The largest value of one 30-bit digit.
const DIGIT_MAX: i64 = (1 << 30) - 1;

/// Whether `value` is one 30-bit digit and not among CPython's shared small ints (-5 to
/// 256, which must stay the shared objects: `x is 5`).
#[inline(always)]
fn one_digit_unshared(value: i64) -> bool {
    (257..=DIGIT_MAX).contains(&value) || (-DIGIT_MAX..=-6).contains(&value)
}

/// Whether `ob` may later be refilled by [`refill`]: an exact one-digit `int` outside the
/// shared small ints.
///
/// # Safety
/// `ob` must be a valid object and the GIL held.
#[inline(always)]
pub(crate) unsafe fn refillable(ob: *mut ffi::PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    matches!(unsafe { exact_compact_value(ob) }, Some(value) if one_digit_unshared(value))
}

/// Gives `ob` the value `value` and returns true, if no one else can see it: `ob` is an
/// `int` that passed [`refillable`], the caller's reference is its only one, and `value`
/// is one digit outside the shared small ints. Otherwise returns false and changes nothing.
///
/// Sound because an `int` nobody else references cannot be observed: ints have no weak
/// references and no cached hash, and the object keeps its type, size and allocation (one
/// digit's storage, which it had). The interpreter itself holds no uncounted references to
/// an object past the instruction that used it. This is what lets a borrowing iterator hand
/// a `for` loop the same object at every step, as a `set` iterator hands out stored ones.
///
/// # Safety
/// `ob` must be a reference the caller owns to an object that passed [`refillable`], and
/// the GIL held (not free-threaded: there the count alone does not prove exclusivity).
#[inline(always)]
pub(crate) unsafe fn refill(ob: *mut ffi::PyObject, value: i64) -> bool {
    // SAFETY: `ob` is valid (owned by the caller).
    if unsafe { ffi::Py_REFCNT(ob) } != 1 || !one_digit_unshared(value) {
        return false;
    }
    #[cfg(not(Py_3_12))]
    // `ob_size`: the signed digit count.
    let size_or_tag: isize = if value < 0 { -1 } else { 1 };
    #[cfg(Py_3_12)]
    // `lv_tag`: one digit (1 << 3), sign 0 positive or 2 negative.
    let size_or_tag: isize = if value < 0 { (1 << 3) | 2 } else { 1 << 3 };
    let head = ob.cast::<LongHead>();
    // SAFETY: `ob` is an exact one-digit int (it passed `refillable`, and ints never
    // change in place except here), so the size word and one digit are its storage; digits
    // are 30 bits (`refillable` saw the probe succeed) and `value` fits one. No other
    // reference exists, so nothing reads the object while it is rewritten.
    unsafe {
        std::ptr::addr_of_mut!((*head).size_or_tag).write(size_or_tag);
        std::ptr::addr_of_mut!((*head).digit0).write(value.unsigned_abs() as u32);
    }
    true
}

/// Finds out once whether digits are 30 bits, from an int that is one 30-bit digit but two
/// 15-bit ones.
#[cold]
#[inline(never)]
fn probe_digit_size() -> bool {
    const PROBE: i64 = 1 << 20;
    // SAFETY: the GIL is held (contract of `exact_compact_value`); the new int is released
    // below.
    let ob = unsafe { ffi::PyLong_FromLongLong(PROBE) };
    if ob.is_null() {
        // SAFETY: the GIL is held; the MemoryError is dropped, the fast path stays off.
        unsafe { ffi::PyErr_Clear() };
        return false;
    }
    // SAFETY: `ob` is an exact int; with 15-bit digits it has two, so the digit is not read.
    let ok = unsafe { read_compact(ob.cast::<LongHead>()) } == Some(PROBE);
    // SAFETY: our own reference from above.
    unsafe { ffi::Py_DecRef(ob) };
    THIRTY_BIT_DIGITS.store(if ok { 1 } else { 2 }, Ordering::Relaxed);
    ok
}
