//! What the macros need to know about Rust types, read from syntax alone.

use syn::visit_mut::VisitMut;
use syn::{GenericArgument, PathArguments, Type};

/// The last path segment of a plain path type (`pyo3::Python<'py>` → `Python`).
fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        Type::Group(group) => last_segment(&group.elem),
        Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}

/// Whether the type is the GIL token `Python<'py>`, which is passed, not extracted.
pub fn is_python_token(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "Python")
}

/// Whether the type is `Option<T>`, which gets an implicit `None` default when trailing.
pub fn is_option(ty: &Type) -> bool {
    let Some(segment) = last_segment(ty) else {
        return false;
    };
    if segment.ident != "Option" {
        return false;
    }
    match &segment.arguments {
        PathArguments::AngleBracketed(args) => {
            args.args.len() == 1 && matches!(args.args[0], GenericArgument::Type(_))
        }
        _ => false,
    }
}

/// The type with every named lifetime replaced by `'_`, so it can be named outside the
/// function's generics (in the constant that decides whether a call needs a pool).
pub fn erase_named_lifetimes(ty: &Type) -> Type {
    struct Eraser;
    impl VisitMut for Eraser {
        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
            if lifetime.ident != "static" {
                lifetime.ident = syn::Ident::new("_", lifetime.ident.span());
            }
        }
    }
    let mut ty = ty.clone();
    Eraser.visit_type_mut(&mut ty);
    ty
}

/// Replaces `Self` by the class type in the tokens of a `#[pymethods]` item, so they can
/// be named outside the impl block: `Self` becomes `Class`, `Self::X` becomes `<Class>::X`.
struct SelfReplacer<'a>(&'a Type);

impl VisitMut for SelfReplacer<'_> {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(path) = ty {
            if path.qself.is_none() && path.path.is_ident("Self") {
                *ty = self.0.clone();
                return;
            }
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }

    fn visit_type_path_mut(&mut self, path: &mut syn::TypePath) {
        qualify_self(&mut path.qself, &mut path.path, self.0);
        syn::visit_mut::visit_type_path_mut(self, path);
    }

    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        qualify_self(&mut path.qself, &mut path.path, self.0);
        syn::visit_mut::visit_expr_path_mut(self, path);
    }
}

/// `Self::X` (a path of two or more segments) becomes `<Class>::X`.
fn qualify_self(qself: &mut Option<syn::QSelf>, path: &mut syn::Path, self_ty: &Type) {
    if qself.is_none()
        && path.leading_colon.is_none()
        && path.segments.len() > 1
        && path.segments[0].ident == "Self"
    {
        let span = path.segments[0].ident.span();
        *qself = Some(syn::QSelf {
            lt_token: syn::Token![<](span),
            ty: Box::new(self_ty.clone()),
            position: 0,
            as_token: None,
            gt_token: syn::Token![>](span),
        });
        path.segments = path.segments.iter().skip(1).cloned().collect();
        path.leading_colon = Some(syn::Token![::](span));
    }
}

/// The type with `Self` replaced by `self_ty`.
pub fn replace_self(ty: &Type, self_ty: &Type) -> Type {
    let mut ty = ty.clone();
    SelfReplacer(self_ty).visit_type_mut(&mut ty);
    ty
}

/// The expression with `Self` replaced by `self_ty`.
pub fn replace_self_in_expr(expr: &syn::Expr, self_ty: &Type) -> syn::Expr {
    let mut expr = expr.clone();
    SelfReplacer(self_ty).visit_expr_mut(&mut expr);
    expr
}

/// Whether the type mentions `impl Trait`, which cannot be named in a constant.
pub fn contains_impl_trait(ty: &Type) -> bool {
    // A token scan: `impl` is a keyword, so it appears in a type's tokens only as
    // `impl Trait` (syn's `visit` feature would cost every build more than this).
    fn scan(tokens: proc_macro2::TokenStream) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => ident == "impl",
            proc_macro2::TokenTree::Group(group) => scan(group.stream()),
            _ => false,
        })
    }
    scan(quote::ToTokens::to_token_stream(ty))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn ty(text: &str) -> Type {
        syn::parse_str(text).unwrap()
    }

    #[test]
    fn recognises_the_token_and_options() {
        assert!(is_python_token(&ty("Python<'py>")));
        assert!(is_python_token(&ty("pyo3::Python<'_>")));
        assert!(!is_python_token(&ty("&PyAny")));
        assert!(is_option(&ty("Option<i64>")));
        assert!(is_option(&ty("std::option::Option<&PyAny>")));
        assert!(!is_option(&ty("Option")));
        assert!(!is_option(&ty("Vec<Option<i64>>")));
    }

    #[test]
    fn erases_named_lifetimes_only() {
        let erased = erase_named_lifetimes(&ty("Result<&'py PyAny, Foo<'a, 'static>>"));
        assert_eq!(
            erased.to_token_stream().to_string(),
            "Result < & '_ PyAny , Foo < '_ , 'static > >"
        );
    }

    #[test]
    fn replaces_self() {
        let class = ty("Counter");
        let replaced = replace_self(&ty("PyResult<PyRef<'_, Self>>"), &class);
        assert_eq!(
            replaced.to_token_stream().to_string(),
            "PyResult < PyRef < '_ , Counter > >"
        );
        let expr: syn::Expr = syn::parse_str("Self::DEFAULT + Self::f(1)").unwrap();
        assert_eq!(
            replace_self_in_expr(&expr, &class)
                .to_token_stream()
                .to_string(),
            "< Counter > :: DEFAULT + < Counter > :: f (1)"
        );
    }

    #[test]
    fn finds_impl_trait() {
        assert!(contains_impl_trait(&ty("PyResult<impl IntoPy<PyObject>>")));
        assert!(!contains_impl_trait(&ty("PyResult<Vec<i64>>")));
    }
}
