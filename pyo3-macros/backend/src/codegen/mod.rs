//! Token generation only: every function here turns a checked model into code and never
//! reports an error. Generated code reaches the runtime through `#krate::impl_` alone.

pub mod args;
pub mod derive;
pub mod enums;
pub mod fallback;
pub mod pyclass;
pub mod pyfunction;
pub mod pymethods;
pub mod pymodule;
mod slot_methods;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::model::docs::{DocLine, Docs};

/// A local variable of generated code. Mixed-site hygiene keeps it invisible to the
/// user's tokens (default expressions), whatever its name.
fn local(name: &str) -> syn::Ident {
    syn::Ident::new(name, Span::mixed_site())
}

/// The NUL-terminated docstring: `prefix` (the text signature block, possibly empty),
/// then the doc lines joined with newlines. Computed lines (`#[doc = include_str!(..)]`)
/// are joined in by `concat!` at compile time.
fn doc_string(krate: &syn::Path, prefix: String, docs: &Docs) -> TokenStream {
    let mut parts = vec![quote!(#prefix)];
    for (i, line) in docs.lines.iter().enumerate() {
        if i > 0 {
            parts.push(quote!("\n"));
        }
        match line {
            DocLine::Text(text) => parts.push(quote!(#text)),
            DocLine::Expr(tokens) => parts.push(tokens.clone()),
        }
    }
    parts.push(quote!("\0"));
    quote!(#krate::impl_::core::concat!(#(#parts),*))
}
