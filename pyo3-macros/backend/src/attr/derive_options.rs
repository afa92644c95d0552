//! The option tables of `#[derive(FromPyObject)]`: on the type or a variant, and on a
//! field.

use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

use super::options::FromPyWithValue;
use super::{kw, KeywordAttribute, OptionRow, OptionTable};

/// An option on the derived type or on one of its variants.
pub enum ContainerOption {
    /// `transparent`: extract the single field from the object itself.
    Transparent(kw::transparent),
    /// `annotation = "..."`: the name of a variant in the enum's error message.
    Annotation(KeywordAttribute<kw::annotation, LitStr>),
    /// `from_item_all`: every field is read with `obj[name]`.
    FromItemAll(kw::from_item_all),
    /// `crate = "..."`.
    Crate(KeywordAttribute<Token![crate], LitStr>),
}

/// The options of the derived type or a variant.
pub const CONTAINER_OPTIONS: OptionTable<ContainerOption> = OptionTable {
    attribute: "pyo3",
    rows: &[
        OptionRow {
            keyword: "transparent",
            parse: |input| input.parse().map(ContainerOption::Transparent),
        },
        OptionRow {
            keyword: "annotation",
            parse: |input| input.parse().map(ContainerOption::Annotation),
        },
        OptionRow {
            keyword: "from_item_all",
            parse: |input| input.parse().map(ContainerOption::FromItemAll),
        },
        OptionRow {
            keyword: "crate",
            parse: |input| input.parse().map(ContainerOption::Crate),
        },
    ],
};

/// An option on a field.
pub enum DeriveFieldOption {
    /// `attribute` or `attribute("name")`: read with `getattr`.
    Attribute(kw::attribute, Option<LitStr>),
    /// `item` or `item(key)`: read with `obj[key]`; the key is a literal.
    Item(kw::item, Option<syn::Lit>),
    /// `from_py_with = "path"`.
    FromPyWith(KeywordAttribute<kw::from_py_with, FromPyWithValue>),
}

fn parenthesised<T: Parse>(input: ParseStream<'_>) -> syn::Result<Option<T>> {
    if input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        return content.parse().map(Some);
    }
    Ok(None)
}

/// The options of a field.
pub const DERIVE_FIELD_OPTIONS: OptionTable<DeriveFieldOption> = OptionTable {
    attribute: "pyo3",
    rows: &[
        OptionRow {
            keyword: "attribute",
            parse: |input| {
                let kw = input.parse()?;
                let name = parenthesised::<LitStr>(input).map_err(|_| {
                    input.error("expected the attribute's name: `attribute(\"name\")`")
                })?;
                Ok(DeriveFieldOption::Attribute(kw, name))
            },
        },
        OptionRow {
            keyword: "item",
            parse: |input| {
                let kw = input.parse()?;
                let key = parenthesised::<syn::Lit>(input).map_err(|_| {
                    input.error("expected the key as a literal: `item(\"key\")` or `item(0)`")
                })?;
                Ok(DeriveFieldOption::Item(kw, key))
            },
        },
        OptionRow {
            keyword: "from_py_with",
            parse: |input| input.parse().map(DeriveFieldOption::FromPyWith),
        },
    ],
};
