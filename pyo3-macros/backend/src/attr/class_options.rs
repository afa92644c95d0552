//! The option tables of `#[pyclass]`, of its fields and enum variants, and of the
//! `#[pyo3(...)]` attribute on `#[pymethods]` items: one row per keyword.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use super::options::{NameValue, TextSignatureValue};
use super::signature::SignatureSyntax;
use super::{kw, KeywordAttribute, OptionRow, OptionTable};

/// An option of `#[pyclass]`.
pub enum ClassOption {
    /// `name = "PythonName"`.
    Name(KeywordAttribute<kw::name, NameValue>),
    /// `module = "package.module"`.
    Module(KeywordAttribute<kw::module, LitStr>),
    /// `extends = Base`.
    Extends(KeywordAttribute<kw::extends, syn::Path>),
    /// `freelist = N`.
    Freelist(KeywordAttribute<kw::freelist, syn::Expr>),
    /// `rename_all = "camelCase"`.
    RenameAll(KeywordAttribute<kw::rename_all, LitStr>),
    /// `crate = "path::to::pyo3"`.
    Crate(KeywordAttribute<Token![crate], LitStr>),
    /// A keyword without a value: `subclass`, `dict`, `frozen`, `eq`, ...
    Flag(Ident),
}

fn flag(input: ParseStream<'_>) -> syn::Result<ClassOption> {
    input.call(Ident::parse_any).map(ClassOption::Flag)
}

/// A row for a bare-keyword option.
macro_rules! flag_row {
    ($name:literal) => {
        OptionRow {
            keyword: $name,
            parse: flag,
        }
    };
}

/// The options of `#[pyclass]`.
pub const CLASS_OPTIONS: OptionTable<ClassOption> = OptionTable {
    attribute: "pyclass",
    rows: &[
        OptionRow {
            keyword: "name",
            parse: |input| input.parse().map(ClassOption::Name),
        },
        OptionRow {
            keyword: "module",
            parse: |input| input.parse().map(ClassOption::Module),
        },
        OptionRow {
            keyword: "extends",
            parse: |input| input.parse().map(ClassOption::Extends),
        },
        OptionRow {
            keyword: "freelist",
            parse: |input| input.parse().map(ClassOption::Freelist),
        },
        OptionRow {
            keyword: "rename_all",
            parse: |input| input.parse().map(ClassOption::RenameAll),
        },
        OptionRow {
            keyword: "crate",
            parse: |input| input.parse().map(ClassOption::Crate),
        },
        flag_row!("subclass"),
        flag_row!("dict"),
        flag_row!("weakref"),
        flag_row!("frozen"),
        flag_row!("immutable_type"),
        flag_row!("unsendable"),
        flag_row!("get_all"),
        flag_row!("set_all"),
        flag_row!("sequence"),
        flag_row!("mapping"),
        flag_row!("eq"),
        flag_row!("eq_int"),
        flag_row!("ord"),
        flag_row!("hash"),
        flag_row!("str"),
    ],
};

/// An option of a `#[pyclass]` struct field.
pub enum FieldOption {
    /// `get`: a read-only property.
    Get(kw::get),
    /// `set`: a writable property.
    Set(kw::set),
    /// `name = "python_name"`.
    Name(KeywordAttribute<kw::name, NameValue>),
}

/// The options of a `#[pyclass]` field.
pub const FIELD_OPTIONS: OptionTable<FieldOption> = OptionTable {
    attribute: "pyo3",
    rows: &[
        OptionRow {
            keyword: "get",
            parse: |input| input.parse().map(FieldOption::Get),
        },
        OptionRow {
            keyword: "set",
            parse: |input| input.parse().map(FieldOption::Set),
        },
        OptionRow {
            keyword: "name",
            parse: |input| input.parse().map(FieldOption::Name),
        },
    ],
};

/// An option of a `#[pyclass]` enum variant.
pub enum VariantOption {
    /// `name = "PythonName"`.
    Name(KeywordAttribute<kw::name, NameValue>),
}

/// The options of a `#[pyclass]` enum variant.
pub const VARIANT_OPTIONS: OptionTable<VariantOption> = OptionTable {
    attribute: "pyo3",
    rows: &[OptionRow {
        keyword: "name",
        parse: |input| input.parse().map(VariantOption::Name),
    }],
};

/// An option of a `#[pymethods]` item (in `#[pyo3(...)]`).
pub enum MethodOption {
    /// `name = "python_name"`.
    Name(KeywordAttribute<kw::name, NameValue>),
    /// `signature = (...)`.
    Signature(KeywordAttribute<kw::signature, SignatureSyntax>),
    /// `text_signature = "..."` or `None`.
    TextSignature(KeywordAttribute<kw::text_signature, TextSignatureValue>),
    /// `borrowed_iter`: the `&self` method returns a Rust iterator borrowing `self`, handed
    /// to Python as a `PyBorrowedIter`.
    BorrowedIter(kw::borrowed_iter),
}

/// The options of a `#[pymethods]` item.
pub const METHOD_OPTIONS: OptionTable<MethodOption> = OptionTable {
    attribute: "pyo3",
    rows: &[
        OptionRow {
            keyword: "name",
            parse: |input| input.parse().map(MethodOption::Name),
        },
        OptionRow {
            keyword: "signature",
            parse: |input| input.parse().map(MethodOption::Signature),
        },
        OptionRow {
            keyword: "text_signature",
            parse: |input| input.parse().map(MethodOption::TextSignature),
        },
        OptionRow {
            keyword: "borrowed_iter",
            parse: |input| input.parse().map(MethodOption::BorrowedIter),
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctxt::Ctxt;
    use quote::quote;

    #[test]
    fn parses_every_class_option() {
        let cx = Ctxt::new();
        let options = CLASS_OPTIONS.parse_list(
            &cx,
            quote!(
                name = "N",
                module = "m",
                subclass,
                extends = pyo3::exceptions::PyException,
                freelist = 8,
                dict,
                weakref,
                frozen,
                immutable_type,
                unsendable,
                get_all,
                set_all,
                rename_all = "camelCase",
                sequence,
                mapping,
                eq,
                eq_int,
                ord,
                hash,
                str,
                crate = "pyo3"
            ),
        );
        cx.check().unwrap();
        assert_eq!(options.len(), 21);
        assert!(matches!(&options[19], ClassOption::Flag(f) if f == "str"));
    }

    #[test]
    fn unknown_class_option_lists_the_keywords() {
        let cx = Ctxt::new();
        CLASS_OPTIONS.parse_list(&cx, quote!(froze));
        let err = cx.check().unwrap_err().to_string();
        assert!(
            err.starts_with("unknown option `froze` for `pyclass`; expected one of: `name`, `module`, `extends`"),
            "{err}"
        );
        assert!(err.ends_with("`hash`, `str`"), "{err}");
    }
}
