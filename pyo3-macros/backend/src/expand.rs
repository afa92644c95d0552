//! The pipeline of each attribute: parse the options, build the model, check it, and
//! generate code — or, on error, the user's item plus stubs and every error at once.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::attr::class_options::{CLASS_OPTIONS, FIELD_OPTIONS, VARIANT_OPTIONS};
use crate::attr::derive_options::{DeriveFieldOption, CONTAINER_OPTIONS, DERIVE_FIELD_OPTIONS};
use crate::attr::options::{ArgOption, ARG_OPTIONS, FN_OPTIONS, MODULE_OPTIONS};
use crate::attr::take_pyo3_attributes;
use crate::check;
use crate::codegen;
use crate::ctxt::Ctxt;
use crate::messages;
use crate::model::class::{ClassOptions, ClassSpec};
use crate::model::derive::{
    check_generics as check_derive_generics, Container, ContainerOptions, DeriveSpec,
};
use crate::model::function::{FnOptions, FnSpec};
use crate::model::method::{MethodAttributes, MethodKind, MethodSpec};
use crate::model::module::{ModuleOptions, ModuleSpec};

/// `#[pyfunction]`.
pub fn pyfunction(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => return wrong_item(item, "pyfunction", "free functions (`fn`)"),
    };
    let cx = Ctxt::new();
    let mut options = FN_OPTIONS.parse_list(&cx, attr);
    for tokens in take_pyo3_attributes(&cx, &mut func.attrs) {
        options.extend(FN_OPTIONS.parse_list(&cx, tokens));
    }
    let arg_options = take_arg_options(&cx, &mut func.sig);
    let options = FnOptions::collect(&cx, options);

    let (krate, expanded) = {
        let spec = FnSpec::from_syn(&cx, &func, options, arg_options);
        check::pyfunction(&cx, &spec);
        let expanded = (!cx.has_errors()).then(|| codegen::pyfunction::expand(&spec));
        (spec.krate.clone(), expanded)
    };
    match cx.check() {
        Ok(()) => quote!(#func #expanded),
        Err(err) => {
            let stub = stub_allowed(&func)
                .then(|| codegen::fallback::pyfunction(&krate, &func.vis, &func.sig.ident));
            let err = err.to_compile_error();
            quote!(#func #stub #err)
        }
    }
}

/// `#[pymodule]`.
pub fn pymodule(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            return wrong_item(
                item,
                "pymodule",
                "functions `fn name(py: Python<'_>, m: &PyModule) -> PyResult<()>`",
            )
        }
    };
    let cx = Ctxt::new();
    let mut options = MODULE_OPTIONS.parse_list(&cx, attr);
    for tokens in take_pyo3_attributes(&cx, &mut func.attrs) {
        options.extend(MODULE_OPTIONS.parse_list(&cx, tokens));
    }
    let options = ModuleOptions::collect(&cx, options);

    let (krate, expanded) = {
        let spec = ModuleSpec::from_syn(&cx, &func, options);
        check::pymodule(&cx, &spec);
        let expanded = (!cx.has_errors()).then(|| codegen::pymodule::expand(&spec));
        (spec.krate.clone(), expanded)
    };
    match cx.check() {
        Ok(()) => quote!(#func #expanded),
        Err(err) => {
            let stub = stub_allowed(&func)
                .then(|| codegen::fallback::pymodule(&krate, &func.vis, &func.sig.ident));
            let err = err.to_compile_error();
            quote!(#func #stub #err)
        }
    }
}

/// `#[pyclass]`.
pub fn pyclass(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut item: syn::Item = match syn::parse2(item.clone()) {
        Ok(item @ (syn::Item::Struct(_) | syn::Item::Enum(_))) => item,
        _ => {
            return wrong_item(
                item,
                "pyclass",
                "structs and enums (a union has no safe way to be read from Python)",
            )
        }
    };
    let cx = Ctxt::new();
    let mut options = CLASS_OPTIONS.parse_list(&cx, attr);
    let attrs = match &mut item {
        syn::Item::Struct(s) => &mut s.attrs,
        syn::Item::Enum(e) => &mut e.attrs,
        _ => unreachable!("checked above"),
    };
    for tokens in take_pyo3_attributes(&cx, attrs) {
        options.extend(CLASS_OPTIONS.parse_list(&cx, tokens));
    }
    let options = ClassOptions::collect(&cx, options);
    let (krate, expanded, stub) = {
        let spec = match &mut item {
            syn::Item::Struct(s) => {
                let field_options = s
                    .fields
                    .iter_mut()
                    .map(|field| {
                        take_pyo3_attributes(&cx, &mut field.attrs)
                            .into_iter()
                            .flat_map(|tokens| FIELD_OPTIONS.parse_list(&cx, tokens))
                            .collect()
                    })
                    .collect();
                ClassSpec::from_struct(&cx, s, options, field_options)
            }
            syn::Item::Enum(e) => {
                let variant_options = e
                    .variants
                    .iter_mut()
                    .map(|variant| {
                        take_pyo3_attributes(&cx, &mut variant.attrs)
                            .into_iter()
                            .flat_map(|tokens| VARIANT_OPTIONS.parse_list(&cx, tokens))
                            .collect()
                    })
                    .collect();
                ClassSpec::from_enum(&cx, e, options, variant_options)
            }
            _ => unreachable!("checked above"),
        };
        check::pyclass(&cx, &spec);
        let expanded = (!cx.has_errors()).then(|| codegen::pyclass::expand(&spec));
        let stub = spec
            .generics
            .params
            .is_empty()
            .then(|| codegen::fallback::pyclass(&spec));
        (spec.krate.clone(), expanded, stub)
    };
    let _ = krate;
    match cx.check() {
        Ok(()) => quote!(#item #expanded),
        Err(err) => {
            let err = err.to_compile_error();
            quote!(#item #stub #err)
        }
    }
}

/// `#[pymethods]`.
pub fn pymethods(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut block: syn::ItemImpl = match syn::parse2(item.clone()) {
        Ok(block) => block,
        Err(_) => {
            return wrong_item(
                item,
                "pymethods",
                "inherent impl blocks of `#[pyclass]` types",
            )
        }
    };
    let cx = Ctxt::new();
    let krate = {
        let options = crate::attr::options::MODULE_OPTIONS.parse_list(&cx, attr);
        let mut krate = None;
        for option in options {
            match option {
                crate::attr::options::ModuleOption::Crate(o) => krate = Some(o),
                crate::attr::options::ModuleOption::Name(o) => {
                    cx.error_at(o.kw_span(), "`#[pymethods]` takes only `crate = \"...\"`")
                }
            }
        }
        crate::model::krate_path(&cx, krate.as_ref())
    };
    check::pymethods_block(&cx, &block);
    if cx.has_errors() {
        // A trait impl or a generic block: its items are not methods to analyse.
        let err = cx
            .check()
            .expect_err("errors were recorded")
            .to_compile_error();
        return quote!(#block #err);
    }
    // Read and strip the macro's attributes first; the model borrows the cleaned items.
    let mut method_inputs = Vec::new();
    let mut const_inputs = Vec::new();
    for (index, item) in block.items.iter_mut().enumerate() {
        match item {
            syn::ImplItem::Fn(func) => {
                let attributes = MethodAttributes::take(&cx, &mut func.attrs);
                let arg_options = take_arg_options(&cx, &mut func.sig);
                method_inputs.push((index, attributes, arg_options));
            }
            syn::ImplItem::Const(constant) => {
                let attributes = MethodAttributes::take(&cx, &mut constant.attrs);
                const_inputs.push((index, attributes));
            }
            _ => {}
        }
    }
    let expanded = {
        let mut methods = Vec::new();
        for (index, attributes, arg_options) in method_inputs {
            if let syn::ImplItem::Fn(func) = &block.items[index] {
                let spec = MethodSpec::from_syn(&cx, func, attributes, arg_options);
                let allow_unsafe =
                    matches!(spec.kind, MethodKind::Slot(row) if row.signature.unsafe_call);
                check::method_item(&cx, &func.sig, allow_unsafe);
                methods.push(spec);
            }
        }
        check::buffer_pair(&cx, &methods);
        let mut consts = Vec::new();
        for (index, attributes) in const_inputs {
            if let syn::ImplItem::Const(constant) = &block.items[index] {
                if let Some(attr) = check::class_attribute_const(&cx, constant, attributes) {
                    consts.push(attr);
                }
            }
        }
        let spec = codegen::pymethods::Block {
            krate,
            self_ty: &block.self_ty,
            methods,
            consts,
        };
        (!cx.has_errors()).then(|| codegen::pymethods::expand(&spec))
    };
    match cx.check() {
        Ok(()) => quote!(#block #expanded),
        Err(err) => {
            let err = err.to_compile_error();
            quote!(#block #err)
        }
    }
}

/// `#[derive(FromPyObject)]`.
pub fn derive_from_py_object(item: TokenStream) -> TokenStream {
    let mut input: syn::DeriveInput = match syn::parse2(item) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error(),
    };
    let cx = Ctxt::new();
    let options = ContainerOptions::collect(
        take_pyo3_attributes(&cx, &mut input.attrs)
            .into_iter()
            .flat_map(|tokens| CONTAINER_OPTIONS.parse_list(&cx, tokens))
            .collect(),
    );
    let krate = crate::model::krate_path(&cx, options.krate.as_ref());
    let ident = &input.ident;
    let type_name = ident.to_string();
    let field_options = |cx: &Ctxt, fields: &syn::Fields| -> Vec<Vec<DeriveFieldOption>> {
        fields
            .iter()
            .map(|field| {
                let mut attrs = field.attrs.clone();
                take_pyo3_attributes(cx, &mut attrs)
                    .into_iter()
                    .flat_map(|tokens| DERIVE_FIELD_OPTIONS.parse_list(cx, tokens))
                    .collect()
            })
            .collect()
    };
    let (containers, is_enum) = match &input.data {
        syn::Data::Struct(data) => {
            let options_of_fields = field_options(&cx, &data.fields);
            let container = Container::new(
                &cx,
                type_name.clone(),
                None,
                &data.fields,
                &options,
                options_of_fields,
                ident.span(),
            );
            (vec![container], false)
        }
        syn::Data::Enum(data) => {
            if data.variants.is_empty() {
                cx.error_spanned_by(
                    ident,
                    "cannot derive `FromPyObject` for an enum without variants",
                );
            }
            let containers = data
                .variants
                .iter()
                .map(|variant| {
                    let mut attrs = variant.attrs.clone();
                    let variant_options = ContainerOptions::collect(
                        take_pyo3_attributes(&cx, &mut attrs)
                            .into_iter()
                            .flat_map(|tokens| CONTAINER_OPTIONS.parse_list(&cx, tokens))
                            .collect(),
                    );
                    let options_of_fields = field_options(&cx, &variant.fields);
                    Container::new(
                        &cx,
                        format!("{type_name}::{}", variant.ident),
                        Some(&variant.ident),
                        &variant.fields,
                        &variant_options,
                        options_of_fields,
                        variant.ident.span(),
                    )
                })
                .collect();
            (containers, true)
        }
        syn::Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "cannot derive `FromPyObject` for a union: which field is set cannot be known",
            );
            (Vec::new(), false)
        }
    };
    check_derive_generics(&cx, &input.generics);
    let expanded = (!cx.has_errors()).then(|| {
        codegen::derive::expand(&DeriveSpec {
            ident,
            generics: &input.generics,
            krate,
            containers,
            is_enum,
        })
    });
    match cx.check() {
        Ok(()) => quote!(#expanded),
        Err(err) => err.to_compile_error(),
    }
}

/// Removes the `#[pyo3(...)]` attributes of every parameter and parses their options.
pub fn take_arg_options(cx: &Ctxt, sig: &mut syn::Signature) -> Vec<Vec<ArgOption>> {
    sig.inputs
        .iter_mut()
        .map(|input| {
            let attrs = match input {
                syn::FnArg::Receiver(receiver) => &mut receiver.attrs,
                syn::FnArg::Typed(typed) => &mut typed.attrs,
            };
            take_pyo3_attributes(cx, attrs)
                .into_iter()
                .flat_map(|tokens| ARG_OPTIONS.parse_list(cx, tokens))
                .collect()
        })
        .collect()
}

/// Whether stubs may be emitted next to the item: not for a method (a `self` parameter
/// means the item sits in an `impl`, where a module cannot).
fn stub_allowed(func: &ItemFn) -> bool {
    !func
        .sig
        .inputs
        .iter()
        .any(|input| matches!(input, syn::FnArg::Receiver(_)))
}

/// The item unchanged, plus an error saying what the attribute applies to.
fn wrong_item(item: TokenStream, attribute: &str, expected: &str) -> TokenStream {
    let span = item
        .clone()
        .into_iter()
        .next()
        .map_or_else(proc_macro2::Span::call_site, |t| t.span());
    let err = syn::Error::new(span, messages::wrong_item(attribute, expected)).to_compile_error();
    quote!(#item #err)
}
