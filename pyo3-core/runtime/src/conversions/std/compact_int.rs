//! Reading and building a small exact `int` straight in its object layout.
//!
//! CPython stores an `int` of at most one digit ("compact") as a digit count with sign
//! plus the digit; `PyLong_AsLongLong` spends most of its time on the general case. With
//! the full (non-limited) API we may read the layout, as Cython does, which makes
//! `Vec<i64>` from a list of small ints several times cheaper. Anything else (a subclass,
//! a larger value, an unusual digit size) takes the C-API path.
//!
//! Building one is the same idea in reverse: a one-digit `int` outside the shared small
//! ints is `PyObject_Malloc` + `PyObject_Init` (which does the reference-count, tracemalloc
//! and reference-tracer bookkeeping of every new object) + the size word and the digit,
//! about 20 instructions fewer than `PyLong_FromLongLong`'s generic entry (measured on
//! 3.11 with callgrind, `benches/iter/profile.py`).

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

/// A new reference to an `int` of value `value`, or null with an error set, like
/// `PyLong_FromLongLong`. Values of one 30-bit digit that are not among CPython's shared
/// small ints (-5 to 256, which must stay shared: `x is 5`) are built in place.
///
/// # Safety
/// The GIL must be held.
#[inline(always)]
pub(crate) unsafe fn new_long(value: i64) -> *mut ffi::PyObject {
    let one_digit = (257..=DIGIT_MAX).contains(&value) || (-DIGIT_MAX..=-6).contains(&value);
    if one_digit {
        let ok = match THIRTY_BIT_DIGITS.load(Ordering::Relaxed) {
            1 => true,
            0 => probe_digit_size(),
            _ => false,
        };
        if ok {
            // SAFETY: forwarded from the caller; the value fits one 30-bit digit, the
            // digit size of this interpreter.
            return unsafe { new_one_digit(value) };
        }
    }
    new_long_c_api(value)
}

/// The general case of [`new_long`], out of line so the one-digit path inlines.
#[inline(never)]
fn new_long_c_api(value: i64) -> *mut ffi::PyObject {
    // SAFETY: the GIL is held (contract of `new_long`).
    unsafe { ffi::PyLong_FromLongLong(value) }
}

/// Builds a one-digit `int` in place.
///
/// # Safety
/// The GIL is held, digits are 30 bits and `0 < |value| <= DIGIT_MAX`.
#[inline(always)]
unsafe fn new_one_digit(value: i64) -> *mut ffi::PyObject {
    // CPython's own allocation for one digit: the header up to the digit array, one digit.
    const SIZE: usize = std::mem::offset_of!(LongHead, digit0) + std::mem::size_of::<u32>();
    // SAFETY: the GIL is held; the result is checked for null before use.
    let ob = unsafe { ffi::PyObject_Malloc(SIZE) }.cast::<ffi::PyObject>();
    if ob.is_null() {
        return no_memory();
    }
    #[cfg(not(Py_3_12))]
    // `ob_size`: the signed digit count.
    let size_or_tag: isize = if value < 0 { -1 } else { 1 };
    #[cfg(Py_3_12)]
    // `lv_tag`: one digit (1 << 3), sign 0 positive or 2 negative.
    let size_or_tag: isize = if value < 0 { (1 << 3) | 2 } else { 1 << 3 };
    // SAFETY: `ob` is a fresh allocation of an `int`'s size; `PyObject_Init` sets its type
    // and reference count (and does the interpreter's bookkeeping for a new object), then
    // the size word and the digit complete the layout CPython expects of a one-digit int
    // (the caller guarantees the digit size and range). Nothing sees the object before.
    unsafe {
        ffi::PyObject_Init(ob, std::ptr::addr_of_mut!(ffi::PyLong_Type));
        let head = ob.cast::<LongHead>();
        std::ptr::addr_of_mut!((*head).size_or_tag).write(size_or_tag);
        std::ptr::addr_of_mut!((*head).digit0).write(value.unsigned_abs() as u32);
    }
    ob
}

/// `MemoryError`, returning null.
#[cold]
#[inline(never)]
fn no_memory() -> *mut ffi::PyObject {
    // SAFETY: the GIL is held (contract of `new_long`); PyErr_NoMemory returns null.
    unsafe { ffi::PyErr_NoMemory() }
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
