//! The argument handling shared by functions and methods: the static description of the
//! signature, the matching call, one extraction per parameter, the pool decision and the
//! conversion of the result.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::local;
use crate::model::function::{ArgKind, FnArg};
use crate::model::signature::{ParamDefault, Signature};
use crate::model::types;

/// The local variables of generated call code (mixed-site, invisible to user tokens).
pub struct Locals {
    /// The token.
    pub py: syn::Ident,
    /// The `FastcallArgs`.
    pub args: syn::Ident,
    /// The matched slots.
    pub slots: syn::Ident,
    /// The `*args` / `**kwargs` holder.
    pub var: syn::Ident,
    /// The slot storage.
    pub storage: syn::Ident,
    /// The Rust function's return value.
    pub ret: syn::Ident,
    /// For methods: the class, which replaces `Self` in the user's types and defaults
    /// (generated code lives outside the impl block).
    pub self_ty: Option<syn::Type>,
}

impl Locals {
    /// The usual names.
    pub fn new() -> Locals {
        Locals {
            py: local("py"),
            args: local("args"),
            slots: local("slots"),
            var: local("var"),
            storage: local("storage"),
            ret: local("ret"),
            self_ty: None,
        }
    }

    /// The names for a method of `self_ty`.
    pub fn for_method(self_ty: &syn::Type) -> Locals {
        Locals {
            self_ty: Some(self_ty.clone()),
            ..Locals::new()
        }
    }

    /// A user's type as generated code names it: named lifetimes erased, `Self` replaced.
    pub fn fix_type(&self, ty: &syn::Type) -> syn::Type {
        let ty = types::erase_named_lifetimes(ty);
        match &self.self_ty {
            Some(self_ty) => types::replace_self(&ty, self_ty),
            None => ty,
        }
    }

    /// A user's expression (a default) as generated code writes it.
    pub fn fix_expr(&self, expr: &syn::Expr) -> syn::Expr {
        match &self.self_ty {
            Some(self_ty) => types::replace_self_in_expr(expr, self_ty),
            None => expr.clone(),
        }
    }
}

/// Whether a call needs a pool scope: decided by the compiler from the types'
/// `GIL_INDEPENDENT` constants, plus `syntactic` (what the signature alone tells).
pub fn needs_pool(
    krate: &syn::Path,
    args: &[FnArg<'_>],
    output: Option<&syn::Type>,
    syntactic: bool,
    l: &Locals,
) -> TokenStream {
    let syntactic = syntactic
        || args
            .iter()
            .any(|a| a.kind != ArgKind::Regular || a.from_py_with.is_some());
    let arg_types = args
        .iter()
        .filter(|a| a.kind == ArgKind::Regular)
        .map(|a| l.fix_type(a.ty));
    let output = match output {
        None => quote!(true),
        Some(ty) if types::contains_impl_trait(ty) => quote!(false),
        Some(ty) => {
            let ty = l.fix_type(ty);
            quote!(#krate::impl_::callback::OutputProbe::<#ty>::GIL_INDEPENDENT)
        }
    };
    quote! {
        #syntactic || !(
            true
            #(&& #krate::impl_::extract_argument::ArgumentProbe::<#arg_types>::GIL_INDEPENDENT)*
            && #output
        )
    }
}

/// How argument errors name a function: `f`, or a method of a class (the class's
/// qualified name as an expression), counting `self` / `cls` or not.
pub enum Owner {
    /// A module-level function.
    Function,
    /// A method.
    Method {
        /// An expression of type `&'static str`: the class's `__qualname__`.
        class: TokenStream,
        /// The receiver's name in the equivalent Python `def` (`self`, `cls`), or `""`.
        receiver: &'static str,
    },
}

/// The statics describing the signature and the statement that matches the call's
/// arguments to it, binding `slots` (and `var` with `*args` / `**kwargs`). `name` is the
/// function's Python name.
pub fn match_arguments(
    krate: &syn::Path,
    name: &str,
    owner: &Owner,
    sig: &Signature,
    args: &[FnArg<'_>],
    l: &Locals,
) -> TokenStream {
    let Locals {
        py,
        args: call,
        slots,
        var,
        storage,
        ..
    } = l;
    let params = sig.params.iter().map(|p| {
        let name = &args[p.arg].name;
        let required = !p.default.is_optional();
        quote!(#krate::impl_::extract_argument::ParamDescription { name: #name, required: #required })
    });
    let slot_count = sig.params.len();
    let (positional, positional_only) = (sig.positional, sig.positional_only);
    let (varargs, varkw) = (sig.varargs.is_some(), sig.varkw.is_some());
    let receiver = match owner {
        Owner::Function => quote!(),
        Owner::Method { class, receiver } => quote!(.method_of(#class, #receiver)),
    };
    let extract = if varargs || varkw {
        quote! {
            let #var = __PYO3_DESCRIPTION.extract_with_var(#py, &#call, &mut #storage)?;
            let #slots = &#storage;
        }
    } else {
        quote!(let #slots = __PYO3_DESCRIPTION.extract(#py, &#call, &mut #storage)?;)
    };
    quote! {
        static __PYO3_KEYWORD_NAMES: #krate::impl_::extract_argument::KeywordNames =
            #krate::impl_::extract_argument::KeywordNames::new();
        static __PYO3_DESCRIPTION: #krate::impl_::extract_argument::FunctionDescription =
            #krate::impl_::extract_argument::FunctionDescription::new(
                #name,
                &[#(#params),*],
                #positional,
                #positional_only,
                #varargs,
                #varkw,
                &__PYO3_KEYWORD_NAMES,
            )#receiver;
        let mut #storage: [#krate::impl_::core::option::Option<&#krate::impl_::PyAny>; #slot_count] =
            [#krate::impl_::core::option::Option::None; #slot_count];
        #extract
    }
}

/// The conversion of `ret` into the object returned to Python. The return type is named
/// so a type that cannot be returned is reported on it.
pub fn convert(krate: &syn::Path, output: Option<&syn::Type>, l: &Locals) -> TokenStream {
    let (py, ret) = (&l.py, &l.ret);
    match output {
        Some(ty) if !types::contains_impl_trait(ty) => {
            let path = respan(quote!(#krate::impl_::callback::convert), ty.span());
            let ty = l.fix_type(ty);
            quote_spanned!(ty.span()=> #path::<#ty>(#py, #ret))
        }
        _ => quote!(#krate::impl_::callback::convert(#py, #ret)),
    }
}

/// The expression passed for the Rust parameter `index`. The parameter's type is named in
/// each helper call, so a type error (no `FromPyObject`, a default of the wrong type) lands
/// on the type or the default the user wrote.
pub fn argument(
    krate: &syn::Path,
    sig: &Signature,
    index: usize,
    arg: &FnArg<'_>,
    l: &Locals,
) -> TokenStream {
    let name = &arg.name;
    let (py, args, slots, var) = (&l.py, &l.args, &l.slots, &l.var);
    let ty = l.fix_type(arg.ty);
    let span = arg.ty.span();
    let extract = respan(quote!(#krate::impl_::extract_argument), span);
    match arg.kind {
        ArgKind::PyToken => quote!(#py),
        ArgKind::Module => quote_spanned!(span=> #extract::extract_module::<#ty>(&#args)?),
        ArgKind::Regular if sig.varargs == Some(index) => {
            quote_spanned!(span=> #extract::extract_varargs::<#ty>(&#var, #name)?)
        }
        ArgKind::Regular if sig.varkw == Some(index) => {
            quote_spanned!(span=> #extract::extract_varkwargs::<#ty>(#py, &#var, #name)?)
        }
        ArgKind::Regular => {
            let Some(slot) = sig.slot_of(index) else {
                // Unbound parameters were reported while building the model.
                return quote!(#krate::impl_::core::unreachable!());
            };
            let default = match &sig.params[slot].default {
                ParamDefault::Required => None,
                ParamDefault::Expr(expr) => {
                    let expr = l.fix_expr(expr);
                    Some(quote!(|| #expr))
                }
                ParamDefault::ImplicitNone => {
                    Some(quote!(|| #krate::impl_::core::option::Option::None))
                }
            };
            match (&arg.from_py_with, default) {
                (None, None) => quote_spanned!(span=>
                    #extract::extract_required::<#ty>(#slots[#slot], #name)?
                ),
                (None, Some(default)) => quote_spanned!(span=>
                    #extract::extract_optional::<#ty, _>(#slots[#slot], #name, #default)?
                ),
                (Some(with), None) => {
                    let path = &with.value;
                    quote_spanned!(span=>
                        #extract::extract_required_with::<#ty, _>(#slots[#slot], #name, #path)?
                    )
                }
                (Some(with), Some(default)) => {
                    let path = &with.value;
                    quote_spanned!(span=>
                        #extract::extract_optional_with::<#ty, _, _>(
                            #slots[#slot], #name, #path, #default,
                        )?
                    )
                }
            }
        }
    }
}

/// The tokens with every span set to `span`, so that the whole path of a helper call (and
/// the errors reported on it) sits on the user's token.
pub fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                return proc_macro2::TokenTree::Group(inner);
            }
            token.set_span(span);
            token
        })
        .collect()
}
