//! The expansion of `#[derive(FromPyObject)]`: an `extract` that reads each field, and for
//! enums tries the variants in order, reporting why each failed.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::args::respan;
use crate::model::derive::{Container, DeriveSpec, Field, Getter, Shape};

/// The `FromPyObject` impl.
pub fn expand(spec: &DeriveSpec<'_>) -> TokenStream {
    let krate = &spec.krate;
    let ident = spec.ident;
    let mut generics = spec.generics.clone();
    let lifetime = match generics.lifetimes().next() {
        Some(param) => param.lifetime.clone(),
        None => {
            let lifetime = syn::Lifetime::new("'py", proc_macro2::Span::call_site());
            generics.params.insert(
                0,
                syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime.clone())),
            );
            lifetime
        }
    };
    let type_params: Vec<syn::Ident> = generics.type_params().map(|p| p.ident.clone()).collect();
    {
        let where_clause = generics.make_where_clause();
        for param in &type_params {
            where_clause
                .predicates
                .push(syn::parse_quote!(#param: #krate::impl_::FromPyObject<#lifetime>));
        }
    }
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let (_, type_generics, _) = spec.generics.split_for_impl();
    let obj = super::local("obj");
    let body = if spec.is_enum {
        enum_body(krate, spec, &obj)
    } else {
        let container = &spec.containers[0];
        let value = container_value(krate, container, &obj);
        quote!(#krate::impl_::core::result::Result::Ok(#value))
    };
    quote! {
        impl #impl_generics #krate::impl_::FromPyObject<#lifetime> for #ident #type_generics #where_clause {
            fn extract(#obj: &#lifetime #krate::impl_::PyAny) -> #krate::impl_::PyResult<Self> {
                #body
            }
        }
    }
}

/// Tries each variant; the first that extracts wins.
fn enum_body(krate: &syn::Path, spec: &DeriveSpec<'_>, obj: &syn::Ident) -> TokenStream {
    let attempts = spec.containers.iter().map(|container| {
        let value = container_value(krate, container, obj);
        quote! {
            match (|| -> #krate::impl_::PyResult<Self> {
                #krate::impl_::core::result::Result::Ok(#value)
            })() {
                #krate::impl_::core::result::Result::Ok(value) => {
                    return #krate::impl_::core::result::Result::Ok(value);
                }
                #krate::impl_::core::result::Result::Err(err) => err,
            }
        }
    });
    let type_name = spec.ident.to_string();
    let variants = spec
        .containers
        .iter()
        .map(|c| c.variant.map(ToString::to_string).unwrap_or_default());
    let error_names = spec.containers.iter().map(|c| &c.error_name);
    quote! {
        let errors = [#(#attempts),*];
        #krate::impl_::core::result::Result::Err(
            #krate::impl_::frompyobject::failed_to_extract_enum(
                #obj.py(),
                #type_name,
                &[#(#variants),*],
                &[#(#error_names),*],
                &errors,
            ),
        )
    }
}

/// The expression building the struct or variant (`?` on each failing field).
fn container_value(krate: &syn::Path, container: &Container<'_>, obj: &syn::Ident) -> TokenStream {
    let path = match container.variant {
        Some(variant) => quote!(Self::#variant),
        None => quote!(Self),
    };
    let name = &container.name;
    let helpers = quote!(#krate::impl_::frompyobject);
    match &container.shape {
        Shape::Transparent(field) => {
            let member = &field.member;
            let value = field_value(krate, name, field, quote!(#obj));
            quote!(#path { #member: #value })
        }
        Shape::Tuple(fields) => {
            let len = fields.len();
            let tuple = super::local("tuple");
            let values = fields.iter().enumerate().map(|(i, field)| {
                let member = &field.member;
                let value =
                    field_value(krate, name, field, quote!(#helpers::tuple_item(#tuple, #i)));
                quote!(#member: #value)
            });
            quote!({
                let #tuple = #helpers::tuple(#obj, #len)?;
                #path { #(#values),* }
            })
        }
        Shape::Named(fields) => {
            let values = fields.iter().map(|field| {
                let member = &field.member;
                let source = match &field.getter {
                    Getter::Attribute(attribute) => quote!({
                        static NAME: #krate::impl_::Interned = #krate::impl_::Interned::new(#attribute);
                        #helpers::getattr(#obj, &NAME)?
                    }),
                    Getter::Item(key) => quote!(#helpers::get_item(#obj, #key)?),
                    Getter::None => quote!(#obj),
                };
                let value = field_value(krate, name, field, source);
                quote!(#member: #value)
            });
            quote!(#path { #(#values),* })
        }
    }
}

/// The extraction of one field from `source`, naming `Struct.field` in its error.
fn field_value(
    krate: &syn::Path,
    name: &str,
    field: &Field<'_>,
    source: TokenStream,
) -> TokenStream {
    let label = match &field.member {
        syn::Member::Named(ident) => crate::model::function::python_name_of(ident),
        syn::Member::Unnamed(index) => index.index.to_string(),
    };
    let ty = field.ty;
    let span = ty.span();
    match &field.from_py_with {
        Some(with) => {
            let path = respan(
                quote!(#krate::impl_::frompyobject::extract_field_with),
                span,
            );
            quote_spanned!(span=> #path::<#ty, _>(#source, #name, #label, #with)?)
        }
        None => {
            let path = respan(quote!(#krate::impl_::frompyobject::extract_field), span);
            quote_spanned!(span=> #path::<#ty>(#source, #name, #label)?)
        }
    }
}
