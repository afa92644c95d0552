//! The Python signature of a function: which Rust parameter each Python parameter binds,
//! in what kind (positional-only, positional-or-keyword, keyword-only, `*args`,
//! `**kwargs`) and with what default. Built from `signature = (...)`, or derived from the
//! Rust parameters, with CPython's rules checked on the way.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::function::{ArgKind, FnArg};
use crate::attr::signature::{SignatureItem, SignatureSyntax};
use crate::ctxt::Ctxt;
use crate::messages;

/// A resolved signature.
#[derive(Clone, Default)]
pub struct Signature {
    /// Named parameters in order: positional ones first, then keyword-only ones.
    pub params: Vec<SigParam>,
    /// How many of `params` may be passed by position.
    pub positional: usize,
    /// How many of those are positional-only (before `/`).
    pub positional_only: usize,
    /// The Rust parameter (index into the function's arguments) that takes `*args`.
    pub varargs: Option<usize>,
    /// The Rust parameter that takes `**kwargs`.
    pub varkw: Option<usize>,
}

/// One named Python parameter.
#[derive(Clone)]
pub struct SigParam {
    /// Index of the Rust parameter it binds.
    pub arg: usize,
    /// Its default.
    pub default: ParamDefault,
}

/// What a parameter takes when the caller omits it.
#[derive(Clone)]
pub enum ParamDefault {
    /// Nothing: the argument is required.
    Required,
    /// A Rust expression from the signature.
    Expr(syn::Expr),
    /// `None`, for a trailing `Option<T>` parameter without an explicit signature.
    ImplicitNone,
}

impl ParamDefault {
    /// Whether the parameter may be omitted.
    pub fn is_optional(&self) -> bool {
        !matches!(self, ParamDefault::Required)
    }
}

impl Signature {
    /// The signature of a function without `signature = (...)`: every extracted parameter
    /// is positional-or-keyword, and trailing `Option<T>` parameters default to `None`.
    pub fn derive(args: &[FnArg<'_>]) -> Signature {
        let extracted: Vec<usize> = (0..args.len())
            .filter(|&i| args[i].kind == ArgKind::Regular)
            .collect();
        let trailing_options = extracted
            .iter()
            .rev()
            .take_while(|&&i| args[i].is_option)
            .count();
        let first_optional = extracted.len() - trailing_options;
        let params: Vec<SigParam> = extracted
            .iter()
            .enumerate()
            .map(|(position, &arg)| SigParam {
                arg,
                default: if position >= first_optional {
                    ParamDefault::ImplicitNone
                } else {
                    ParamDefault::Required
                },
            })
            .collect();
        Signature {
            positional: params.len(),
            params,
            ..Signature::default()
        }
    }

    /// Resolves `signature = (...)` against the function's parameters, reporting every
    /// rule it breaks.
    pub fn from_syntax(cx: &Ctxt, syntax: &SignatureSyntax, args: &[FnArg<'_>]) -> Signature {
        let mut builder = Builder {
            cx,
            args,
            sig: Signature::default(),
            bound: vec![false; args.len()],
            positional_only_marker: None,
            star: None,
            star_followed: false,
            varkw_marker: None,
            first_default: None,
        };
        for item in &syntax.items {
            builder.item(item);
        }
        builder.finish()
    }

    /// The slot of the Rust parameter `arg` among the named parameters, if it is one.
    pub fn slot_of(&self, arg: usize) -> Option<usize> {
        self.params.iter().position(|p| p.arg == arg)
    }
}

/// State while walking the signature items.
struct Builder<'c, 'a> {
    cx: &'c Ctxt,
    args: &'c [FnArg<'a>],
    sig: Signature,
    /// Which Rust parameters the signature has bound so far.
    bound: Vec<bool>,
    positional_only_marker: Option<Span>,
    /// The `*` or `*args` seen, if any.
    star: Option<Span>,
    /// Whether a keyword-only parameter follows the `*`.
    star_followed: bool,
    varkw_marker: Option<Span>,
    /// The first positional parameter with a default.
    first_default: Option<String>,
}

impl Builder<'_, '_> {
    fn item(&mut self, item: &SignatureItem) {
        if self.varkw_marker.is_some() {
            self.cx.error_spanned_by(
                item,
                "`**kwargs` must be the last item of the signature; move this before it",
            );
        }
        match item {
            SignatureItem::Param(param) => {
                let Some(arg) = self.bind(&param.name) else {
                    return;
                };
                let name = self.args[arg].name.clone();
                let default = match &param.default {
                    Some((_, expr)) => ParamDefault::Expr(expr.clone()),
                    None => ParamDefault::Required,
                };
                if self.star.is_some() {
                    self.star_followed = true;
                } else {
                    match (&default, &self.first_default) {
                        (ParamDefault::Required, Some(first)) => self.cx.error_spanned_by(
                            &param.name,
                            format!(
                                "required parameter `{name}` follows `{first}`, which has a \
                                 default; give `{name}` a default, move it before `{first}`, \
                                 or make it keyword-only (after `*`)"
                            ),
                        ),
                        (ParamDefault::Expr(_), None) => self.first_default = Some(name),
                        _ => {}
                    }
                    self.sig.positional += 1;
                }
                self.sig.params.push(SigParam { arg, default });
            }
            SignatureItem::PositionalOnly(slash) => {
                if self.positional_only_marker.is_some() {
                    self.cx
                        .error_spanned_by(slash, "`/` may appear only once in a signature");
                } else if self.star.is_some() {
                    self.cx.error_spanned_by(
                        slash,
                        "`/` must come before `*`, `*args` and keyword-only parameters",
                    );
                } else if self.sig.positional == 0 {
                    self.cx.error_spanned_by(
                        slash,
                        "`/` must follow at least one parameter; the parameters before it \
                         are positional-only",
                    );
                } else {
                    self.sig.positional_only = self.sig.positional;
                }
                self.positional_only_marker = Some(slash.span());
            }
            SignatureItem::KeywordOnly(star) => {
                if self.check_single_star(star.span()) {
                    self.star = Some(star.span());
                }
            }
            SignatureItem::VarArgs(star, name) => {
                let span = star.span().join(name.span()).unwrap_or(name.span());
                if self.check_single_star(span) {
                    self.star = Some(span);
                    self.star_followed = true;
                }
                if let Some(arg) = self.bind(name) {
                    self.sig.varargs = Some(arg);
                }
            }
            SignatureItem::VarKwargs(first, _, name) => {
                if let Some(arg) = self.bind(name) {
                    self.sig.varkw = Some(arg);
                }
                self.varkw_marker = Some(first.span());
            }
        }
    }

    /// Reports a second `*` / `*args`; true if this is the first.
    fn check_single_star(&mut self, span: Span) -> bool {
        if self.star.is_some() {
            self.cx.error_at(
                span,
                "a signature may have only one `*` or `*args`; keyword-only parameters all \
                 go after it",
            );
            return false;
        }
        true
    }

    /// Binds a signature name to a Rust parameter, reporting names that cannot be bound.
    fn bind(&mut self, name: &syn::Ident) -> Option<usize> {
        let wanted = crate::model::function::python_name_of(name);
        let Some(arg) = self.args.iter().position(|a| a.name == wanted) else {
            let candidates: Vec<&str> = self
                .args
                .iter()
                .filter(|a| a.kind == ArgKind::Regular)
                .map(|a| a.name.as_str())
                .collect();
            let hint = if candidates.is_empty() {
                String::from("this function has no parameters to bind")
            } else {
                format!("expected one of: {}", messages::one_of(&candidates))
            };
            self.cx.error_spanned_by(
                name,
                format!("`{wanted}` is not a parameter of this function; {hint}"),
            );
            return None;
        };
        match self.args[arg].kind {
            ArgKind::PyToken => {
                self.cx.error_spanned_by(
                    name,
                    format!(
                        "`{wanted}` is the `Python` token, which is passed automatically; \
                         remove it from the signature"
                    ),
                );
                return None;
            }
            ArgKind::Module => {
                self.cx.error_spanned_by(
                    name,
                    format!(
                        "`{wanted}` receives the module (`pass_module`) and is passed \
                         automatically; remove it from the signature"
                    ),
                );
                return None;
            }
            ArgKind::Regular => {}
        }
        if self.bound[arg] {
            self.cx.error_spanned_by(
                name,
                format!("`{wanted}` appears more than once in the signature"),
            );
            return None;
        }
        self.bound[arg] = true;
        Some(arg)
    }

    fn finish(self) -> Signature {
        if let (Some(star), false) = (self.star, self.star_followed) {
            self.cx.error_at(
                star,
                "a bare `*` must be followed by at least one keyword-only parameter; add \
                 one after it, or remove the `*`",
            );
        }
        for (i, arg) in self.args.iter().enumerate() {
            if arg.kind == ArgKind::Regular && !self.bound[i] {
                self.cx.error_spanned_by(
                    arg.ident,
                    format!(
                        "parameter `{}` is missing from the signature; add it to \
                         `signature = (...)`, e.g. as `{}` or `{} = <default>`",
                        arg.name, arg.name, arg.name
                    ),
                );
            }
        }
        self.sig
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::function::tests::args_of;
    use quote::quote;

    fn resolve(
        func: proc_macro2::TokenStream,
        sig: proc_macro2::TokenStream,
    ) -> (Option<Signature>, Vec<String>) {
        let item: syn::ItemFn = syn::parse2(func).unwrap();
        let syntax: SignatureSyntax = syn::parse2(sig).unwrap();
        let cx = Ctxt::new();
        let args = args_of(&cx, &item);
        let sig = Signature::from_syntax(&cx, &syntax, &args);
        match cx.check() {
            Ok(()) => (Some(sig), Vec::new()),
            Err(err) => (None, err.into_iter().map(|e| e.to_string()).collect()),
        }
    }

    #[test]
    fn resolves_every_kind_of_parameter() {
        let (sig, errors) = resolve(
            quote!(
                fn f(
                    py: Python<'_>,
                    a: i64,
                    b: i64,
                    c: Option<i64>,
                    args: &PyTuple,
                    d: i64,
                    e: i64,
                    kwargs: Option<&PyDict>,
                ) {
                }
            ),
            quote!((a, b = 1, /, c = None, *args, d, e = 2, **kwargs)),
        );
        assert_eq!(errors, Vec::<String>::new());
        let sig = sig.unwrap();
        let bound: Vec<usize> = sig.params.iter().map(|p| p.arg).collect();
        assert_eq!(bound, [1, 2, 3, 5, 6]);
        assert_eq!((sig.positional, sig.positional_only), (3, 2));
        assert_eq!((sig.varargs, sig.varkw), (Some(4), Some(7)));
        let optional: Vec<bool> = sig.params.iter().map(|p| p.default.is_optional()).collect();
        assert_eq!(optional, [false, true, true, false, true]);
    }

    #[test]
    fn required_after_default_is_an_error_but_keyword_only_is_not() {
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64, b: i64, c: i64) {}
            ),
            quote!((a = 1, b, *, c)),
        );
        assert_eq!(
            errors,
            ["required parameter `b` follows `a`, which has a default; give `b` a default, move it before `a`, or make it keyword-only (after `*`)"]
        );
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64, b: i64) {}
            ),
            quote!((a = 1, *, b)),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn star_rules() {
        let (_, errors) = resolve(
            quote!(
                fn f(a: &PyTuple, b: &PyTuple) {}
            ),
            quote!((*a, *b)),
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("a signature may have only one `*` or `*args`"));
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64) {}
            ),
            quote!((a, *)),
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("a bare `*` must be followed"));
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64, k: &PyDict) {}
            ),
            quote!((**k, a)),
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("`**kwargs` must be the last item"));
    }

    #[test]
    fn slash_rules() {
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64) {}
            ),
            quote!((/, a)),
        );
        assert!(
            errors[0].starts_with("`/` must follow at least one parameter"),
            "{errors:?}"
        );
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64, b: i64) {}
            ),
            quote!((a, *, b, /)),
        );
        assert!(
            errors[0].starts_with("`/` must come before `*`"),
            "{errors:?}"
        );
        let (_, errors) = resolve(
            quote!(
                fn f(a: i64, b: i64) {}
            ),
            quote!((a, /, b, /)),
        );
        assert!(
            errors[0].starts_with("`/` may appear only once"),
            "{errors:?}"
        );
    }

    #[test]
    fn names_must_match_parameters_exactly_once() {
        let (_, errors) = resolve(
            quote!(
                fn f(py: Python<'_>, a: i64, b: i64) {}
            ),
            quote!((a, x, a, py)),
        );
        assert_eq!(
            errors,
            [
                "`x` is not a parameter of this function; expected one of: `a`, `b`",
                "`a` appears more than once in the signature",
                "`py` is the `Python` token, which is passed automatically; remove it from the signature",
                "parameter `b` is missing from the signature; add it to `signature = (...)`, e.g. as `b` or `b = <default>`",
            ]
        );
    }

    #[test]
    fn raw_identifiers_bind_by_python_name() {
        let (sig, errors) = resolve(
            quote!(
                fn f(r#type: i64) {}
            ),
            quote!((r#type = 1)),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(sig.unwrap().params.len(), 1);
        let (_, errors) = resolve(
            quote!(
                fn f(r#type: i64) {}
            ),
            quote!((type_)),
        );
        assert!(errors[0].contains("expected one of: `type`"), "{errors:?}");
    }

    #[test]
    fn derived_signature_makes_trailing_options_optional() {
        let item: syn::ItemFn = syn::parse_quote!(
            fn f(a: Option<i64>, py: Python<'_>, b: i64, c: Option<i64>, d: Option<&str>) {}
        );
        let cx = Ctxt::new();
        let args = args_of(&cx, &item);
        cx.check().unwrap();
        let sig = Signature::derive(&args);
        let optional: Vec<bool> = sig.params.iter().map(|p| p.default.is_optional()).collect();
        assert_eq!(optional, [false, false, true, true]);
        assert_eq!(sig.positional, 4);
    }
}
