//! The option tables of each attribute: one row per keyword. Adding an option is one row
//! here plus its use in the model.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

use super::signature::SignatureSyntax;
use super::{kw, KeywordAttribute, OptionRow, OptionTable};

/// An option of `#[pyfunction]` (also accepted in `#[pyo3(...)]` on the function).
pub enum FnOption {
    /// `name = "python_name"`.
    Name(KeywordAttribute<kw::name, NameValue>),
    /// `signature = (a, b=1, *args, **kwargs)`.
    Signature(KeywordAttribute<kw::signature, SignatureSyntax>),
    /// `text_signature = "(a, b)"` or `text_signature = None`.
    TextSignature(KeywordAttribute<kw::text_signature, TextSignatureValue>),
    /// `pass_module`.
    PassModule(kw::pass_module),
    /// `crate = "path::to::pyo3"`.
    Crate(KeywordAttribute<Token![crate], LitStr>),
}

/// The options of `#[pyfunction]`.
pub const FN_OPTIONS: OptionTable<FnOption> = OptionTable {
    attribute: "pyfunction",
    rows: &[
        OptionRow {
            keyword: "name",
            parse: |input| input.parse().map(FnOption::Name),
        },
        OptionRow {
            keyword: "signature",
            parse: |input| input.parse().map(FnOption::Signature),
        },
        OptionRow {
            keyword: "text_signature",
            parse: |input| input.parse().map(FnOption::TextSignature),
        },
        OptionRow {
            keyword: "pass_module",
            parse: |input| input.parse().map(FnOption::PassModule),
        },
        OptionRow {
            keyword: "crate",
            parse: |input| input.parse().map(FnOption::Crate),
        },
    ],
};

/// An option of `#[pymodule]`.
pub enum ModuleOption {
    /// `name = "python_name"`.
    Name(KeywordAttribute<kw::name, NameValue>),
    /// `crate = "path::to::pyo3"`.
    Crate(KeywordAttribute<Token![crate], LitStr>),
}

/// The options of `#[pymodule]`.
pub const MODULE_OPTIONS: OptionTable<ModuleOption> = OptionTable {
    attribute: "pymodule",
    rows: &[
        OptionRow {
            keyword: "name",
            parse: |input| input.parse().map(ModuleOption::Name),
        },
        OptionRow {
            keyword: "crate",
            parse: |input| input.parse().map(ModuleOption::Crate),
        },
    ],
};

/// An option of a `#[pyfunction]` parameter (`#[pyo3(...)]` before the parameter).
pub enum ArgOption {
    /// `from_py_with = "path::to::function"`.
    FromPyWith(KeywordAttribute<kw::from_py_with, FromPyWithValue>),
}

/// The options of a function parameter.
pub const ARG_OPTIONS: OptionTable<ArgOption> = OptionTable {
    attribute: "pyo3",
    rows: &[OptionRow {
        keyword: "from_py_with",
        parse: |input| input.parse().map(ArgOption::FromPyWith),
    }],
};

/// The value of `name`: a string literal.
#[derive(Clone)]
pub struct NameValue(pub LitStr);

impl Parse for NameValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.parse().map(NameValue).map_err(|_| {
            input.error("expected the Python name as a string literal, e.g. `name = \"my_name\"`")
        })
    }
}

impl ToTokens for NameValue {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

/// The value of `text_signature`: a parenthesised parameter list, or `None` to omit it.
#[derive(Clone)]
pub enum TextSignatureValue {
    /// The text, e.g. `"(a, b=1)"`.
    Text(LitStr),
    /// `None`: no `__text_signature__`.
    Disabled(syn::Ident),
}

impl Parse for TextSignatureValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return input.parse().map(TextSignatureValue::Text);
        }
        let lookahead = input.fork();
        if let Ok(ident) = lookahead.parse::<syn::Ident>() {
            if ident == "None" {
                input.parse::<syn::Ident>()?;
                return Ok(TextSignatureValue::Disabled(ident));
            }
        }
        Err(input.error("expected a string like `\"(a, b=1)\"`, or `None` to omit the signature"))
    }
}

impl ToTokens for TextSignatureValue {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            TextSignatureValue::Text(lit) => lit.to_tokens(tokens),
            TextSignatureValue::Disabled(ident) => ident.to_tokens(tokens),
        }
    }
}

/// The value of `from_py_with`: a path, quoted (`"path"`, PyO3 0.20's form) or not.
#[derive(Clone)]
pub struct FromPyWithValue(pub syn::ExprPath);

impl Parse for FromPyWithValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            let path = super::path_from_lit(&lit)?;
            let mut path = syn::ExprPath {
                attrs: Vec::new(),
                qself: None,
                path,
            };
            // Point errors about the function at the string the user wrote.
            set_span(&mut path, lit.span());
            return Ok(FromPyWithValue(path));
        }
        input
            .parse::<syn::ExprPath>()
            .map(FromPyWithValue)
            .map_err(|_| input.error("expected the path of a function `fn(&PyAny) -> PyResult<T>`, e.g. `\"my_extractor\"`"))
    }
}

impl ToTokens for FromPyWithValue {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

fn set_span(path: &mut syn::ExprPath, span: proc_macro2::Span) {
    for segment in &mut path.path.segments {
        segment.ident.set_span(span);
    }
    if let Some(colon) = &mut path.path.leading_colon {
        colon.spans = [span, span];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctxt::Ctxt;
    use quote::quote;

    fn messages(cx: Ctxt) -> Vec<String> {
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn parses_every_function_option() {
        let cx = Ctxt::new();
        let options = FN_OPTIONS.parse_list(
            &cx,
            quote!(
                name = "f",
                signature = (a, b = 1),
                text_signature = None,
                pass_module,
                crate = "x::pyo3"
            ),
        );
        assert_eq!(messages(cx), Vec::<String>::new());
        assert_eq!(options.len(), 5);
        assert!(matches!(options[0], FnOption::Name(ref n) if n.value.0.value() == "f"));
        assert!(matches!(
            options[2],
            FnOption::TextSignature(KeywordAttribute {
                value: TextSignatureValue::Disabled(_),
                ..
            })
        ));
        assert!(matches!(options[3], FnOption::PassModule(_)));
    }

    #[test]
    fn unknown_options_are_all_reported_and_skipped() {
        let cx = Ctxt::new();
        let options =
            FN_OPTIONS.parse_list(&cx, quote!(nmae = "f", pass_module, foo(1, 2), name = "g"));
        assert_eq!(
            messages(cx),
            [
                "unknown option `nmae` for `pyfunction`; expected one of: `name`, `signature`, `text_signature`, `pass_module`, `crate`",
                "unknown option `foo` for `pyfunction`; expected one of: `name`, `signature`, `text_signature`, `pass_module`, `crate`",
            ]
        );
        assert_eq!(options.len(), 2);
    }

    #[test]
    fn a_bad_value_is_reported_and_parsing_goes_on() {
        let cx = Ctxt::new();
        let options = FN_OPTIONS.parse_list(&cx, quote!(name = f, text_signature = 3, pass_module));
        let errors = messages(cx);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0],
            "expected the Python name as a string literal, e.g. `name = \"my_name\"`"
        );
        assert!(
            errors[1].starts_with("expected a string like"),
            "{errors:?}"
        );
        assert_eq!(options.len(), 1);
    }

    #[test]
    fn non_option_tokens_say_what_is_expected() {
        let cx = Ctxt::new();
        MODULE_OPTIONS.parse_list(&cx, quote!("name"));
        assert_eq!(
            messages(cx),
            ["expected an option of `pymodule`, one of: `name`, `crate`"]
        );
    }

    #[test]
    fn from_py_with_accepts_quoted_and_bare_paths() {
        let cx = Ctxt::new();
        let a = ARG_OPTIONS.parse_list(&cx, quote!(from_py_with = "crate::conv::get"));
        let b = ARG_OPTIONS.parse_list(&cx, quote!(from_py_with = conv::get));
        let c = ARG_OPTIONS.parse_list(&cx, quote!(from_py_with = "not a path"));
        let errors = messages(cx);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("expected a path"), "{errors:?}");
        let ArgOption::FromPyWith(a) = &a[0];
        let ArgOption::FromPyWith(b) = &b[0];
        assert_eq!(
            a.value.0.to_token_stream().to_string(),
            "crate :: conv :: get"
        );
        assert_eq!(b.value.0.to_token_stream().to_string(), "conv :: get");
        assert!(c.is_empty());
    }
}
