//! The expansion of `#[pyfunction]`: a hidden module named after the function holding its
//! static definition, and the implementation of `PyFunctionImpl` that matches arguments,
//! calls the function and converts the result. The heavy lifting is in the runtime's
//! non-generic `impl_::extract_argument`.

use proc_macro2::TokenStream;
use quote::quote;

use super::args::{self, Locals};
use super::doc_string;
use crate::model::function::{FnSpec, TextSignature};
use crate::model::text_signature;

/// Everything `#[pyfunction]` adds next to the user's function.
pub fn expand(spec: &FnSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = &spec.item.sig.ident;
    let vis = &spec.item.vis;
    let name = format!("{}\0", spec.python_name);
    let doc = doc_string(krate, text_signature_block(spec), &spec.docs);
    let pass_module = spec.pass_module.is_some();
    let needs_pool = args::needs_pool(krate, &spec.args, spec.output(), false, &Locals::new());
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

/// `PyFunctionImpl::call`.
fn call_fn(spec: &FnSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = &spec.item.sig.ident;
    let l = Locals::new();
    let matching = args::match_arguments(
        krate,
        &spec.python_name,
        &args::Owner::Function,
        &spec.signature,
        &spec.args,
        &l,
    );
    let call_args = spec
        .args
        .iter()
        .enumerate()
        .map(|(i, arg)| args::argument(krate, &spec.signature, i, arg, &l));
    let convert = args::convert(krate, spec.output(), &l);
    let Locals { py, args, ret, .. } = &l;
    quote! {
        #[inline]
        fn call<'py>(
            #py: #krate::impl_::Python<'py>,
            #args: #krate::impl_::extract_argument::FastcallArgs<'py>,
        ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
            #matching
            let #ret = #ident(#(#call_args),*);
            #convert
        }
    }
}
