//! Rules that look at the item as a whole or at several options together. Each broken
//! rule is recorded in the context; nothing here generates code.

mod class;
mod methods;

pub use class::pyclass;
pub use methods::{buffer_pair, class_attribute_const, pymethods_block};

use syn::spanned::Spanned;

use crate::ctxt::Ctxt;
use crate::messages;
use crate::model::function::{FnSpec, TextSignature};
use crate::model::module::ModuleSpec;

/// Rules every annotated function obeys: no `async`, no generics, no `unsafe`, no C
/// variadics.
pub fn function_item(cx: &Ctxt, attribute: &str, sig: &syn::Signature) {
    if let Some(asyncness) = &sig.asyncness {
        cx.error_spanned_by(asyncness, messages::async_fn(attribute));
    }
    if let Some(unsafety) = &sig.unsafety {
        cx.error_spanned_by(unsafety, messages::unsafe_fn(attribute));
    }
    let generics: Vec<&syn::GenericParam> = sig
        .generics
        .params
        .iter()
        .filter(|p| !matches!(p, syn::GenericParam::Lifetime(_)))
        .collect();
    if let Some(first) = generics.first() {
        cx.error_spanned_by(first, messages::generic_fn(attribute));
    }
    if let Some(variadic) = &sig.variadic {
        cx.error_spanned_by(
            variadic,
            format!("`#[{attribute}]` functions cannot be C-variadic"),
        );
    }
    for input in &sig.inputs {
        if let syn::FnArg::Typed(typed) = input {
            if let syn::Type::ImplTrait(impl_trait) = &*typed.ty {
                cx.error_spanned_by(
                    impl_trait,
                    format!(
                        "`impl Trait` parameters are generic, which `#[{attribute}]` functions \
                         cannot be; use a concrete type"
                    ),
                );
            }
        }
    }
}

/// [`function_item`] for an item of a `#[pymethods]` block; `allow_unsafe` for the magic
/// methods whose slots hand them raw pointers (`__getbuffer__`, `__releasebuffer__`).
pub fn method_item(cx: &Ctxt, sig: &syn::Signature, allow_unsafe: bool) {
    let Some(unsafety) = &sig.unsafety else {
        return function_item(cx, "pymethods", sig);
    };
    if !allow_unsafe {
        cx.error_spanned_by(unsafety, messages::UNSAFE_METHOD);
    }
    let mut sig = sig.clone();
    sig.unsafety = None;
    function_item(cx, "pymethods", &sig);
}

/// Rules of `#[pyfunction]` that involve several options.
pub fn pyfunction(cx: &Ctxt, spec: &FnSpec<'_>) {
    function_item(cx, "pyfunction", &spec.item.sig);
    if let Some(pass_module) = &spec.pass_module {
        if spec.item.sig.inputs.is_empty() {
            cx.error_at(
                pass_module.span(),
                "`pass_module` needs a first parameter to receive the module, e.g. \
                 `m: &PyModule`",
            );
        }
    }
    if let TextSignature::Given(text) = &spec.text_signature {
        let value = text.value();
        if !(value.starts_with('(') && value.ends_with(')')) || value.contains('\0') {
            cx.error_spanned_by(
                text,
                "`text_signature` must be a parenthesised parameter list like `\"(a, b=1)\"` \
                 (or `None` to omit it)",
            );
        }
    }
}

/// Rules of `#[pymodule]`.
pub fn pymodule(cx: &Ctxt, spec: &ModuleSpec<'_>) {
    function_item(cx, "pymodule", &spec.item.sig);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(item: syn::ItemFn) -> Vec<String> {
        let cx = Ctxt::new();
        function_item(&cx, "pyfunction", &item.sig);
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn plain_functions_pass() {
        assert!(errors_of(syn::parse_quote!(
            fn f<'py>(x: &'py PyAny) -> i64 {
                1
            }
        ))
        .is_empty());
    }

    #[test]
    fn async_generic_unsafe_and_impl_trait_are_all_reported() {
        let errors = errors_of(syn::parse_quote!(
            async unsafe fn f<T: Clone>(x: T, y: impl Fn()) {}
        ));
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].contains("does not support `async fn`"));
        assert!(errors[1].contains("`unsafe fn`"));
        assert!(errors[2].contains("cannot have generic type or const parameters"));
        assert!(errors[3].contains("`impl Trait` parameters are generic"));
    }
}
