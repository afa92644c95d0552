//! The model of an annotated item: what `#[pyfunction]` / `#[pymodule]` mean for it,
//! built from syn and the parsed options, keeping the original tokens for spans.

pub mod class;
pub mod derive;
pub mod docs;
pub mod function;
pub mod method;
pub mod module;
pub mod rename;
pub mod signature;
pub mod slots;
pub mod text_signature;
pub mod types;

use proc_macro2::Span;
use syn::{LitStr, Token};

use crate::attr::KeywordAttribute;
use crate::ctxt::Ctxt;
use crate::messages;

/// Stores an option, reporting a second occurrence at its keyword.
pub fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, keyword: &str, span: Span) {
    if slot.is_some() {
        cx.error_at(span, messages::duplicate_option(keyword));
    } else {
        *slot = Some(value);
    }
}

/// The path generated code uses to reach the runtime: `::pyo3`, or `crate = "..."`.
pub fn krate_path(
    cx: &Ctxt,
    option: Option<&KeywordAttribute<Token![crate], LitStr>>,
) -> syn::Path {
    match option {
        Some(option) => match crate::attr::path_from_lit(&option.value) {
            Ok(path) => path,
            Err(err) => {
                cx.syn_error(err);
                syn::parse_quote!(::pyo3)
            }
        },
        None => syn::parse_quote!(::pyo3),
    }
}

/// The Python name given with `name = "..."`, checked to be usable as a C string.
pub fn python_name(cx: &Ctxt, option: Option<&LitStr>, default: &syn::Ident) -> String {
    match option {
        Some(lit) => {
            let name = lit.value();
            if name.is_empty() || name.contains('\0') {
                cx.error_spanned_by(lit, "`name` must be a non-empty Python identifier");
            }
            name
        }
        None => function::python_name_of(default),
    }
}
