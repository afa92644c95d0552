//! The model of `#[derive(FromPyObject)]`: where each field of a struct (or of each enum
//! variant) is read from — an attribute, an item, a tuple position, or the whole object.

use syn::{Ident, Type};

use super::function::python_name_of;
use crate::attr::derive_options::{ContainerOption, DeriveFieldOption};
use crate::attr::options::FromPyWithValue;
use crate::ctxt::Ctxt;

/// A type deriving `FromPyObject`.
pub struct DeriveSpec<'a> {
    /// The type.
    pub ident: &'a Ident,
    /// Its generics: at most one lifetime (the input's), and type parameters that must
    /// be extractable themselves.
    pub generics: &'a syn::Generics,
    /// The path to the runtime.
    pub krate: syn::Path,
    /// A struct's one container, or an enum's variants in order.
    pub containers: Vec<Container<'a>>,
    /// Whether the type is an enum.
    pub is_enum: bool,
}

/// A struct or an enum variant.
pub struct Container<'a> {
    /// The variant (`None` for a struct).
    pub variant: Option<&'a Ident>,
    /// The name in messages: `Foo` or `Foo::Variant`.
    pub name: String,
    /// The name of the variant in an enum's error message (`annotation`, else the
    /// variant's name).
    pub error_name: String,
    /// How the fields are read.
    pub shape: Shape<'a>,
}

/// How a container's fields are read.
pub enum Shape<'a> {
    /// One field, extracted from the object itself (newtypes, `transparent`).
    Transparent(Field<'a>),
    /// A tuple of exactly as many items as fields.
    Tuple(Vec<Field<'a>>),
    /// Named fields, each read by attribute or item.
    Named(Vec<Field<'a>>),
}

/// One field.
pub struct Field<'a> {
    /// `name` or `0`.
    pub member: syn::Member,
    /// Its type.
    pub ty: &'a Type,
    /// Where a named field is read from.
    pub getter: Getter,
    /// `from_py_with = "..."`.
    pub from_py_with: Option<FromPyWithValue>,
}

/// Where a named field's value comes from.
pub enum Getter {
    /// `getattr(obj, name)`.
    Attribute(String),
    /// `obj[key]`.
    Item(syn::Lit),
    /// Not a named field.
    None,
}

/// The options of a struct or variant, collected.
#[derive(Default)]
pub struct ContainerOptions {
    transparent: Option<proc_macro2::Span>,
    annotation: Option<syn::LitStr>,
    from_item_all: Option<proc_macro2::Span>,
    /// `crate = "..."`.
    pub krate: Option<crate::attr::KeywordAttribute<syn::Token![crate], syn::LitStr>>,
}

impl ContainerOptions {
    /// Gathers options.
    pub fn collect(options: Vec<ContainerOption>) -> ContainerOptions {
        let mut out = ContainerOptions::default();
        for option in options {
            match option {
                ContainerOption::Transparent(kw) => out.transparent = Some(kw.span),
                ContainerOption::Annotation(o) => out.annotation = Some(o.value),
                ContainerOption::FromItemAll(kw) => out.from_item_all = Some(kw.span),
                ContainerOption::Crate(o) => out.krate = Some(o),
            }
        }
        out
    }
}

impl<'a> Container<'a> {
    /// The model of a struct or variant's fields. `field_options` holds each field's
    /// options; `is_variant` allows `annotation`.
    pub fn new(
        cx: &Ctxt,
        name: String,
        variant: Option<&'a Ident>,
        fields: &'a syn::Fields,
        options: &ContainerOptions,
        field_options: Vec<Vec<DeriveFieldOption>>,
        span: proc_macro2::Span,
    ) -> Container<'a> {
        if let (Some(annotation), None) = (&options.annotation, variant) {
            cx.error_spanned_by(annotation, "`annotation` applies to enum variants");
        }
        let error_name = match (&options.annotation, variant) {
            (Some(annotation), _) => annotation.value(),
            (None, Some(variant)) => variant.to_string(),
            (None, None) => name.clone(),
        };
        if fields.is_empty() {
            cx.error_at(
                span,
                "cannot derive `FromPyObject` for a struct or variant without fields: there \
                 is nothing to read from the object",
            );
        }
        let named = matches!(fields, syn::Fields::Named(_));
        let mut built: Vec<Field<'a>> = Vec::new();
        for (index, (field, options_of_field)) in fields.iter().zip(field_options).enumerate() {
            built.push(field_model(
                cx,
                field,
                index,
                named,
                options,
                options_of_field,
            ));
        }
        let transparent = options.transparent.is_some() || (!named && built.len() == 1);
        if let (Some(kw), true) = (options.transparent, built.len() != 1) {
            let _ = span;
            cx.error_at(
                kw,
                "`transparent` needs exactly one field: the object itself is extracted into it",
            );
        }
        let shape = if transparent && built.len() == 1 {
            Shape::Transparent(built.pop().expect("one field"))
        } else if named {
            Shape::Named(built)
        } else {
            Shape::Tuple(built)
        };
        Container {
            variant,
            name,
            error_name,
            shape,
        }
    }
}

fn field_model<'a>(
    cx: &Ctxt,
    field: &'a syn::Field,
    index: usize,
    named: bool,
    container: &ContainerOptions,
    options: Vec<DeriveFieldOption>,
) -> Field<'a> {
    let mut getter = None;
    let mut from_py_with = None;
    for option in options {
        match option {
            DeriveFieldOption::Attribute(kw, name) => {
                if getter.is_some() {
                    cx.error_at(
                        kw.span,
                        "a field is read one way: `attribute` or `item`, not both",
                    );
                }
                getter = Some(Getter::Attribute(
                    name.map(|n| n.value())
                        .unwrap_or_else(|| default_name(field)),
                ));
                check_named(
                    cx,
                    kw.span,
                    named || container.transparent.is_some(),
                    "attribute",
                );
            }
            DeriveFieldOption::Item(kw, key) => {
                if getter.is_some() {
                    cx.error_at(
                        kw.span,
                        "a field is read one way: `attribute` or `item`, not both",
                    );
                }
                if key.is_none() && container.from_item_all.is_some() {
                    cx.error_at(kw.span, "`item` is redundant: the type is `from_item_all`");
                }
                getter = Some(Getter::Item(key.unwrap_or_else(|| {
                    syn::Lit::Str(syn::LitStr::new(&default_name(field), kw.span))
                })));
                check_named(
                    cx,
                    kw.span,
                    named || container.transparent.is_some(),
                    "item",
                );
            }
            DeriveFieldOption::FromPyWith(o) => from_py_with = Some(o.value),
        }
    }
    if container.transparent.is_some() && getter.is_some() {
        cx.error_spanned_by(
            field,
            "the field of a `transparent` type is the object itself; remove `attribute` / `item`",
        );
    }
    let getter = match getter {
        Some(getter) => getter,
        None if !named => Getter::None,
        None if container.from_item_all.is_some() => Getter::Item(syn::Lit::Str(syn::LitStr::new(
            &default_name(field),
            proc_macro2::Span::call_site(),
        ))),
        None => Getter::Attribute(default_name(field)),
    };
    Field {
        member: match &field.ident {
            Some(ident) => syn::Member::Named(ident.clone()),
            None => syn::Member::Unnamed(syn::Index::from(index)),
        },
        ty: &field.ty,
        getter,
        from_py_with,
    }
}

fn check_named(cx: &Ctxt, span: proc_macro2::Span, ok: bool, what: &str) {
    if !ok {
        cx.error_at(
            span,
            format!("`{what}` applies to named fields; tuple fields are read by position"),
        );
    }
}

fn default_name(field: &syn::Field) -> String {
    field.ident.as_ref().map(python_name_of).unwrap_or_default()
}

/// Rules on the generics of the derived type: one lifetime at most (it becomes the input
/// object's lifetime).
pub fn check_generics(cx: &Ctxt, generics: &syn::Generics) {
    let lifetimes: Vec<&syn::LifetimeParam> = generics.lifetimes().collect();
    if let Some(second) = lifetimes.get(1) {
        cx.error_spanned_by(
            second,
            "`FromPyObject` can be derived for types with at most one lifetime parameter \
             (the lifetime of the object extracted from)",
        );
    }
}
