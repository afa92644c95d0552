//! The `#[pyo3(...)]` grammar only: option keywords, their values, and the signature
//! syntax. Nothing here knows about functions or modules beyond the tokens.

pub mod class_options;
pub mod derive_options;
pub mod kw;
pub mod options;
pub mod signature;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Attribute, Ident, Token};

use crate::ctxt::Ctxt;
use crate::messages;

/// `keyword = value`, keeping the keyword for spans.
#[derive(Clone)]
pub struct KeywordAttribute<K, V> {
    /// The keyword token.
    pub kw: K,
    /// The `=` token.
    pub eq: syn::token::Eq,
    /// The value.
    pub value: V,
}

impl<K: Parse, V: Parse> Parse for KeywordAttribute<K, V> {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        Ok(KeywordAttribute {
            kw: input.parse()?,
            eq: input.parse()?,
            value: input.parse()?,
        })
    }
}

impl<K: ToTokens, V: ToTokens> ToTokens for KeywordAttribute<K, V> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.kw.to_tokens(tokens);
        self.eq.to_tokens(tokens);
        self.value.to_tokens(tokens);
    }
}

impl<K: syn::spanned::Spanned, V> KeywordAttribute<K, V> {
    /// The span of the keyword, where errors about the option point.
    pub fn kw_span(&self) -> Span {
        self.kw.span()
    }
}

/// One row of an option table: the keyword, and how to parse the option it starts.
pub struct OptionRow<T> {
    /// The keyword as written.
    pub keyword: &'static str,
    /// Parses the whole option, keyword included.
    pub parse: fn(ParseStream<'_>) -> syn::Result<T>,
}

/// An option table for one attribute, e.g. the options of `#[pyfunction]`.
pub struct OptionTable<T: 'static> {
    /// The attribute's name, for messages.
    pub attribute: &'static str,
    /// One row per keyword.
    pub rows: &'static [OptionRow<T>],
}

impl<T> OptionTable<T> {
    fn keywords(&self) -> Vec<&'static str> {
        self.rows.iter().map(|r| r.keyword).collect()
    }

    /// Parses a comma-separated option list. Each bad option is recorded in `cx` and
    /// skipped, so one mistake does not hide the next.
    pub fn parse_list(&self, cx: &Ctxt, tokens: TokenStream) -> Vec<T> {
        let mut options = Vec::new();
        let parser = |input: ParseStream<'_>| {
            while !input.is_empty() {
                self.parse_one(cx, input, &mut options);
                if input.is_empty() {
                    break;
                }
                if input.parse::<Token![,]>().is_err() {
                    cx.error_at(input.span(), "expected `,` between options");
                    skip_to_comma(input);
                    let _ = input.parse::<Token![,]>();
                }
            }
            Ok(())
        };
        if let Err(err) = parser.parse2(tokens) {
            cx.syn_error(err);
        }
        options
    }

    fn parse_one(&self, cx: &Ctxt, input: ParseStream<'_>, options: &mut Vec<T>) {
        let keyword = match input.fork().call(Ident::parse_any) {
            Ok(ident) => ident,
            Err(_) => {
                let span = input
                    .fork()
                    .parse::<proc_macro2::TokenTree>()
                    .map_or(input.span(), |t| t.span());
                cx.error_at(
                    span,
                    messages::expected_option(self.attribute, &self.keywords()),
                );
                skip_to_comma(input);
                return;
            }
        };
        let name = keyword.unraw().to_string();
        match self.rows.iter().find(|row| row.keyword == name) {
            Some(row) => match (row.parse)(input) {
                Ok(option) => {
                    if !input.is_empty() && !input.peek(Token![,]) {
                        cx.error_at(input.span(), "expected `,` after this option");
                        skip_to_comma(input);
                    }
                    options.push(option);
                }
                Err(err) => {
                    cx.syn_error(err);
                    skip_to_comma(input);
                }
            },
            None => {
                cx.error_at(
                    keyword.span(),
                    messages::unknown_option(&name, self.attribute, &self.keywords()),
                );
                skip_to_comma(input);
            }
        }
    }
}

/// Skips tokens up to (not including) the next top-level comma.
fn skip_to_comma(input: ParseStream<'_>) {
    while !input.is_empty() && !input.peek(Token![,]) {
        let _ = input.parse::<proc_macro2::TokenTree>();
    }
}

/// Removes every `#[pyo3(...)]` attribute from `attrs` and returns their option tokens.
/// A `#[pyo3]` without a list is reported.
pub fn take_pyo3_attributes(cx: &Ctxt, attrs: &mut Vec<Attribute>) -> Vec<TokenStream> {
    let mut found = Vec::new();
    attrs.retain(|attr| {
        if !attr.path().is_ident("pyo3") {
            return true;
        }
        match &attr.meta {
            syn::Meta::List(list) => found.push(list.tokens.clone()),
            other => {
                cx.error_spanned_by(other, "expected a list of options: `#[pyo3(option, ...)]`")
            }
        }
        false
    });
    found
}

/// A string literal parsed as a Rust path (`crate = "..."`, `from_py_with = "..."`).
pub fn path_from_lit(lit: &syn::LitStr) -> syn::Result<syn::Path> {
    lit.parse::<syn::Path>()
        .map_err(|_| syn::Error::new(lit.span(), "expected a path, e.g. `\"my_crate::pyo3\"`"))
}
