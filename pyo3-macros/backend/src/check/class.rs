//! Rules of `#[pyclass]` that involve several options, or options and the item.

use crate::ctxt::Ctxt;
use crate::model::class::{ClassKind, ClassSpec};

/// Every rule of a `#[pyclass]`.
pub fn pyclass(cx: &Ctxt, spec: &ClassSpec<'_>) {
    generics(cx, spec.generics);
    let options = &spec.options;
    let is_enum = !matches!(spec.kind, ClassKind::Struct { .. });
    if let Some(hash) = options.flag("hash") {
        if !options.has("frozen") && !is_enum {
            cx.error_spanned_by(
                hash,
                "`hash` needs `frozen`: a hash must not change while the object is in a set \
                 or dict, and only frozen classes forbid `&mut self`",
            );
        }
        if !options.has("eq") {
            cx.error_spanned_by(
                hash,
                "`hash` needs `eq`: objects that hash alike must compare equal, so Python \
                 requires `__eq__` with `__hash__`",
            );
        }
    }
    if let (Some(ord), false) = (options.flag("ord"), options.has("eq")) {
        cx.error_spanned_by(ord, "`ord` needs `eq`; add `eq` (and derive `PartialEq`)");
    }
    if let Some(eq_int) = options.flag("eq_int") {
        if !matches!(spec.kind, ClassKind::SimpleEnum(_)) {
            cx.error_spanned_by(
                eq_int,
                "`eq_int` applies only to enums whose variants have no fields",
            );
        }
    }
    if let (Some(sequence), true) = (options.flag("sequence"), options.has("mapping")) {
        cx.error_spanned_by(
            sequence,
            "`sequence` and `mapping` exclude each other; a class is one or the other",
        );
    }
    if let Some(extends) = &options.extends {
        if is_enum {
            cx.error_at(
                extends.kw_span(),
                "`#[pyclass]` enums cannot use `extends`: their base is the enum itself",
            );
        }
    }
    if let (Some(subclass), true) = (options.flag("subclass"), is_enum) {
        cx.error_spanned_by(
            subclass,
            "`#[pyclass]` enums cannot be `subclass`: Python code may not add variants",
        );
    }
    if spec.frozen() {
        if let Some(set_all) = options.flag("set_all") {
            cx.error_spanned_by(set_all, FROZEN_SET);
        }
        if let ClassKind::Struct { fields, .. } = &spec.kind {
            for field in fields {
                if let (Some(span), None) = (field.set, options.flag("set_all")) {
                    cx.error_at(span, FROZEN_SET);
                }
            }
        }
    }
}

const FROZEN_SET: &str =
    "a `frozen` class cannot have setters: its value never changes after construction";

/// A Python class has one type object: generic and lifetime parameters are rejected.
fn generics(cx: &Ctxt, generics: &syn::Generics) {
    for param in &generics.params {
        match param {
            syn::GenericParam::Lifetime(lifetime) => cx.error_spanned_by(
                lifetime,
                "`#[pyclass]` cannot have lifetime parameters: Python may keep the object \
                 alive for as long as it likes, so it must own its data (store a `Py<T>` \
                 for Python objects)",
            ),
            other => cx.error_spanned_by(
                other,
                "`#[pyclass]` cannot be generic: a Python class is one type object, and \
                 Rust generics have one type per instantiation; define one class per \
                 concrete type (a macro can help)",
            ),
        }
    }
    if let Some(where_clause) = &generics.where_clause {
        if generics.params.is_empty() {
            cx.error_spanned_by(
                where_clause,
                "`#[pyclass]` types cannot have a `where` clause",
            );
        }
    }
}
