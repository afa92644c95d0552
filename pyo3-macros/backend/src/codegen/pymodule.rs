//! The expansion of `#[pymodule]`: a hidden module named after the function with the
//! static module definition and the exported `PyInit_<name>`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{doc_string, local};
use crate::model::module::ModuleSpec;

/// Everything `#[pymodule]` adds next to the user's function.
pub fn expand(spec: &ModuleSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = &spec.item.sig.ident;
    let vis = &spec.item.vis;
    let name = format!("{}\0", spec.python_name);
    let pyinit = format!("PyInit_{}", spec.python_name);
    let doc = doc_string(krate, String::new(), &spec.docs);
    let (py, module) = (local("py"), local("module"));
    // A return type other than `PyResult<()>` is reported on the user's return type.
    let span = match &spec.item.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => ident.span(),
    };
    let mut callee = ident.clone();
    callee.set_span(span);
    let call = if spec.takes_token {
        quote_spanned!(span=> #callee(#py, #module))
    } else {
        quote_spanned!(span=> #callee(#module))
    };
    quote! {
        #[doc(hidden)]
        #vis mod #ident {
            pub(crate) struct MakeDef;
            pub static DEF: #krate::impl_::pymodule::ModuleDef = MakeDef::make_def();
            pub const NAME: &'static str = #name;

            /// The module's `PyInit` function.
            ///
            /// # Safety
            /// Called by the import machinery, with the GIL held.
            #[unsafe(export_name = #pyinit)]
            pub unsafe extern "C" fn __pyo3_init() -> *mut #krate::impl_::ffi::PyObject {
                // SAFETY: the import machinery holds the GIL.
                unsafe { DEF.module_init() }
            }
        }

        const _: () = {
            impl #ident::MakeDef {
                const fn make_def() -> #krate::impl_::pymodule::ModuleDef {
                    fn __pyo3_initializer<'py>(
                        #py: #krate::impl_::Python<'py>,
                        #module: &'py #krate::impl_::PyModule,
                    ) -> #krate::impl_::PyResult<()> {
                        #call
                    }
                    #krate::impl_::pymodule::ModuleDef::new(#ident::NAME, #doc, __pyo3_initializer)
                }
            }
        };
    }
}
