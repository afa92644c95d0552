//! Rules of `#[pymethods]` blocks and their items.

use crate::ctxt::Ctxt;
use crate::model::function::python_name_of;
use crate::model::method::{ConstAttr, MethodAttributes, MethodKind, MethodSpec};

/// The block is an inherent, non-generic impl.
pub fn pymethods_block(cx: &Ctxt, block: &syn::ItemImpl) {
    if let Some((_, path, _)) = &block.trait_ {
        cx.error_spanned_by(
            path,
            "`#[pymethods]` applies to inherent impl blocks (`impl MyClass { ... }`), not to \
             trait impls; call the trait's methods from a method of the class",
        );
    }
    if let Some(param) = block.generics.params.first() {
        cx.error_spanned_by(
            param,
            "`#[pymethods]` blocks cannot be generic, since `#[pyclass]` types are not",
        );
    }
    if let Some(unsafety) = &block.unsafety {
        cx.error_spanned_by(unsafety, "`#[pymethods]` blocks cannot be `unsafe impl`");
    }
}

/// A `const` item of the block: a class attribute with `#[classattr]`, else left alone.
pub fn class_attribute_const<'a>(
    cx: &Ctxt,
    constant: &'a syn::ImplItemConst,
    attributes: MethodAttributes,
) -> Option<ConstAttr<'a>> {
    let mut is_attr = false;
    for (kind, span) in &attributes.kinds {
        if matches!(kind, MethodKind::ClassAttr) {
            is_attr = true;
        } else {
            cx.error_at(
                *span,
                format!(
                    "`{}` applies to functions; on a `const`, use `#[classattr]`",
                    kind.attribute()
                ),
            );
        }
    }
    let mut name = None;
    for option in attributes.options {
        match option {
            crate::attr::class_options::MethodOption::Name(o) => name = Some(o.value.0.value()),
            crate::attr::class_options::MethodOption::Signature(o) => cx.error_at(
                o.kw_span(),
                "`signature` applies to methods, not to a class attribute",
            ),
            crate::attr::class_options::MethodOption::TextSignature(o) => cx.error_at(
                o.kw_span(),
                "`text_signature` applies to methods, not to a class attribute",
            ),
            crate::attr::class_options::MethodOption::BorrowedIter(kw) => cx.error_at(
                kw.span,
                "`borrowed_iter` applies to methods, not to a class attribute",
            ),
        }
    }
    if !is_attr {
        if let Some(name) = name {
            cx.error_spanned_by(
                &constant.ident,
                format!("`name = \"{name}\"` on a `const` needs `#[classattr]`"),
            );
        }
        return None;
    }
    Some(ConstAttr {
        ident: &constant.ident,
        python_name: name.unwrap_or_else(|| python_name_of(&constant.ident)),
    })
}

/// `__releasebuffer__` comes with `__getbuffer__` in the same block: the two fill their
/// slots together, and a release without an export has nothing to release.
pub fn buffer_pair(cx: &Ctxt, methods: &[MethodSpec<'_>]) {
    let has = |name: &str| {
        methods
            .iter()
            .find(|m| matches!(m.kind, MethodKind::Slot(_)) && m.python_name == name)
    };
    if let (None, Some(release)) = (has("__getbuffer__"), has("__releasebuffer__")) {
        cx.error_spanned_by(
            &release.sig.ident,
            "`__releasebuffer__` needs `__getbuffer__` in the same `#[pymethods]` block",
        );
    }
}
