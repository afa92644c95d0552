//! The expansion of `#[pymethods]` items that fill type slots: magic methods of the
//! dunder table (a marker implementing the slot's runtime trait), slots that several such
//! methods share, and the slots that call a regular method by name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::args::{respan, Locals};
use super::pymethods::Parts;
use crate::model::function::ArgKind;
use crate::model::method::MethodSpec;
use crate::model::slots::{self, SlotOutput, SlotParam, SlotRow};

/// What the expansion of one slot method needs from the method's common expansion.
pub(super) struct SlotInput<'a, 'b> {
    /// The path to the runtime.
    pub krate: &'b syn::Path,
    /// The class.
    pub self_ty: &'b syn::Type,
    /// The method.
    pub spec: &'b MethodSpec<'a>,
    /// The marker type's name.
    pub marker: syn::Ident,
    /// The generated code's locals.
    pub l: &'b Locals,
    /// Whether a call must open a pool scope.
    pub needs_pool: TokenStream,
    /// The conversion of the result to an object.
    pub convert: TokenStream,
    /// The statement borrowing the receiver.
    pub receiver_stmt: TokenStream,
    /// The receiver argument of the call.
    pub receiver_arg: TokenStream,
}

/// The marker of a dunder-table method and the slots it fills (or its part of a
/// combined slot, filled by [`combined_slots`]).
pub(super) fn slot_method(input: &SlotInput<'_, '_>, row: &'static SlotRow, parts: &mut Parts) {
    let SlotInput {
        krate,
        self_ty,
        spec,
        marker,
        l,
        needs_pool,
        convert,
        receiver_stmt,
        receiver_arg,
    } = input;
    let (krate, self_ty, marker) = (*krate, *self_ty, marker.clone());
    let ident = &spec.sig.ident;
    let output = spec.output();
    let Locals { py, ret, .. } = l;
    let slf = super::local("slf");
    let py_tokens = quote!(#krate::impl_::Python<'py>);
    let pyclass = quote!(#krate::impl_::pyclass);
    let signature = row.signature;
    let trait_name = format_ident!("{}", signature.trait_name);
    let trampoline = format_ident!("{}", signature.trampoline);
    let slot_id = format_ident!("{}", row.slot);
    let slots = quote!(#krate::impl_::slots);
    // The slot's parameters after `self`, and the user's arguments bound to them.
    let mut params = Vec::new();
    let mut binds = Vec::new();
    let mut regular = spec.regular_args();
    for (i, param) in signature.params.iter().enumerate() {
        let name = format_ident!("__pyo3_param{}", i, span = proc_macro2::Span::mixed_site());
        let arg = regular.next();
        match param {
            SlotParam::Other => {
                params.push(quote!(#name: &'py #krate::impl_::PyAny));
                if let Some(arg) = arg {
                    let ty = l.fix_type(arg.ty);
                    let bound =
                        format_ident!("__pyo3_bound{}", i, span = proc_macro2::Span::mixed_site());
                    binds.push((arg.ident.clone(), quote! {
                        let #bound = match #krate::impl_::extract_argument::extract_argument::<#ty>(#name, "other") {
                            #krate::impl_::core::result::Result::Ok(value) => value,
                            #krate::impl_::core::result::Result::Err(_) => {
                                return #krate::impl_::core::result::Result::Ok(#py.NotImplemented());
                            }
                        };
                    }, bound));
                }
            }
            SlotParam::Arg => {
                params.push(quote!(#name: &'py #krate::impl_::PyAny));
                if let Some(arg) = arg {
                    let ty = l.fix_type(arg.ty);
                    let bound =
                        format_ident!("__pyo3_bound{}", i, span = proc_macro2::Span::mixed_site());
                    let arg_name = arg.ident.to_string();
                    let arg_name = arg_name.trim_start_matches("r#");
                    binds.push((arg.ident.clone(), quote! {
                        let #bound = #krate::impl_::extract_argument::extract_argument::<#ty>(#name, #arg_name)?;
                    }, bound));
                }
            }
            SlotParam::Visit => {
                params.push(quote!(#name: #slots::PyVisit<'py>));
                if let Some(arg) = arg {
                    binds.push((arg.ident.clone(), quote!(), name.clone()));
                }
            }
            SlotParam::CompareOp => {
                params.push(quote!(#name: #slots::CompareOp));
                if let Some(arg) = arg {
                    binds.push((arg.ident.clone(), quote!(), name.clone()));
                }
            }
            SlotParam::BufferView => {
                params.push(quote!(#name: *mut #krate::impl_::buffer_slots::Py_buffer));
                if let Some(arg) = arg {
                    binds.push((arg.ident.clone(), quote!(), name.clone()));
                }
            }
            SlotParam::BufferFlags => {
                params.push(quote!(#name: #krate::impl_::core::ffi::c_int));
                if let Some(arg) = arg {
                    binds.push((arg.ident.clone(), quote!(), name.clone()));
                }
            }
        }
    }
    let bind_tokens = binds.iter().map(|(_, tokens, _)| tokens);
    let slot_args = spec.args.iter().map(|arg| match arg.kind {
        ArgKind::PyToken => quote!(#py),
        _ => {
            let bound = binds
                .iter()
                .find(|(ident, _, _)| ident == arg.ident)
                .map(|(_, _, bound)| bound.clone());
            quote!(#bound)
        }
    });
    let slot_args: Vec<TokenStream> = slot_args.collect();
    let call_expr = quote!(<#self_ty>::#ident(#receiver_arg #(#slot_args),*));
    let call_expr =
        super::pymethods::borrowed_iter_call(krate, spec, self_ty, call_expr, &slot_args);
    // SAFETY (of the generated block): an `unsafe fn` is accepted only for slots
    // whose C caller upholds its contract (`__getbuffer__`: a `Py_buffer` to fill;
    // `__releasebuffer__`: a view this class filled), which the trampoline's own
    // contract passes on to the marker's `unsafe fn call`.
    let call_expr = if spec.sig.unsafety.is_some() {
        quote!(unsafe { #call_expr })
    } else {
        call_expr
    };
    let unsafety = if signature.unsafe_call {
        quote!(unsafe)
    } else {
        quote!()
    };
    let (output_ty, result) = match signature.output {
        SlotOutput::Object => (quote!(#krate::impl_::PyObject), convert.clone()),
        SlotOutput::Hash => {
            let result = match output {
                Some(ty) => {
                    let fixed = l.fix_type(ty);
                    let path = respan(quote!(#slots::HashOutput), ty.span());
                    quote_spanned!(ty.span()=> <#fixed as #path>::into_hash(#ret))
                }
                None => quote!(#slots::HashOutput::into_hash(#ret)),
            };
            (quote!(#krate::impl_::ffi::Py_hash_t), result)
        }
        SlotOutput::Bool => {
            let result = match output {
                Some(ty) => {
                    let fixed = l.fix_type(ty);
                    let path = respan(quote!(#slots::BoolOutput), ty.span());
                    quote_spanned!(ty.span()=> <#fixed as #path>::into_bool(#ret))
                }
                None => quote!(#slots::BoolOutput::into_bool(#ret)),
            };
            (quote!(#krate::impl_::core::primitive::bool), result)
        }
        SlotOutput::Traverse => {
            let result = output_via(
                l,
                output,
                quote!(#slots::TraverseOutput),
                "into_code",
                ret,
                quote!(),
            );
            (quote!(#krate::impl_::core::ffi::c_int), result)
        }
        SlotOutput::Len => {
            let result = output_via(
                l,
                output,
                quote!(#slots::LenOutput),
                "into_len",
                ret,
                quote!(),
            );
            (quote!(#krate::impl_::ffi::Py_ssize_t), result)
        }
        SlotOutput::Unit => {
            let result = output_via(
                l,
                output,
                quote!(#slots::UnitOutput),
                "into_unit",
                ret,
                quote!(),
            );
            (quote!(()), result)
        }
        SlotOutput::Next => {
            let result = output_via(
                l,
                output,
                quote!(#slots::NextOutput),
                "into_next",
                ret,
                quote!(, #py),
            );
            (
                quote!(#krate::impl_::core::option::Option<#krate::impl_::PyObject>),
                result,
            )
        }
    };
    parts.items.push(quote! {
        #[allow(non_camel_case_types)]
        struct #marker;
        impl #slots::#trait_name for #marker {
            type Class = #self_ty;
            const NEEDS_POOL: bool = #needs_pool;
            #[inline]
            #unsafety fn call<'py>(
                #py: #py_tokens,
                #slf: &'py #krate::impl_::PyCell<#self_ty>,
                #(#params),*
            ) -> #krate::impl_::PyResult<#output_ty> {
                #(#bind_tokens)*
                #receiver_stmt
                let #ret = #call_expr;
                #result
            }
        }
    });
    match row.part {
        Some(part) => {
            let index = match parts.combined.iter().position(|(s, _)| *s == row.slot) {
                Some(index) => index,
                None => {
                    let count = slots::combined(row.slot).parts;
                    parts.combined.push((row.slot, vec![None; count]));
                    parts.combined.len() - 1
                }
            };
            parts.combined[index].1[part] = Some(marker);
        }
        None => {
            let also = row.also.iter().map(|(slot, trampoline)| {
                (format_ident!("{}", slot), format_ident!("{}", trampoline))
            });
            for (slot_id, trampoline) in std::iter::once((slot_id, trampoline)).chain(also) {
                parts.slots.push(quote! {
                    #pyclass::TypeSlot {
                        slot: #krate::impl_::ffi::#slot_id,
                        pfunc: #slots::#trampoline::<#marker> as *mut #krate::impl_::core::ffi::c_void,
                    }
                });
            }
        }
    }
}

/// Fills each combined slot once, from the markers of its parts (a missing part is the
/// runtime's `Absent`).
pub(super) fn combined_slots(krate: &syn::Path, self_ty: &syn::Type, parts: &mut Parts) {
    for (slot, markers) in &parts.combined {
        let combined = slots::combined(slot);
        let module = format_ident!("{}", combined.module);
        let runtime = quote!(#krate::impl_::#module);
        let markers: Vec<TokenStream> = markers
            .iter()
            .map(|marker| match marker {
                Some(marker) => quote!(#marker),
                None => quote!(#runtime::Absent<#self_ty>),
            })
            .collect();
        let fills =
            std::iter::once((*slot, combined.trampoline)).chain(combined.also.iter().copied());
        for (slot, trampoline) in fills {
            let trampoline = format_ident!("{}", trampoline);
            let slot_id = format_ident!("{}", slot);
            let pfunc = if combined.const_fn {
                quote!(#runtime::#trampoline::<#self_ty, #(#markers),*>())
            } else {
                quote!(#runtime::#trampoline::<#self_ty, #(#markers),*> as *mut #krate::impl_::core::ffi::c_void)
            };
            parts.slots.push(quote! {
                #krate::impl_::pyclass::TypeSlot {
                    slot: #krate::impl_::ffi::#slot_id,
                    pfunc: #pfunc,
                }
            });
        }
    }
}

/// The slot that a regular magic method fills by name (`__call__`, number operators,
/// descriptors, attribute hooks); `filled` lists the slots already filled by the block.
pub(super) fn method_slot(
    krate: &syn::Path,
    python_name: &str,
    filled: &mut Vec<&'static str>,
    parts: &mut Parts,
) {
    let Some(row) = slots::find_method_slot(python_name) else {
        return;
    };
    // `__set__` and `__delete__` share `tp_descr_set`: fill it once.
    if filled.contains(&row.slot) {
        return;
    }
    filled.push(row.slot);
    let slot_id = format_ident!("{}", row.slot);
    let function: TokenStream = row
        .function
        .parse()
        .expect("method-slot functions are valid paths");
    parts.slots.push(quote! {
        #krate::impl_::pyclass::TypeSlot {
            slot: #krate::impl_::ffi::#slot_id,
            pfunc: #krate::impl_::#function as *mut #krate::impl_::core::ffi::c_void,
        }
    });
}

/// The conversion of a slot method's result through an output trait, spanned on the
/// return type so an unsupported type is reported there.
fn output_via(
    l: &Locals,
    output: Option<&syn::Type>,
    path: TokenStream,
    method: &str,
    ret: &syn::Ident,
    extra: TokenStream,
) -> TokenStream {
    let method = format_ident!("{}", method);
    match output {
        Some(ty) => {
            let fixed = l.fix_type(ty);
            let path = respan(path, ty.span());
            quote_spanned!(ty.span()=> <#fixed as #path>::#method(#ret #extra))
        }
        None => quote!(#path::#method(#ret #extra)),
    }
}
