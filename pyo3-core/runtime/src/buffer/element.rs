//! The element types a `PyBuffer<T>` may view, and how a buffer's struct-module format
//! string (`"B"`, `"<i"`, `"=q"`, ...) decides which of them match.

use std::ffi::CStr;
use std::mem::size_of;
use std::os::raw::{c_int, c_long, c_longlong, c_short, c_uint, c_ulong, c_ulonglong, c_ushort};

/// A Rust type a buffer's items may be read as.
///
/// # Safety
/// Every bit pattern of the format strings accepted by [`Element::is_compatible_format`]
/// must be a valid value of the type, with the type's size.
pub unsafe trait Element: Copy {
    /// Whether items of the struct-module format `format` may be read as `Self`.
    fn is_compatible_format(format: &CStr) -> bool;
}

/// What a single-item format string describes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ElementType {
    /// A signed integer of `bytes` bytes.
    SignedInteger {
        /// The size.
        bytes: usize,
    },
    /// An unsigned integer of `bytes` bytes.
    UnsignedInteger {
        /// The size.
        bytes: usize,
    },
    /// `?`: a one-byte boolean.
    Bool,
    /// A float of `bytes` bytes.
    Float {
        /// The size.
        bytes: usize,
    },
    /// Anything else: several items, structs, pointers, the other byte order, ...
    Unknown,
}

impl ElementType {
    /// Reads a format string: an optional byte-order prefix (`@`, `=`, `<`, `>`, `!`)
    /// and one type code. A byte order other than the native one is `Unknown`, since the
    /// items could not be read in place.
    pub fn from_format(format: &CStr) -> ElementType {
        match format.to_bytes() {
            [code] => native_size(*code),
            [b'@', code] => native_size(*code),
            [b'=', code] => standard_size(*code),
            [b'<', code] if cfg!(target_endian = "little") => standard_size(*code),
            [b'>' | b'!', code] if cfg!(target_endian = "big") => standard_size(*code),
            _ => ElementType::Unknown,
        }
    }
}

/// `@` (the default): the C compiler's sizes.
fn native_size(code: u8) -> ElementType {
    use ElementType::*;
    match code {
        b'c' | b'B' => UnsignedInteger { bytes: 1 },
        b'b' => SignedInteger { bytes: 1 },
        b'h' => SignedInteger {
            bytes: size_of::<c_short>(),
        },
        b'H' => UnsignedInteger {
            bytes: size_of::<c_ushort>(),
        },
        b'i' => SignedInteger {
            bytes: size_of::<c_int>(),
        },
        b'I' => UnsignedInteger {
            bytes: size_of::<c_uint>(),
        },
        b'l' => SignedInteger {
            bytes: size_of::<c_long>(),
        },
        b'L' => UnsignedInteger {
            bytes: size_of::<c_ulong>(),
        },
        b'q' => SignedInteger {
            bytes: size_of::<c_longlong>(),
        },
        b'Q' => UnsignedInteger {
            bytes: size_of::<c_ulonglong>(),
        },
        b'n' => SignedInteger {
            bytes: size_of::<isize>(),
        },
        b'N' => UnsignedInteger {
            bytes: size_of::<usize>(),
        },
        _ => standard_size(code),
    }
}

/// `=`, `<`, `>`, `!`: the struct module's standard sizes (no `n`/`N`).
fn standard_size(code: u8) -> ElementType {
    use ElementType::*;
    match code {
        b'c' | b'B' => UnsignedInteger { bytes: 1 },
        b'b' => SignedInteger { bytes: 1 },
        b'h' => SignedInteger { bytes: 2 },
        b'H' => UnsignedInteger { bytes: 2 },
        b'i' | b'l' => SignedInteger { bytes: 4 },
        b'I' | b'L' => UnsignedInteger { bytes: 4 },
        b'q' => SignedInteger { bytes: 8 },
        b'Q' => UnsignedInteger { bytes: 8 },
        b'?' => Bool,
        b'e' => Float { bytes: 2 },
        b'f' => Float { bytes: 4 },
        b'd' => Float { bytes: 8 },
        _ => Unknown,
    }
}

macro_rules! element {
    ($ty:ty, $kind:ident) => {
        // SAFETY: every bit pattern is a valid value of a primitive integer or float.
        unsafe impl Element for $ty {
            fn is_compatible_format(format: &CStr) -> bool {
                matches!(
                    ElementType::from_format(format),
                    ElementType::$kind { bytes } if bytes == size_of::<$ty>()
                )
            }
        }
    };
}

element!(u8, UnsignedInteger);
element!(u16, UnsignedInteger);
element!(u32, UnsignedInteger);
element!(u64, UnsignedInteger);
element!(usize, UnsignedInteger);
element!(i8, SignedInteger);
element!(i16, SignedInteger);
element!(i32, SignedInteger);
element!(i64, SignedInteger);
element!(isize, SignedInteger);
element!(f32, Float);
element!(f64, Float);

// SAFETY: the struct module writes `?` items as 0 or 1 only; a buffer holding other byte
// values under that format breaks the format's own contract.
unsafe impl Element for bool {
    fn is_compatible_format(format: &CStr) -> bool {
        ElementType::from_format(format) == ElementType::Bool
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(format: &str) -> ElementType {
        ElementType::from_format(&std::ffi::CString::new(format).unwrap())
    }

    #[test]
    fn formats() {
        assert_eq!(ty("B"), ElementType::UnsignedInteger { bytes: 1 });
        assert_eq!(ty("@b"), ElementType::SignedInteger { bytes: 1 });
        assert_eq!(
            ty("l"),
            ElementType::SignedInteger {
                bytes: size_of::<c_long>()
            }
        );
        assert_eq!(ty("=l"), ElementType::SignedInteger { bytes: 4 });
        assert_eq!(ty("=n"), ElementType::Unknown);
        assert_eq!(ty("d"), ElementType::Float { bytes: 8 });
        assert_eq!(ty("?"), ElementType::Bool);
        assert_eq!(ty("2i"), ElementType::Unknown);
        assert_eq!(ty("T{i}"), ElementType::Unknown);
        assert_eq!(ty(""), ElementType::Unknown);
        let (native, foreign) = if cfg!(target_endian = "little") {
            ("<q", ">q")
        } else {
            (">q", "<q")
        };
        assert_eq!(ty(native), ElementType::SignedInteger { bytes: 8 });
        assert_eq!(ty(foreign), ElementType::Unknown);
        assert_eq!(ty("!q"), ty(">q"));
    }

    #[test]
    fn elements() {
        assert!(u8::is_compatible_format(c"B"));
        assert!(u8::is_compatible_format(c"c"));
        assert!(!i8::is_compatible_format(c"B"));
        assert!(i32::is_compatible_format(c"i"));
        assert!(i32::is_compatible_format(c"=l"));
        assert!(!u32::is_compatible_format(c"i"));
        assert!(f64::is_compatible_format(c"d"));
        assert!(!f32::is_compatible_format(c"d"));
        assert!(usize::is_compatible_format(c"N"));
        assert!(bool::is_compatible_format(c"?"));
        assert!(!u8::is_compatible_format(c"?"));
    }
}
