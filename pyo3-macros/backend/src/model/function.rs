//! `FnSpec`: a `#[pyfunction]` as the macro understands it, and its parameters.

use syn::ext::IdentExt;
use syn::{Ident, ItemFn, LitStr, Pat, Token, Type};

use super::docs::Docs;
use super::signature::Signature;
use super::types;
use crate::attr::kw;
use crate::attr::options::{ArgOption, FnOption, FromPyWithValue, NameValue, TextSignatureValue};
use crate::attr::signature::SignatureSyntax;
use crate::attr::KeywordAttribute;
use crate::ctxt::Ctxt;
use crate::messages;

/// A `#[pyfunction]`.
pub struct FnSpec<'a> {
    /// The user's function (with the `#[pyo3]` attributes already removed).
    pub item: &'a ItemFn,
    /// The name Python sees.
    pub python_name: String,
    /// The Rust parameters, in order.
    pub args: Vec<FnArg<'a>>,
    /// The Python signature.
    pub signature: Signature,
    /// The docstring.
    pub docs: Docs,
    /// What `__text_signature__` should be.
    pub text_signature: TextSignature,
    /// `pass_module`: the first parameter receives the module.
    pub pass_module: Option<kw::pass_module>,
    /// The path to the runtime.
    pub krate: syn::Path,
}

/// What `__text_signature__` should be.
#[derive(Clone)]
pub enum TextSignature {
    /// Generated from the signature.
    Auto,
    /// `text_signature = None`.
    Disabled,
    /// `text_signature = "(...)"`.
    Given(LitStr),
}

/// One Rust parameter.
pub struct FnArg<'a> {
    /// Its Rust name.
    pub ident: &'a Ident,
    /// Its Python name (the Rust name without `r#`).
    pub name: String,
    /// Its type.
    pub ty: &'a Type,
    /// How it gets its value.
    pub kind: ArgKind,
    /// Whether its type is `Option<T>`.
    pub is_option: bool,
    /// `#[pyo3(from_py_with = "...")]`.
    pub from_py_with: Option<KeywordAttribute<kw::from_py_with, FromPyWithValue>>,
}

/// How a parameter gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Extracted from an argument of the call.
    Regular,
    /// The `Python` token.
    PyToken,
    /// The module (`pass_module`, first parameter).
    Module,
}

/// The options of a `#[pyfunction]`, each at most once.
#[derive(Default)]
pub struct FnOptions {
    /// `name = "..."`.
    pub name: Option<KeywordAttribute<kw::name, NameValue>>,
    /// `signature = (...)`.
    pub signature: Option<KeywordAttribute<kw::signature, SignatureSyntax>>,
    /// `text_signature = ...`.
    pub text_signature: Option<KeywordAttribute<kw::text_signature, TextSignatureValue>>,
    /// `pass_module`.
    pub pass_module: Option<kw::pass_module>,
    /// `crate = "..."`.
    pub krate: Option<KeywordAttribute<Token![crate], LitStr>>,
}

impl FnOptions {
    /// Gathers parsed options, reporting duplicates.
    pub fn collect(cx: &Ctxt, options: Vec<FnOption>) -> FnOptions {
        let mut out = FnOptions::default();
        for option in options {
            match option {
                FnOption::Name(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.name, o, "name", span);
                }
                FnOption::Signature(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.signature, o, "signature", span);
                }
                FnOption::TextSignature(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.text_signature, o, "text_signature", span);
                }
                FnOption::PassModule(o) => {
                    let span = o.span;
                    super::set_once(cx, &mut out.pass_module, o, "pass_module", span);
                }
                FnOption::Crate(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.krate, o, "crate", span);
                }
            }
        }
        out
    }
}

/// The Python name of a Rust identifier.
pub fn python_name_of(ident: &Ident) -> String {
    ident.unraw().to_string()
}

impl<'a> FnSpec<'a> {
    /// Builds the model, recording every problem in `cx`. `arg_options` holds the options
    /// found on each parameter, in order.
    pub fn from_syn(
        cx: &Ctxt,
        item: &'a ItemFn,
        options: FnOptions,
        arg_options: Vec<Vec<ArgOption>>,
    ) -> FnSpec<'a> {
        let args = build_args(cx, &item.sig, 0, options.pass_module.is_some(), arg_options);
        let signature = match &options.signature {
            Some(sig) => Signature::from_syntax(cx, &sig.value, &args),
            None => Signature::derive(&args),
        };
        let text_signature = match options.text_signature.map(|o| o.value) {
            None => TextSignature::Auto,
            Some(TextSignatureValue::Disabled(_)) => TextSignature::Disabled,
            Some(TextSignatureValue::Text(text)) => TextSignature::Given(text),
        };
        FnSpec {
            item,
            python_name: super::python_name(
                cx,
                options.name.as_ref().map(|o| &o.value.0),
                &item.sig.ident,
            ),
            args,
            signature,
            docs: Docs::from_attrs(&item.attrs),
            text_signature,
            pass_module: options.pass_module,
            krate: super::krate_path(cx, options.krate.as_ref()),
        }
    }

    /// The Rust return type, `None` for `()`.
    pub fn output(&self) -> Option<&'a Type> {
        match &self.item.sig.output {
            syn::ReturnType::Default => None,
            syn::ReturnType::Type(_, ty) => Some(ty),
        }
    }
}

/// The parameters of `sig` after the first `skip` (a method's receiver, which the caller
/// handles). Receivers and non-name patterns are reported and left out. `arg_options` holds
/// the options of every input of `sig`, in order.
pub fn build_args<'a>(
    cx: &Ctxt,
    sig: &'a syn::Signature,
    skip: usize,
    pass_module: bool,
    arg_options: Vec<Vec<ArgOption>>,
) -> Vec<FnArg<'a>> {
    let mut args = Vec::new();
    let mut options = arg_options.into_iter().skip(skip);
    for (index, input) in sig.inputs.iter().skip(skip).enumerate() {
        let arg_options = options.next().unwrap_or_default();
        let typed = match input {
            syn::FnArg::Receiver(receiver) => {
                cx.error_spanned_by(receiver, messages::receiver("pyfunction"));
                continue;
            }
            syn::FnArg::Typed(typed) => typed,
        };
        let ident = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => &pat.ident,
            other => {
                cx.error_spanned_by(other, messages::PARAMETER_PATTERN);
                continue;
            }
        };
        let mut from_py_with = None;
        for option in arg_options {
            match option {
                ArgOption::FromPyWith(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut from_py_with, o, "from_py_with", span);
                }
            }
        }
        let kind = if pass_module && index == 0 {
            ArgKind::Module
        } else if types::is_python_token(&typed.ty) {
            ArgKind::PyToken
        } else {
            ArgKind::Regular
        };
        if let (Some(option), false) = (&from_py_with, kind == ArgKind::Regular) {
            cx.error_at(
                option.kw_span(),
                "`from_py_with` applies only to parameters extracted from the call's arguments",
            );
        }
        args.push(FnArg {
            ident,
            name: python_name_of(ident),
            ty: &typed.ty,
            kind,
            is_option: types::is_option(&typed.ty),
            from_py_with,
        });
    }
    args
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The parameters of a function without options (for other modules' tests).
    pub(crate) fn args_of<'a>(cx: &Ctxt, item: &'a ItemFn) -> Vec<FnArg<'a>> {
        build_args(cx, &item.sig, 0, false, Vec::new())
    }

    #[test]
    fn classifies_parameters() {
        let item: ItemFn = syn::parse_quote!(
            fn f(m: &PyModule, py: Python<'_>, r#type: Option<i64>, mut x: i64) {}
        );
        let cx = Ctxt::new();
        let args = build_args(&cx, &item.sig, 0, true, Vec::new());
        cx.check().unwrap();
        let kinds: Vec<(String, ArgKind, bool)> = args
            .iter()
            .map(|a| (a.name.clone(), a.kind, a.is_option))
            .collect();
        assert_eq!(
            kinds,
            [
                ("m".to_owned(), ArgKind::Module, false),
                ("py".to_owned(), ArgKind::PyToken, false),
                ("type".to_owned(), ArgKind::Regular, true),
                ("x".to_owned(), ArgKind::Regular, false),
            ]
        );
    }

    #[test]
    fn rejects_patterns_and_receivers() {
        let item: ItemFn = syn::parse_quote!(
            fn f(&self, (a, b): (i64, i64), _: i64) {}
        );
        let cx = Ctxt::new();
        let args = build_args(&cx, &item.sig, 0, false, Vec::new());
        let errors: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors.len(), 3);
        assert!(errors[0].contains("cannot take `self`"));
        assert!(errors[1].starts_with("expected a named parameter"));
        assert!(args.is_empty());
    }

    #[test]
    fn duplicate_options_are_reported_at_the_second() {
        let cx = Ctxt::new();
        let options = crate::attr::options::FN_OPTIONS
            .parse_list(&cx, quote::quote!(name = "a", pass_module, name = "b"));
        let collected = FnOptions::collect(&cx, options);
        let errors: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            errors,
            ["`name` may only be specified once; remove this one"]
        );
        assert_eq!(collected.name.unwrap().value.0.value(), "a");
    }
}
