//! The expansion of `#[pyfunction]`: a hidden module named after the function holding its
//! static definition, and the implementation of `PyFunctionImpl` that matches arguments,
//! calls the function and converts the result. The heavy lifting is in the runtime's
//! non-generic `impl_::extract_argument`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{doc_string, local};
use crate::model::function::{ArgKind, FnArg, FnSpec, TextSignature};
use crate::model::signature::ParamDefault;
use crate::model::{text_signature, types};

/// Everything `#[pyfunction]` adds next to the user's function.
pub fn expand(spec: &FnSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = &spec.item.sig.ident;
    let vis = &spec.item.vis;
    let name = format!("{}\0", spec.python_name);
    let doc = doc_string(krate, text_signature_block(spec), &spec.docs);
    let pass_module = spec.pass_module.is_some();
    let needs_pool = needs_pool(spec);
    let call = call_fn(spec);
    quote! {
        #[doc(hidden)]
        #vis mod #ident {
            pub(crate) struct MakeDef;
            pub static DEF: #krate::impl_::pyfunction::PyFunctionDef = MakeDef::DEF;
        }

        const _: () = {
            use #krate::impl_::extract_argument::ProbeFallback as _;

            impl #ident::MakeDef {
                const DEF: #krate::impl_::pyfunction::PyFunctionDef =
                    #krate::impl_::pyfunction::PyFunctionDef::new::<#ident::MakeDef>(
                        #name, #doc, #pass_module,
                    );
            }

            impl #krate::impl_::pyfunction::PyFunctionImpl for #ident::MakeDef {
                const NEEDS_POOL: bool = #needs_pool;
                #call
            }
        };
    }
}

/// `name(a, b=1)\n--\n\n`, the block CPython reads `__text_signature__` from.
fn text_signature_block(spec: &FnSpec<'_>) -> String {
    let params = match &spec.text_signature {
        TextSignature::Auto => text_signature::render(&spec.signature, &spec.args),
        TextSignature::Given(text) => text.value(),
        TextSignature::Disabled => return String::new(),
    };
    format!("{}{}\n--\n\n", spec.python_name, params)
}

/// Whether a call needs a pool scope: decided by the compiler from the types'
/// `GIL_INDEPENDENT` constants, plus what the signature alone tells.
fn needs_pool(spec: &FnSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let syntactic = spec
        .args
        .iter()
        .any(|a| a.kind != ArgKind::Regular || a.from_py_with.is_some());
    let arg_types = spec
        .args
        .iter()
        .filter(|a| a.kind == ArgKind::Regular)
        .map(|a| types::erase_named_lifetimes(a.ty));
    let output = match spec.output() {
        None => quote!(true),
        Some(ty) if types::contains_impl_trait(ty) => quote!(false),
        Some(ty) => {
            let ty = types::erase_named_lifetimes(ty);
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

/// `PyFunctionImpl::call`.
fn call_fn(spec: &FnSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = &spec.item.sig.ident;
    let sig = &spec.signature;
    let (py, args, slots, var, ret) = (
        local("py"),
        local("args"),
        local("slots"),
        local("var"),
        local("ret"),
    );
    let python_name = &spec.python_name;
    let params = sig.params.iter().map(|p| {
        let name = &spec.args[p.arg].name;
        let required = !p.default.is_optional();
        quote!(#krate::impl_::extract_argument::ParamDescription { name: #name, required: #required })
    });
    let slot_count = sig.params.len();
    let (positional, positional_only) = (sig.positional, sig.positional_only);
    let (varargs, varkw) = (sig.varargs.is_some(), sig.varkw.is_some());
    let call_args = spec.args.iter().enumerate().map(|(i, arg)| {
        argument(
            spec,
            i,
            arg,
            &Locals {
                py: &py,
                args: &args,
                slots: &slots,
                var: &var,
            },
        )
    });
    let convert = match spec.output() {
        Some(ty) if !types::contains_impl_trait(ty) => {
            let path = respan(quote!(#krate::impl_::callback::convert), ty.span());
            let ty = types::erase_named_lifetimes(ty);
            quote_spanned!(ty.span()=> #path::<#ty>(#py, #ret))
        }
        _ => quote!(#krate::impl_::callback::convert(#py, #ret)),
    };
    let storage = local("storage");
    let extract = if varargs || varkw {
        quote! {
            let #var = __PYO3_DESCRIPTION.extract_with_var(#py, &#args, &mut #storage)?;
            let #slots = &#storage;
        }
    } else {
        quote!(let #slots = __PYO3_DESCRIPTION.extract(#py, &#args, &mut #storage)?;)
    };
    quote! {
        #[inline]
        fn call<'py>(
            #py: #krate::impl_::Python<'py>,
            #args: #krate::impl_::extract_argument::FastcallArgs<'py>,
        ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
            static __PYO3_KEYWORD_NAMES: #krate::impl_::extract_argument::KeywordNames =
                #krate::impl_::extract_argument::KeywordNames::new();
            static __PYO3_DESCRIPTION: #krate::impl_::extract_argument::FunctionDescription =
                #krate::impl_::extract_argument::FunctionDescription::new(
                    #python_name,
                    &[#(#params),*],
                    #positional,
                    #positional_only,
                    #varargs,
                    #varkw,
                    &__PYO3_KEYWORD_NAMES,
                );
            let mut #storage: [#krate::impl_::core::option::Option<&#krate::impl_::PyAny>; #slot_count] =
                [#krate::impl_::core::option::Option::None; #slot_count];
            #extract
            let #ret = #ident(#(#call_args),*);
            #convert
        }
    }
}

/// The local variables of `call`.
struct Locals<'a> {
    py: &'a syn::Ident,
    args: &'a syn::Ident,
    slots: &'a syn::Ident,
    var: &'a syn::Ident,
}

/// The expression passed for the Rust parameter `index`. The parameter's type is named in
/// each helper call, so a type error (no `FromPyObject`, a default of the wrong type) lands
/// on the type or the default the user wrote.
fn argument(spec: &FnSpec<'_>, index: usize, arg: &FnArg<'_>, l: &Locals<'_>) -> TokenStream {
    let krate = &spec.krate;
    let sig = &spec.signature;
    let name = &arg.name;
    let (py, args, slots, var) = (l.py, l.args, l.slots, l.var);
    let ty = types::erase_named_lifetimes(arg.ty);
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
                ParamDefault::Expr(expr) => Some(quote!(|| #expr)),
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
fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
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
