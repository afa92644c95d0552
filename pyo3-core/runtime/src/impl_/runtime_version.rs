//! The minor version of the interpreter that is running, for messages whose wording
//! changed between CPython versions: an abi3 build runs on versions newer than its cfgs.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::ffi;

/// The running interpreter's minor version, once read (0: not read yet).
static MINOR: AtomicU8 = AtomicU8::new(0);

/// Whether the running CPython is 3.`minor` or newer.
pub(crate) fn at_least(minor: u8) -> bool {
    let mut known = MINOR.load(Ordering::Relaxed);
    if known == 0 {
        // SAFETY: Py_GetVersion returns a static, NUL-terminated string; it is part of the
        // stable ABI and reads no interpreter state.
        let text = unsafe { std::ffi::CStr::from_ptr(ffi::Py_GetVersion()) };
        known = text
            .to_str()
            .ok()
            .and_then(|t| t.split('.').nth(1))
            .map(|m| {
                m.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|m| m.parse().ok())
            .unwrap_or(u8::MAX);
        MINOR.store(known, Ordering::Relaxed);
    }
    known >= minor
}
