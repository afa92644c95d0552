//! The expansion of `#[pyclass]` on enums. Field-less enums become one class with a
//! class attribute per variant and default `__repr__`, `__int__`, `__eq__`, `__hash__`.
//! Enums with data become a base class plus one subclass per variant (`Shape.Circle`),
//! each with a constructor taking the fields, a getter per field and `__match_args__`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::args::{self, Locals};
use super::doc_string;
use super::pyclass::{class_impls, into_py, option_slots, slot, ClassImpls};
use crate::model::class::{ClassSpec, VariantSpec, VariantStyle};
use crate::model::function::{ArgKind, FnArg};
use crate::model::signature::Signature;
use crate::model::{text_signature, types};

/// A field-less enum.
pub fn expand_simple(spec: &ClassSpec<'_>, variants: &[VariantSpec<'_>]) -> TokenStream {
    let krate = &spec.krate;
    let ty = spec.ident;
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let names: Vec<&str> = variants.iter().map(|v| v.python_name.as_str()).collect();
    let attributes = variants.iter().map(|v| {
        let (ident, name) = (v.ident, &v.python_name);
        class_attribute(
            krate,
            name,
            quote!(#krate::impl_::IntoPy::into_py(#ty::#ident, py)),
        )
    });
    let options = &spec.options;
    let mut slots = option_slots(spec);
    let enum_slot = |dunder: &str, function: TokenStream| {
        slot(krate, dunder, quote!(#krate::impl_::slots::#function))
    };
    slots.push(enum_slot("__repr__", quote!(enum_repr::<#ty>())));
    slots.push(enum_slot("__int__", quote!(enum_int::<#ty>())));
    if !options.has("eq") {
        let eq_int = u8::from(options.has("eq_int"));
        slots.push(enum_slot(
            "__richcmp__",
            quote!(enum_richcmp::<#ty, #eq_int>()),
        ));
    }
    if !options.has("hash") {
        slots.push(enum_slot("__hash__", quote!(enum_hash::<#ty>())));
    }
    let freelist = super::pyclass::freelist(spec, &mut slots);
    let impls = class_impls(&ClassImpls::of(spec, true));
    let into_py = into_py(krate, &quote!(#ty));
    quote! {
        const _: () = {
            #impls
            #into_py
            #freelist
            impl #krate::impl_::slots::PySimpleEnum for #ty {
                fn discriminant(&self) -> isize {
                    match self {
                        #(#ty::#idents => #ty::#idents as isize,)*
                    }
                }
                fn variant_name(&self) -> &'static str {
                    match self {
                        #(#ty::#idents => #names,)*
                    }
                }
            }
            static __PYO3_INTRINSIC: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems {
                    methods: &[#(#attributes),*],
                    slots: &[#(#slots),*],
                    constructor: #krate::impl_::core::option::Option::None,
                };
        };
    }
}

/// A class attribute computed by `value` (an expression using `py`).
fn class_attribute(krate: &syn::Path, name: &str, value: TokenStream) -> TokenStream {
    quote! {
        #krate::impl_::pyclass::PyMethodDefType::ClassAttribute(
            #krate::impl_::pyclass::PyClassAttributeDef {
                name: #name,
                meth: |py| #krate::impl_::core::result::Result::Ok(#value),
            },
        )
    }
}

/// An enum with data.
pub fn expand_complex(spec: &ClassSpec<'_>, variants: &[VariantSpec<'_>]) -> TokenStream {
    let krate = &spec.krate;
    let ty = spec.ident;
    let variant_types: Vec<syn::Ident> = variants
        .iter()
        .map(|v| format_ident!("{}_{}", ty, v.ident))
        .collect();
    let attributes = variants.iter().zip(&variant_types).map(|(v, vty)| {
        class_attribute(
            krate,
            &v.python_name,
            quote!(#krate::impl_::IntoPy::into_py(
                <#vty as #krate::impl_::PyTypeInfo>::type_object(py),
                py,
            )),
        )
    });
    let arms = variants.iter().zip(&variant_types).map(|(v, vty)| {
        let ident = v.ident;
        let pattern = match v.style {
            VariantStyle::Named => quote!(#ty::#ident { .. }),
            VariantStyle::Tuple => quote!(#ty::#ident(..)),
            VariantStyle::Unit => quote!(#ty::#ident),
        };
        quote!(value @ #pattern => #krate::impl_::pyclass::into_variant_instance(py, value, #vty))
    });
    let mut slots = option_slots(spec);
    let freelist = super::pyclass::freelist(spec, &mut slots);
    let mut base = ClassImpls::of(spec, true);
    base.subclass = true;
    let impls = class_impls(&base);
    let vis = spec.vis;
    let variant_classes = variants
        .iter()
        .zip(&variant_types)
        .map(|(v, vty)| variant_class(spec, v, vty));
    quote! {
        const _: () = {
            #impls
            #freelist
            impl #krate::impl_::IntoPy<#krate::impl_::PyObject> for #ty {
                fn into_py(self, py: #krate::impl_::Python<'_>) -> #krate::impl_::PyObject {
                    match self {
                        #(#arms,)*
                    }
                }
                const GIL_INDEPENDENT: bool = true;
            }
            #(
                #[doc(hidden)]
                #[allow(non_camel_case_types)]
                #vis struct #variant_types;
            )*
            #(#variant_classes)*
            static __PYO3_INTRINSIC: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems {
                    methods: &[#(#attributes),*],
                    slots: &[#(#slots),*],
                    constructor: #krate::impl_::core::option::Option::None,
                };
        };
    }
}

/// The subclass of one variant: its class impls, constructor, getters, `__match_args__`.
fn variant_class(spec: &ClassSpec<'_>, variant: &VariantSpec<'_>, vty: &syn::Ident) -> TokenStream {
    let krate = &spec.krate;
    let ty = spec.ident;
    let ident = variant.ident;
    let class = ClassImpls {
        krate,
        ty: quote!(#vty),
        name: variant.python_name.clone(),
        qualname: Some(format!("{}.{}", spec.python_name, variant.python_name)),
        module: spec.options.module.as_ref().map(|m| m.value.value()),
        doc: doc_string(krate, String::new(), &variant.docs),
        base: quote!(#ty),
        frozen: true,
        subclass: false,
        dict: false,
        weakref: false,
        unsendable: spec.options.has("unsendable"),
        mapping: false,
        sequence: false,
        immutable_type: spec.options.has("immutable_type"),
        inventory: false,
    };
    let impls = class_impls(&class);

    // The constructor takes the fields, named as Python sees them.
    let names: Vec<syn::Ident> = variant
        .fields
        .iter()
        .map(|f| format_ident!("{}", f.python_name))
        .collect();
    let fn_args: Vec<FnArg<'_>> = variant
        .fields
        .iter()
        .zip(&names)
        .map(|(f, name)| FnArg {
            ident: name,
            name: f.python_name.clone(),
            ty: f.ty,
            kind: ArgKind::Regular,
            is_option: types::is_option(f.ty),
            from_py_with: None,
        })
        .collect();
    let signature = Signature::derive(&fn_args);
    let l = Locals::new();
    let owner = args::Owner::Method {
        class: {
            let qualname = format!("{}.{}", spec.python_name, variant.python_name);
            quote!(#qualname)
        },
        receiver: "cls",
    };
    let matching = args::match_arguments(krate, "__new__", &owner, &signature, &fn_args, &l);
    let values = fn_args
        .iter()
        .enumerate()
        .map(|(i, arg)| args::argument(krate, &signature, i, arg, &l));
    let members: Vec<&syn::Member> = variant.fields.iter().map(|f| &f.member).collect();
    let value = match variant.style {
        VariantStyle::Unit => quote!(#ty::#ident),
        _ => quote!(#ty::#ident { #(#members: #values,)* }),
    };
    let needs_pool = args::needs_pool(krate, &fn_args, None, false, &l);
    let text_signature = text_signature::render(&signature, &fn_args);
    let new_marker = format_ident!("__pyo3_new_{}", vty);
    let Locals { py, args: call, .. } = &l;
    let target = super::local("target");

    let getters = variant.fields.iter().map(|f| {
        let marker = format_ident!("__pyo3_get_{}_{}", vty, f.python_name);
        let member = &f.member;
        let field_ty = f.ty;
        let name = format!("{}\0", f.python_name);
        let def = quote! {
            #krate::impl_::pyclass::PyMethodDefType::Getter(
                #krate::impl_::pyclass::PyGetterDef::new::<#marker>(#name, "\0"),
            )
        };
        let marker_def = quote! {
            #[allow(non_camel_case_types)]
            struct #marker;
            impl #krate::impl_::pymethods::PyGetterImpl for #marker {
                type Class = #vty;
                const NEEDS_POOL: bool =
                    !<#field_ty as #krate::impl_::pymethods::PyGetField>::GIL_INDEPENDENT;
                fn get<'py>(
                    py: #krate::impl_::Python<'py>,
                    slf: &'py #krate::impl_::PyCell<#vty>,
                ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                    let value = #krate::impl_::pymethods::borrow(slf)?.into_super();
                    match &*value {
                        #ty::#ident { #member: field, .. } => #krate::impl_::core::result::Result::Ok(
                            #krate::impl_::pymethods::PyGetField::get_field(field, py),
                        ),
                        #[allow(unreachable_patterns)]
                        _ => #krate::impl_::core::result::Result::Err(
                            #krate::impl_::pyclass::variant_mismatch(),
                        ),
                    }
                }
            }
        };
        (marker_def, def)
    });
    let (getter_markers, getter_defs): (Vec<_>, Vec<_>) = getters.unzip();
    let names_str: Vec<&str> = variant
        .fields
        .iter()
        .map(|f| f.python_name.as_str())
        .collect();
    let match_args = class_attribute(
        krate,
        "__match_args__",
        quote!(#krate::impl_::pyclass::str_tuple(py, &[#(#names_str),*])),
    );
    quote! {
        const _: () = {
            use #krate::impl_::extract_argument::ProbeFallback as _;
            #impls
            #[allow(non_camel_case_types)]
            struct #new_marker;
            impl #krate::impl_::pymethods::PyNewImpl for #new_marker {
                type Class = #vty;
                const NEEDS_POOL: bool = #needs_pool;
                fn call<'py>(
                    #py: #krate::impl_::Python<'py>,
                    #target: #krate::impl_::pymethods::NewTarget<'py, #vty>,
                    #call: #krate::impl_::extract_argument::FastcallArgs<'py>,
                ) -> #krate::impl_::PyResult<#krate::impl_::PyObject> {
                    #matching
                    let value = #value;
                    let init: #krate::impl_::PyClassInitializer<#ty> =
                        #krate::impl_::core::convert::From::from(value);
                    #krate::impl_::pymethods::new_instance(#py, #target, init.add_subclass(#vty))
                }
            }
            static __PYO3_CONSTRUCTOR: #krate::impl_::pymethods::PyConstructorDef =
                #krate::impl_::pymethods::PyConstructorDef::new::<#new_marker>(#text_signature);
            #(#getter_markers)*
            static __PYO3_INTRINSIC: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems {
                    methods: &[#(#getter_defs,)* #match_args],
                    slots: &[],
                    constructor: #krate::impl_::core::option::Option::Some(&__PYO3_CONSTRUCTOR),
                };
        };
    }
}
