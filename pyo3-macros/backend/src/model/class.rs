//! `ClassSpec`: a `#[pyclass]` struct or enum as the macro understands it — its options,
//! its fields and their properties, its variants.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Token, Type};

use super::docs::Docs;
use super::rename::{RenameRule, RULES};
use crate::attr::class_options::{ClassOption, FieldOption, VariantOption};
use crate::attr::kw;
use crate::attr::options::NameValue;
use crate::attr::KeywordAttribute;
use crate::ctxt::Ctxt;
use crate::messages;

/// The options of a `#[pyclass]`, each at most once.
#[derive(Default)]
pub struct ClassOptions {
    /// `name = "..."`.
    pub name: Option<KeywordAttribute<kw::name, NameValue>>,
    /// `module = "..."`.
    pub module: Option<KeywordAttribute<kw::module, LitStr>>,
    /// `extends = Base`.
    pub extends: Option<KeywordAttribute<kw::extends, syn::Path>>,
    /// `freelist = N`.
    pub freelist: Option<KeywordAttribute<kw::freelist, syn::Expr>>,
    /// `rename_all = "..."`, resolved.
    pub rename_all: Option<RenameRule>,
    /// `crate = "..."`.
    pub krate: Option<KeywordAttribute<Token![crate], LitStr>>,
    /// The bare keywords given (`subclass`, `frozen`, ...), by name.
    pub flags: BTreeMap<String, Ident>,
}

impl ClassOptions {
    /// Gathers parsed options, reporting duplicates and bad values.
    pub fn collect(cx: &Ctxt, options: Vec<ClassOption>) -> ClassOptions {
        let mut out = ClassOptions::default();
        for option in options {
            match option {
                ClassOption::Name(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.name, o, "name", span);
                }
                ClassOption::Module(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.module, o, "module", span);
                }
                ClassOption::Extends(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.extends, o, "extends", span);
                }
                ClassOption::Freelist(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.freelist, o, "freelist", span);
                }
                ClassOption::RenameAll(o) => match RenameRule::from_name(&o.value.value()) {
                    Some(rule) => {
                        let span = o.kw_span();
                        super::set_once(cx, &mut out.rename_all, rule, "rename_all", span);
                    }
                    None => {
                        let names: Vec<&str> = RULES.iter().map(|(n, _)| *n).collect();
                        cx.error_spanned_by(
                            &o.value,
                            format!(
                                "unknown `rename_all` rule; expected one of: {}",
                                messages::one_of(&names)
                            ),
                        );
                    }
                },
                ClassOption::Crate(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.krate, o, "crate", span);
                }
                ClassOption::Flag(ident) => {
                    let name = ident.to_string();
                    match out.flags.entry(name) {
                        std::collections::btree_map::Entry::Occupied(entry) => {
                            cx.error_at(ident.span(), messages::duplicate_option(entry.key()));
                        }
                        std::collections::btree_map::Entry::Vacant(entry) => {
                            entry.insert(ident);
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether the bare keyword `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.contains_key(name)
    }

    /// The token of the bare keyword `name`, for spans.
    pub fn flag(&self, name: &str) -> Option<&Ident> {
        self.flags.get(name)
    }
}

/// A `#[pyclass]`.
pub struct ClassSpec<'a> {
    /// The Rust type.
    pub ident: &'a Ident,
    /// Its generics (reported if any).
    pub generics: &'a syn::Generics,
    /// Its visibility.
    pub vis: &'a syn::Visibility,
    /// The Python name.
    pub python_name: String,
    /// The class docstring.
    pub docs: Docs,
    /// The options.
    pub options: ClassOptions,
    /// The path to the runtime.
    pub krate: syn::Path,
    /// Struct or enum, with their fields or variants.
    pub kind: ClassKind<'a>,
}

/// What the class is made of.
pub enum ClassKind<'a> {
    /// A struct and its fields.
    Struct {
        /// Every field, in order.
        fields: Vec<FieldSpec<'a>>,
    },
    /// An enum whose variants all have no fields.
    SimpleEnum(Vec<VariantSpec<'a>>),
    /// An enum with data: one Python subclass per variant.
    ComplexEnum(Vec<VariantSpec<'a>>),
}

/// A field of a `#[pyclass]` struct.
pub struct FieldSpec<'a> {
    /// `name` or `0`.
    pub member: syn::Member,
    /// Its type.
    pub ty: &'a Type,
    /// The property's Python name (after `name = ...` and `rename_all`).
    pub python_name: Option<String>,
    /// A getter (`get` or `get_all`).
    pub get: Option<Span>,
    /// A setter (`set` or `set_all`).
    pub set: Option<Span>,
    /// The property's docstring.
    pub docs: Docs,
}

/// A variant of a `#[pyclass]` enum.
pub struct VariantSpec<'a> {
    /// The Rust variant.
    pub ident: &'a Ident,
    /// The Python name.
    pub python_name: String,
    /// Its fields (empty for a unit variant).
    pub fields: Vec<VariantField<'a>>,
    /// `Variant { .. }` (named), `Variant(..)` (tuple) or `Variant` (unit).
    pub style: VariantStyle,
    /// The variant's docstring.
    pub docs: Docs,
}

/// How a variant is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantStyle {
    /// `V { a: T }`.
    Named,
    /// `V(T)`.
    Tuple,
    /// `V`.
    Unit,
}

/// A field of an enum variant.
pub struct VariantField<'a> {
    /// `name` or `0`.
    pub member: syn::Member,
    /// The Python name: the field name, or `_0`, `_1`, ... for tuple variants.
    pub python_name: String,
    /// Its type.
    pub ty: &'a Type,
}

impl<'a> ClassSpec<'a> {
    /// The model of a struct. `field_options` holds the options found on each field.
    pub fn from_struct(
        cx: &Ctxt,
        item: &'a syn::ItemStruct,
        options: ClassOptions,
        field_options: Vec<Vec<FieldOption>>,
    ) -> ClassSpec<'a> {
        let named = matches!(item.fields, syn::Fields::Named(_));
        if !named {
            for flag in ["get_all", "set_all"] {
                if let Some(token) = options.flag(flag) {
                    cx.error_spanned_by(
                        token,
                        format!(
                            "`{flag}` needs named fields; on a tuple struct, mark each field \
                             `#[pyo3(get, name = \"...\")]`"
                        ),
                    );
                }
            }
        }
        let fields = item
            .fields
            .iter()
            .zip(field_options)
            .enumerate()
            .map(|(index, (field, field_options))| {
                field_spec(cx, &options, index, field, field_options)
            })
            .collect();
        ClassSpec {
            ident: &item.ident,
            generics: &item.generics,
            vis: &item.vis,
            python_name: class_name(cx, &options, &item.ident),
            docs: Docs::from_attrs(&item.attrs),
            krate: super::krate_path(cx, options.krate.as_ref()),
            options,
            kind: ClassKind::Struct { fields },
        }
    }

    /// The model of an enum. `variant_options` holds the options found on each variant.
    pub fn from_enum(
        cx: &Ctxt,
        item: &'a syn::ItemEnum,
        options: ClassOptions,
        variant_options: Vec<Vec<VariantOption>>,
    ) -> ClassSpec<'a> {
        if item.variants.is_empty() {
            cx.error_spanned_by(
                &item.ident,
                "`#[pyclass]` enums need at least one variant; Python would have no value \
                 to give them",
            );
        }
        let variants: Vec<VariantSpec<'a>> = item
            .variants
            .iter()
            .zip(variant_options)
            .map(|(variant, variant_options)| variant_spec(cx, &options, variant, variant_options))
            .collect();
        let simple = variants.iter().all(|v| v.style == VariantStyle::Unit);
        ClassSpec {
            ident: &item.ident,
            generics: &item.generics,
            vis: &item.vis,
            python_name: class_name(cx, &options, &item.ident),
            docs: Docs::from_attrs(&item.attrs),
            krate: super::krate_path(cx, options.krate.as_ref()),
            options,
            kind: if simple {
                ClassKind::SimpleEnum(variants)
            } else {
                ClassKind::ComplexEnum(variants)
            },
        }
    }

    /// Whether the class is `frozen`.
    pub fn frozen(&self) -> bool {
        self.options.has("frozen")
    }
}

fn class_name(cx: &Ctxt, options: &ClassOptions, ident: &Ident) -> String {
    super::python_name(cx, options.name.as_ref().map(|o| &o.value.0), ident)
}

fn field_spec<'a>(
    cx: &Ctxt,
    options: &ClassOptions,
    index: usize,
    field: &'a syn::Field,
    field_options: Vec<FieldOption>,
) -> FieldSpec<'a> {
    let (mut get, mut set, mut name) = (None, None, None);
    for option in field_options {
        match option {
            FieldOption::Get(kw) => {
                if let Some(all) = options.flag("get_all") {
                    cx.error_at(kw.span, format!("`get` is redundant: the class is `{all}`"));
                }
                super::set_once(cx, &mut get, kw.span, "get", kw.span);
            }
            FieldOption::Set(kw) => {
                if let Some(all) = options.flag("set_all") {
                    cx.error_at(kw.span, format!("`set` is redundant: the class is `{all}`"));
                }
                super::set_once(cx, &mut set, kw.span, "set", kw.span);
            }
            FieldOption::Name(o) => {
                let span = o.kw_span();
                super::set_once(cx, &mut name, o, "name", span);
            }
        }
    }
    if field.ident.is_some() {
        get = get.or_else(|| options.flag("get_all").map(Ident::span));
        set = set.or_else(|| options.flag("set_all").map(Ident::span));
    }
    let python_name = match (&name, &field.ident) {
        (Some(name), _) => Some(super::python_name(
            cx,
            Some(&name.value.0),
            &default_ident(),
        )),
        (None, Some(ident)) => {
            let rust = super::function::python_name_of(ident);
            Some(match options.rename_all {
                Some(rule) => rule.apply(&rust),
                None => rust,
            })
        }
        (None, None) => {
            if let Some(span) = get.or(set) {
                cx.error_at(
                    span,
                    "a tuple struct field needs a Python name to be a property: \
                     `#[pyo3(get, name = \"...\")]`",
                );
            }
            None
        }
    };
    if let (Some(name), None, None) = (&name, get, set) {
        cx.error_at(
            name.kw_span(),
            "`name` names the property of `get` or `set`; add one of them",
        );
    }
    FieldSpec {
        member: match &field.ident {
            Some(ident) => syn::Member::Named(ident.clone()),
            None => syn::Member::Unnamed(syn::Index {
                index: index as u32,
                span: field.ty.span(),
            }),
        },
        ty: &field.ty,
        python_name,
        get,
        set,
        docs: Docs::from_attrs(&field.attrs),
    }
}

fn default_ident() -> Ident {
    Ident::new("field", Span::call_site())
}

fn variant_spec<'a>(
    cx: &Ctxt,
    options: &ClassOptions,
    variant: &'a syn::Variant,
    variant_options: Vec<VariantOption>,
) -> VariantSpec<'a> {
    let mut name = None;
    for option in variant_options {
        match option {
            VariantOption::Name(o) => {
                let span = o.kw_span();
                super::set_once(cx, &mut name, o, "name", span);
            }
        }
    }
    let python_name = match &name {
        Some(name) => super::python_name(cx, Some(&name.value.0), &variant.ident),
        None => {
            let rust = super::function::python_name_of(&variant.ident);
            match options.rename_all {
                Some(rule) => rule.apply(&rust),
                None => rust,
            }
        }
    };
    let style = match variant.fields {
        syn::Fields::Named(_) => VariantStyle::Named,
        syn::Fields::Unnamed(_) => VariantStyle::Tuple,
        syn::Fields::Unit => VariantStyle::Unit,
    };
    let fields = variant
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| match &field.ident {
            Some(ident) => VariantField {
                member: syn::Member::Named(ident.clone()),
                python_name: super::function::python_name_of(ident),
                ty: &field.ty,
            },
            None => VariantField {
                member: syn::Member::Unnamed(syn::Index {
                    index: i as u32,
                    span: field.ty.span(),
                }),
                python_name: format!("_{i}"),
                ty: &field.ty,
            },
        })
        .collect();
    VariantSpec {
        ident: &variant.ident,
        python_name,
        fields,
        style,
        docs: Docs::from_attrs(&variant.attrs),
    }
}
