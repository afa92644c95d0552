//! The wording of every error the macros report, in one place and one style: lowercase, no
//! trailing period, names in backticks, saying what to write instead.

/// `keywords` as "`a`, `b`, `c`".
pub fn one_of(keywords: &[&str]) -> String {
    keywords
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An option keyword that the attribute does not know.
pub fn unknown_option(found: &str, attribute: &str, keywords: &[&str]) -> String {
    format!(
        "unknown option `{found}` for `{attribute}`; expected one of: {}",
        one_of(keywords)
    )
}

/// Something that is not an option at all where an option was expected.
pub fn expected_option(attribute: &str, keywords: &[&str]) -> String {
    format!(
        "expected an option of `{attribute}`, one of: {}",
        one_of(keywords)
    )
}

/// The same option given twice.
pub fn duplicate_option(keyword: &str) -> String {
    format!("`{keyword}` may only be specified once; remove this one")
}

/// An attribute macro applied to something it does not handle.
pub fn wrong_item(attribute: &str, expected: &str) -> String {
    format!("`#[{attribute}]` applies only to {expected}")
}

/// `async fn`.
pub fn async_fn(attribute: &str) -> String {
    format!(
        "`#[{attribute}]` does not support `async fn`; write a synchronous function (run \
         the future inside it, or return an object that Python can await)"
    )
}

/// A function with type or const generics.
pub fn generic_fn(attribute: &str) -> String {
    format!(
        "`#[{attribute}]` functions cannot have generic type or const parameters, because \
         Python calls them with objects of any type; use concrete types (or `&PyAny`) and \
         call a generic helper from the body"
    )
}

/// A `self` parameter on a free function.
pub fn receiver(attribute: &str) -> String {
    format!(
        "`#[{attribute}]` functions cannot take `self`; methods belong in a `#[pymethods]` \
         block, or make this a free function taking the value as a parameter"
    )
}

/// `unsafe fn`.
pub fn unsafe_fn(attribute: &str) -> String {
    format!(
        "`#[{attribute}]` cannot be applied to an `unsafe fn`, since Python may call it with \
         anything; write a safe wrapper that checks the arguments and calls it"
    )
}

/// `unsafe fn` in a `#[pymethods]` block, where only the buffer slots may be.
pub const UNSAFE_METHOD: &str =
    "`#[pymethods]` items cannot be `unsafe fn`, since Python may call them with anything \
     (only `__getbuffer__` and `__releasebuffer__`, which receive raw C pointers, may be); \
     write a safe wrapper that checks the arguments and calls it";

/// A parameter pattern that is not a plain name.
pub const PARAMETER_PATTERN: &str =
    "expected a named parameter (`name: Type`); Python passes arguments by name, so \
     destructure inside the function body";
