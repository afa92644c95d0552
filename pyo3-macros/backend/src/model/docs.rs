//! Docstrings from `///` comments.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// A docstring assembled from `#[doc = ...]` attributes, one line each.
#[derive(Debug, Default, Clone)]
pub struct Docs {
    /// The lines in order.
    pub lines: Vec<DocLine>,
}

/// One `#[doc = ...]` attribute.
#[derive(Debug, Clone)]
pub enum DocLine {
    /// A literal line, with the single space that follows `///` removed.
    Text(String),
    /// A computed line (`#[doc = include_str!("...")]`), joined in at compile time.
    Expr(TokenStream),
}

impl Docs {
    /// Collects the doc attributes of an item.
    pub fn from_attrs(attrs: &[Attribute]) -> Docs {
        let lines = attrs
            .iter()
            .filter(|attr| attr.path().is_ident("doc"))
            .filter_map(|attr| match &attr.meta {
                Meta::NameValue(nv) => Some(match &nv.value {
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(text),
                        ..
                    }) => {
                        let text = text.value();
                        let text = text.strip_prefix(' ').unwrap_or(&text);
                        DocLine::Text(text.to_owned())
                    }
                    other => DocLine::Expr(other.to_token_stream()),
                }),
                _ => None,
            })
            .collect();
        Docs { lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_one_space_and_keeps_indentation() {
        let item: syn::ItemFn = syn::parse_quote! {
            /// Adds two numbers.
            ///
            ///     indented
            #[doc = include_str!("x.md")]
            #[doc(hidden)]
            fn f() {}
        };
        let docs = Docs::from_attrs(&item.attrs);
        let rendered: Vec<String> = docs
            .lines
            .iter()
            .map(|line| match line {
                DocLine::Text(text) => text.clone(),
                DocLine::Expr(tokens) => format!("<{tokens}>"),
            })
            .collect();
        assert_eq!(
            rendered,
            [
                "Adds two numbers.",
                "",
                "    indented",
                "<include_str ! (\"x.md\")>"
            ]
        );
    }
}
