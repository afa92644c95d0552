//! The expansion of `#[pymethods]`: one marker type per item implementing the runtime
//! trait of its kind (method, property, constructor, slot), the block's static item table,
//! and its submission to the class's inventory.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::args::{self, respan, Locals};
use super::{doc_string, local, slot_methods};
use crate::model::function::{ArgKind, TextSignature};
use crate::model::method::{ConstAttr, MethodKind, MethodSpec, Receiver};
use crate::model::slots;
use crate::model::text_signature;

/// The items of one block, ready for expansion.
pub struct Block<'a> {
    /// The path to the runtime.
    pub krate: syn::Path,
    /// The class.
    pub self_ty: &'a syn::Type,
    /// The functions.
    pub methods: Vec<MethodSpec<'a>>,
    /// The `#[classattr]` constants.
    pub consts: Vec<ConstAttr<'a>>,
}

/// What one item contributes to the block.
#[derive(Default)]
pub(super) struct Parts {
    pub(super) items: Vec<TokenStream>,
    pub(super) defs: Vec<TokenStream>,
    pub(super) slots: Vec<TokenStream>,
    pub(super) constructor: Option<TokenStream>,
    /// The markers of methods sharing a slot (`__lt__`..`__ge__`, `__setitem__` and
    /// `__delitem__`), by slot and part.
    pub(super) combined: Vec<(&'static str, Vec<Option<syn::Ident>>)>,
}

/// Everything `#[pymethods]` adds after the impl block.
pub fn expand(block: &Block<'_>) -> TokenStream {
    let krate = &block.krate;
    let self_ty = block.self_ty;
    let mut parts = Parts::default();
    let mut method_slots: Vec<&'static str> = Vec::new();
    for method in &block.methods {
        method_parts(block, method, &mut parts);
        if let MethodKind::Instance = method.kind {
            slot_methods::method_slot(krate, &method.python_name, &mut method_slots, &mut parts);
        }
    }
    for attr in &block.consts {
        let ident = attr.ident;
        let name = &attr.python_name;
        let function = format_ident!("__pyo3_const_{}", ident);
        parts.items.push(quote! {
            #[allow(non_snake_case)]
            fn #function<'py>(
                py: #krate::impl_::Python<'py>,
            ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                #krate::impl_::pymethods::class_attribute(py, <#self_ty>::#ident)
            }
        });
        parts.defs.push(class_attribute_def(krate, name, &function));
    }
    slot_methods::combined_slots(krate, self_ty, &mut parts);
    let Parts {
        items,
        defs,
        slots,
        constructor,
        ..
    } = parts;
    let constructor = match constructor {
        Some(tokens) => quote! {{
            #tokens
            #krate::impl_::core::option::Option::Some(&__PYO3_CONSTRUCTOR)
        }},
        None => quote!(#krate::impl_::core::option::Option::None),
    };
    let inventory = quote_spanned! {self_ty.span()=>
        type __Pyo3Inventory =
            <#self_ty as #krate::impl_::pyclass::PyMethodsInventory>::Inventory;
    };
    quote! {
        const _: () = {
            use #krate::impl_::extract_argument::ProbeFallback as _;
            #(#items)*
            static __PYO3_ITEMS: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems {
                    methods: &[#(#defs),*],
                    slots: &[#(#slots),*],
                    constructor: #constructor,
                };
            #inventory
            #krate::impl_::inventory::submit! {
                __Pyo3Inventory::new(&__PYO3_ITEMS)
            }
        };
    }
}

fn class_attribute_def(krate: &syn::Path, name: &str, function: &syn::Ident) -> TokenStream {
    quote! {
        #krate::impl_::pyclass::PyMethodDefType::ClassAttribute(
            #krate::impl_::pyclass::PyClassAttributeDef { name: #name, meth: #function },
        )
    }
}

/// The marker, definitions and slots of one function.
fn method_parts(block: &Block<'_>, spec: &MethodSpec<'_>, parts: &mut Parts) {
    let krate = &block.krate;
    let self_ty = block.self_ty;
    let ident = &spec.sig.ident;
    let marker = format_ident!("__pyo3_method_{}", ident);
    let l = Locals::for_method(self_ty);
    let name = format!("{}\0", spec.python_name);
    let doc = doc_string(krate, text_signature_block(spec), &spec.docs);
    let receiver_syntactic =
        matches!(spec.receiver, Receiver::Typed(_)) || matches!(spec.kind, MethodKind::Class);
    let needs_pool = args::needs_pool(krate, &spec.args, spec.output(), receiver_syntactic, &l);
    let output = spec.output();
    let convert = args::convert(krate, output, &l);
    let Locals {
        py,
        args: call,
        ret,
        ..
    } = &l;
    let slf = local("slf");
    let bind_args = bind_arguments(krate, spec, &l);
    // Binary operators: an operand of the wrong type is `NotImplemented`, not an error.
    let bind_args = match slots::find_method_slot(&spec.python_name) {
        Some(row) if row.not_implemented && matches!(spec.kind, MethodKind::Instance) => {
            not_implemented_on_error(krate, spec, &l)
        }
        _ => bind_args,
    };
    let arg_names = arg_names(spec);
    let (receiver_stmt, receiver_arg) = receiver(krate, spec, self_ty, &slf, &l);
    let call_expr = quote!(<#self_ty>::#ident(#receiver_arg #(#arg_names),*));
    let call_expr = borrowed_iter_call(krate, spec, self_ty, call_expr, &arg_names);
    let convert = if spec.borrowed_iter {
        quote!(#krate::impl_::callback::convert(#py, #ret))
    } else {
        convert
    };
    let py_tokens = quote!(#krate::impl_::Python<'py>);
    let pymethods = quote!(#krate::impl_::pymethods);
    let pyclass = quote!(#krate::impl_::pyclass);
    let receiver_name = match spec.kind {
        MethodKind::Static => "",
        MethodKind::Class | MethodKind::New => "cls",
        _ => "self",
    };
    let matching = |receiver: &'static str| {
        let owner = args::Owner::Method {
            class: quote!(<#self_ty as #krate::impl_::PyTypeInfo>::NAME),
            receiver,
        };
        args::match_arguments(
            krate,
            &spec.python_name,
            &owner,
            &spec.signature,
            &spec.args,
            &l,
        )
    };
    match spec.kind {
        MethodKind::Instance => {
            let matching = matching(receiver_name);
            // A method whose slot calls it by name must win over CPython's slot wrapper.
            let coexist = match slots::find_method_slot(&spec.python_name) {
                Some(_) => quote!(.coexist()),
                None => quote!(),
            };
            let no_args = spec.signature.params.is_empty()
                && spec.signature.varargs.is_none()
                && spec.signature.varkw.is_none();
            parts.items.push(quote! {
                #[allow(non_camel_case_types)]
                struct #marker;
                impl #pymethods::PyMethodImpl for #marker {
                    type Class = #self_ty;
                    const NEEDS_POOL: bool = #needs_pool;
                    const NO_ARGS: bool = #no_args;
                    #[inline]
                    fn call<'py>(
                        #py: #py_tokens,
                        #slf: &'py #krate::impl_::PyCell<#self_ty>,
                        #call: #krate::impl_::extract_argument::FastcallArgs<'py>,
                    ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                        #matching
                        #bind_args
                        #receiver_stmt
                        let #ret = #call_expr;
                        #convert
                    }
                }
            });
            parts.defs.push(quote! {
                #pyclass::PyMethodDefType::Method(
                    #pyclass::PyMethodDef::method::<#marker>(#name, #doc)#coexist,
                )
            });
        }
        MethodKind::Static | MethodKind::Class => {
            let matching = matching(receiver_name);
            let (variant, class_stmt, class_arg) = if matches!(spec.kind, MethodKind::Class) {
                let cls = local("cls");
                (
                    quote!(ClassMethod),
                    quote!(let #cls = #pymethods::class_receiver(&#call)?;),
                    quote!(#cls,),
                )
            } else {
                (quote!(StaticMethod), quote!(), quote!())
            };
            parts.items.push(quote! {
                #[allow(non_camel_case_types)]
                struct #marker;
                impl #krate::impl_::pyfunction::PyFunctionImpl for #marker {
                    const NEEDS_POOL: bool = #needs_pool;
                    #[inline]
                    fn call<'py>(
                        #py: #py_tokens,
                        #call: #krate::impl_::extract_argument::FastcallArgs<'py>,
                    ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                        #matching
                        #bind_args
                        #class_stmt
                        let #ret = <#self_ty>::#ident(#class_arg #(#arg_names),*);
                        #convert
                    }
                }
            });
            parts.defs.push(quote! {
                #pyclass::PyMethodDefType::#variant(
                    #pyclass::PyMethodDef::function::<#marker>(#name, #doc),
                )
            });
        }
        MethodKind::New => {
            let matching = matching(receiver_name);
            let target = local("target");
            let new_instance = match output {
                Some(ty) => {
                    let path = respan(quote!(#pymethods::new_instance), ty.span());
                    let ty = l.fix_type(ty);
                    quote_spanned!(ty.span()=> #path::<#self_ty, #ty>(#py, #target, #ret))
                }
                None => quote!(#pymethods::new_instance::<#self_ty, ()>(#py, #target, #ret)),
            };
            let needs_pool = args::needs_pool(krate, &spec.args, None, false, &l);
            parts.items.push(quote! {
                #[allow(non_camel_case_types)]
                struct #marker;
                impl #pymethods::PyNewImpl for #marker {
                    type Class = #self_ty;
                    const NEEDS_POOL: bool = #needs_pool;
                    // Inlined into the vectorcall entry (construction's hot path) and the
                    // tp_new one alike: a call between them costs ~15 instructions.
                    #[inline(always)]
                    fn call<'py>(
                        #py: #py_tokens,
                        #target: #pymethods::NewTarget<'py, #self_ty>,
                        #call: #krate::impl_::extract_argument::FastcallArgs<'py>,
                    ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                        #matching
                        #bind_args
                        let #ret = #call_expr;
                        #new_instance
                    }
                }
            });
            let text = match &spec.text_signature {
                TextSignature::Auto => text_signature::render(&spec.signature, &spec.args),
                TextSignature::Given(text) => text.value(),
                TextSignature::Disabled => String::new(),
            };
            parts.constructor = Some(quote! {
                static __PYO3_CONSTRUCTOR: #pymethods::PyConstructorDef =
                    #pymethods::PyConstructorDef::new::<#marker>(#text);
            });
        }
        MethodKind::Getter => {
            parts.items.push(quote! {
                #[allow(non_camel_case_types)]
                struct #marker;
                impl #pymethods::PyGetterImpl for #marker {
                    type Class = #self_ty;
                    const NEEDS_POOL: bool = #needs_pool;
                    #[inline]
                    fn get<'py>(
                        #py: #py_tokens,
                        #slf: &'py #krate::impl_::PyCell<#self_ty>,
                    ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                        #bind_args
                        #receiver_stmt
                        let #ret = #call_expr;
                        #convert
                    }
                }
            });
            parts.defs.push(quote! {
                #pyclass::PyMethodDefType::Getter(#pyclass::PyGetterDef::new::<#marker>(#name, #doc))
            });
        }
        MethodKind::Setter => {
            let value = local("value");
            let setter_output = match output {
                Some(ty) => {
                    let path = respan(quote!(#pymethods::SetterOutput), ty.span());
                    let fixed = l.fix_type(ty);
                    quote_spanned!(ty.span()=> <#fixed as #path>::into_result(#ret))
                }
                None => quote!(#pymethods::setter_output(#ret)),
            };
            let bind = spec.args.iter().enumerate().map(|(i, arg)| {
                let name = format_ident!("__pyo3_arg{}", i, span = proc_macro2::Span::mixed_site());
                match arg.kind {
                    ArgKind::PyToken => quote!(let #name = #py;),
                    _ => {
                        let ty = l.fix_type(arg.ty);
                        let span = arg.ty.span();
                        let path = respan(quote!(#pymethods::extract_value), span);
                        quote_spanned!(span=> let #name = #path::<#ty>(#value)?;)
                    }
                }
            });
            parts.items.push(quote! {
                #[allow(non_camel_case_types)]
                struct #marker;
                impl #pymethods::PySetterImpl for #marker {
                    type Class = #self_ty;
                    const NEEDS_POOL: bool = #needs_pool;
                    #[inline]
                    fn set<'py>(
                        #py: #py_tokens,
                        #slf: &'py #krate::impl_::PyCell<#self_ty>,
                        #value: &'py #krate::impl_::PyAny,
                    ) -> #krate::impl_::PyResult<()> {
                        #(#bind)*
                        #receiver_stmt
                        let #ret = #call_expr;
                        #setter_output
                    }
                }
            });
            parts.defs.push(quote! {
                #pyclass::PyMethodDefType::Setter(#pyclass::PySetterDef::new::<#marker>(#name, #doc))
            });
        }
        MethodKind::ClassAttr => {
            let function = format_ident!("__pyo3_classattr_{}", ident);
            let output_ty = output.map(|ty| l.fix_type(ty));
            let value = match &output_ty {
                Some(ty) => {
                    quote_spanned!(ty.span()=> #pymethods::class_attribute::<#ty>(#py, #ret))
                }
                None => quote!(#pymethods::class_attribute(#py, #ret)),
            };
            parts.items.push(quote! {
                #[allow(non_snake_case)]
                fn #function<'py>(
                    #py: #py_tokens,
                ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                    #bind_args
                    let #ret = #call_expr;
                    #value
                }
            });
            parts
                .defs
                .push(class_attribute_def(krate, &spec.python_name, &function));
        }
        MethodKind::Slot(row) => {
            let input = slot_methods::SlotInput {
                krate,
                self_ty,
                spec,
                marker,
                l: &l,
                needs_pool,
                convert,
                receiver_stmt,
                receiver_arg,
            };
            slot_methods::slot_method(&input, row, parts);
        }
    }
}

/// `let __pyo3_argN = <extraction>;` for every parameter, so the arguments are converted
/// With `#[pyo3(borrowed_iter)]`, the call of a `&self` method wrapped in
/// `PyBorrowedIter::new`: the method runs inside the closure on the borrowed value, and its
/// iterator is boxed there (the receiver guard is the `PyRef` the iterator is made from).
/// Otherwise `call` unchanged.
pub(super) fn borrowed_iter_call(
    krate: &syn::Path,
    spec: &MethodSpec<'_>,
    self_ty: &syn::Type,
    call: TokenStream,
    args: &[impl quote::ToTokens],
) -> TokenStream {
    if !spec.borrowed_iter {
        return call;
    }
    let ident = &spec.sig.ident;
    let guard = local("guard");
    let owner = local("owner");
    let span = spec
        .output()
        .map_or_else(proc_macro2::Span::call_site, |ty| ty.span());
    let boxed = quote_spanned!(span=> #krate::impl_::std::boxed::Box::new(
        <#self_ty>::#ident(#owner, #(#args),*)
    ));
    quote! {
        #krate::impl_::PyBorrowedIter::new(#guard, move |#owner| #boxed)?
    }
}

/// before the receiver is borrowed (a conversion may run Python code that uses it).
fn bind_arguments(krate: &syn::Path, spec: &MethodSpec<'_>, l: &Locals) -> TokenStream {
    let binds = spec.args.iter().enumerate().map(|(i, arg)| {
        let name = format_ident!("__pyo3_arg{}", i, span = proc_macro2::Span::mixed_site());
        let value = args::argument(krate, &spec.signature, i, arg, l);
        quote!(let #name = #value;)
    });
    quote!(#(#binds)*)
}

/// Like [`bind_arguments`], but a failed extraction returns `NotImplemented`.
fn not_implemented_on_error(krate: &syn::Path, spec: &MethodSpec<'_>, l: &Locals) -> TokenStream {
    let py = &l.py;
    let binds = spec.args.iter().enumerate().map(|(i, arg)| {
        let name = format_ident!("__pyo3_arg{}", i, span = proc_macro2::Span::mixed_site());
        let value = args::argument(krate, &spec.signature, i, arg, l);
        quote! {
            let #name = match (|| -> #krate::impl_::PyResult<_> {
                #krate::impl_::core::result::Result::Ok(#value)
            })() {
                #krate::impl_::core::result::Result::Ok(value) => value,
                #krate::impl_::core::result::Result::Err(_) => {
                    return #krate::impl_::core::result::Result::Ok(#py.NotImplemented());
                }
            };
        }
    });
    quote!(#(#binds)*)
}

fn arg_names(spec: &MethodSpec<'_>) -> Vec<syn::Ident> {
    (0..spec.args.len())
        .map(|i| format_ident!("__pyo3_arg{}", i, span = proc_macro2::Span::mixed_site()))
        .collect()
}

/// The statement that borrows the receiver and the expression passed for it.
fn receiver(
    krate: &syn::Path,
    spec: &MethodSpec<'_>,
    self_ty: &syn::Type,
    slf: &syn::Ident,
    l: &Locals,
) -> (TokenStream, TokenStream) {
    let guard = local("guard");
    let pymethods = quote!(#krate::impl_::pymethods);
    match spec.receiver {
        Receiver::None => (quote!(), quote!()),
        Receiver::Ref => (
            quote!(let #guard = #pymethods::borrow(#slf)?;),
            quote!(&#guard,),
        ),
        Receiver::Mut => {
            let span = spec
                .sig
                .inputs
                .first()
                .map_or_else(proc_macro2::Span::call_site, |i| i.span());
            let path = respan(quote!(#pymethods::assert_mutable), span);
            (
                quote! {
                    const _: () = #path::<#self_ty>();
                    let mut #guard = #pymethods::borrow_self_mut(#slf)?;
                },
                quote!(&mut *#guard,),
            )
        }
        Receiver::Typed(ty) => {
            let span = ty.span();
            let fixed = l.fix_type(ty);
            let path = respan(quote!(#pymethods::receiver), span);
            (
                quote_spanned!(span=> let #guard = #path::<#self_ty, #fixed>(#slf)?;),
                quote!(#guard,),
            )
        }
    }
}

/// `name($self, a, b=1)\n--\n\n`, the block CPython reads `__text_signature__` from.
fn text_signature_block(spec: &MethodSpec<'_>) -> String {
    let prefix = match spec.kind {
        MethodKind::Instance => "$self",
        MethodKind::Class => "$cls",
        MethodKind::Static => "",
        _ => return String::new(),
    };
    let params = match &spec.text_signature {
        TextSignature::Auto => text_signature::render(&spec.signature, &spec.args),
        TextSignature::Given(text) => {
            return format!("{}{}\n--\n\n", spec.python_name, text.value())
        }
        TextSignature::Disabled => return String::new(),
    };
    let params = match (prefix, params.as_str()) {
        ("", _) => params,
        (prefix, "()") => format!("({prefix})"),
        (prefix, _) => format!("({prefix}, {}", &params[1..]),
    };
    format!("{}{}\n--\n\n", spec.python_name, params)
}
