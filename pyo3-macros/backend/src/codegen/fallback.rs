//! What an item expands to when it has errors: the user's item is kept (emitted by the
//! caller) and these stubs stand in for the generated definitions, so code that names
//! them (`wrap_pyfunction!(f)`) still type-checks and only the real mistake is reported.

use proc_macro2::TokenStream;
use quote::quote;

/// The stand-in for a `#[pyfunction]`'s hidden module.
pub fn pyfunction(krate: &syn::Path, vis: &syn::Visibility, ident: &syn::Ident) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #vis mod #ident {
            pub static DEF: #krate::impl_::pyfunction::PyFunctionDef =
                #krate::impl_::pyfunction::PyFunctionDef::new::<#krate::impl_::pyfunction::Stub>(
                    "stub\0", "\0", false,
                );
        }
    }
}

/// The stand-in for a `#[pymodule]`'s hidden module.
pub fn pymodule(krate: &syn::Path, vis: &syn::Visibility, ident: &syn::Ident) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #vis mod #ident {
            fn stub<'py>(
                _: #krate::impl_::Python<'py>,
                _: &'py #krate::impl_::PyModule,
            ) -> #krate::impl_::PyResult<()> {
                #krate::impl_::core::result::Result::Ok(())
            }
            pub static DEF: #krate::impl_::pymodule::ModuleDef =
                #krate::impl_::pymodule::ModuleDef::new("stub\0", "\0", stub);
            pub const NAME: &'static str = "stub\0";
            /// Stand-in for the `PyInit` function.
            ///
            /// # Safety
            /// Never called.
            pub unsafe extern "C" fn __pyo3_init() -> *mut #krate::impl_::ffi::PyObject {
                #krate::impl_::core::ptr::null_mut()
            }
        }
    }
}

/// The stand-in for a `#[pyclass]`: the class traits with default options and no items,
/// so `#[pymethods]` blocks and `add_class` elsewhere still type-check.
pub fn pyclass(spec: &crate::model::class::ClassSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let mut class = super::pyclass::ClassImpls::of(spec, true);
    class.base = quote!(#krate::impl_::PyAny);
    class.subclass = false;
    class.unsendable = true;
    let impls = super::pyclass::class_impls(&class);
    quote! {
        const _: () = {
            #impls
            static __PYO3_INTRINSIC: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems::EMPTY;
        };
    }
}
