//! `MethodSpec`: an item of a `#[pymethods]` block as the macro understands it — which
//! kind of Python attribute it becomes, its receiver, parameters and Python signature.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Ident, Type};

use super::docs::Docs;
use super::function::{build_args, python_name_of, ArgKind, FnArg, TextSignature};
use super::signature::Signature;
use super::slots::{self, SlotOutput, SlotRow};
use super::types;
use crate::attr::class_options::MethodOption;
use crate::attr::kw;
use crate::attr::options::{ArgOption, NameValue, TextSignatureValue};
use crate::attr::signature::SignatureSyntax;
use crate::attr::KeywordAttribute;
use crate::ctxt::Ctxt;

/// What a `#[pymethods]` function becomes.
#[derive(Clone, Copy)]
pub enum MethodKind {
    /// A method called on instances.
    Instance,
    /// `#[staticmethod]`.
    Static,
    /// `#[classmethod]`: the first parameter receives the class.
    Class,
    /// `#[new]`: the constructor.
    New,
    /// `#[getter]`.
    Getter,
    /// `#[setter]`.
    Setter,
    /// `#[classattr]`: computed once, when the type is created.
    ClassAttr,
    /// A magic method that fills a type slot (its name is in the dunder table).
    Slot(&'static SlotRow),
}

impl MethodKind {
    /// The attribute that selects the kind, for messages.
    pub fn attribute(self) -> &'static str {
        match self {
            MethodKind::Instance | MethodKind::Slot(_) => "method",
            MethodKind::Static => "#[staticmethod]",
            MethodKind::Class => "#[classmethod]",
            MethodKind::New => "#[new]",
            MethodKind::Getter => "#[getter]",
            MethodKind::Setter => "#[setter]",
            MethodKind::ClassAttr => "#[classattr]",
        }
    }

    fn takes_receiver(self) -> bool {
        matches!(
            self,
            MethodKind::Instance | MethodKind::Getter | MethodKind::Setter | MethodKind::Slot(_)
        )
    }
}

/// How the method receives the instance.
pub enum Receiver<'a> {
    /// None: static methods, constructors, class attributes, class methods (whose class
    /// parameter is skipped like a receiver).
    None,
    /// `&self`.
    Ref,
    /// `&mut self`.
    Mut,
    /// A first parameter of type `PyRef<'_, Self>`, `&PyCell<Self>`, ...
    Typed(&'a Type),
}

/// One function of a `#[pymethods]` block.
pub struct MethodSpec<'a> {
    /// The Rust signature.
    pub sig: &'a syn::Signature,
    /// What it becomes.
    pub kind: MethodKind,
    /// The receiver.
    pub receiver: Receiver<'a>,
    /// The Python name.
    pub python_name: String,
    /// The parameters after the receiver (or the class of a class method).
    pub args: Vec<FnArg<'a>>,
    /// The Python signature.
    pub signature: Signature,
    /// The docstring.
    pub docs: Docs,
    /// What `__text_signature__` should be.
    pub text_signature: TextSignature,
    /// `#[pyo3(borrowed_iter)]`: the result is a Rust iterator borrowing `&self`, returned
    /// to Python as a `PyBorrowedIter` of the instance.
    pub borrowed_iter: bool,
}

/// The attributes of a `#[pymethods]` item that the macro reads, removed from the item.
#[derive(Default)]
pub struct MethodAttributes {
    /// The kind attributes found (`#[new]`, `#[getter(name)]`, ...), with their name and span.
    pub kinds: Vec<(MethodKind, Span)>,
    /// A property name given in `#[getter(name)]` / `#[setter(name)]`.
    pub property_name: Option<String>,
    /// The `#[pyo3(...)]` options.
    pub options: Vec<MethodOption>,
}

impl MethodAttributes {
    /// Removes and parses the macro's attributes from `attrs`.
    pub fn take(cx: &Ctxt, attrs: &mut Vec<Attribute>) -> MethodAttributes {
        let mut out = MethodAttributes::default();
        attrs.retain(|attr| {
            let path = attr.path();
            let kind = if path.is_ident("new") {
                MethodKind::New
            } else if path.is_ident("staticmethod") {
                MethodKind::Static
            } else if path.is_ident("classmethod") {
                MethodKind::Class
            } else if path.is_ident("getter") {
                MethodKind::Getter
            } else if path.is_ident("setter") {
                MethodKind::Setter
            } else if path.is_ident("classattr") {
                MethodKind::ClassAttr
            } else if path.is_ident("pyo3") {
                match &attr.meta {
                    syn::Meta::List(list) => out.options.extend(
                        crate::attr::class_options::METHOD_OPTIONS
                            .parse_list(cx, list.tokens.clone()),
                    ),
                    other => cx.error_spanned_by(
                        other,
                        "expected a list of options: `#[pyo3(option, ...)]`",
                    ),
                }
                return false;
            } else {
                return true;
            };
            match (&attr.meta, kind) {
                (syn::Meta::Path(_), _) => {}
                (syn::Meta::List(list), MethodKind::Getter | MethodKind::Setter) => {
                    match property_name(&list.tokens) {
                        Some(name) => out.property_name = Some(name),
                        None => cx.error_spanned_by(
                            &list.tokens,
                            "expected the property's name, e.g. `#[getter(value)]` or \
                             `#[getter(\"value\")]`",
                        ),
                    }
                }
                (other, _) => {
                    cx.error_spanned_by(other, format!("`{}` takes no arguments", kind.attribute()))
                }
            }
            out.kinds.push((kind, attr.meta.span()));
            false
        });
        out
    }
}

fn property_name(tokens: &proc_macro2::TokenStream) -> Option<String> {
    if let Ok(lit) = syn::parse2::<syn::LitStr>(tokens.clone()) {
        return Some(lit.value());
    }
    syn::parse2::<Ident>(tokens.clone())
        .ok()
        .map(|ident| python_name_of(&ident))
}

/// The `#[pyo3(...)]` options of a method, each at most once.
#[derive(Default)]
struct MethodOptions {
    name: Option<KeywordAttribute<kw::name, NameValue>>,
    signature: Option<KeywordAttribute<kw::signature, SignatureSyntax>>,
    text_signature: Option<KeywordAttribute<kw::text_signature, TextSignatureValue>>,
    borrowed_iter: Option<kw::borrowed_iter>,
}

impl MethodOptions {
    fn collect(cx: &Ctxt, options: Vec<MethodOption>) -> MethodOptions {
        let mut out = MethodOptions::default();
        for option in options {
            match option {
                MethodOption::Name(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.name, o, "name", span);
                }
                MethodOption::Signature(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.signature, o, "signature", span);
                }
                MethodOption::TextSignature(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.text_signature, o, "text_signature", span);
                }
                MethodOption::BorrowedIter(kw) => {
                    let span = kw.span;
                    super::set_once(cx, &mut out.borrowed_iter, kw, "borrowed_iter", span);
                }
            }
        }
        out
    }
}

impl<'a> MethodSpec<'a> {
    /// Builds the model of a function of a `#[pymethods]` block.
    pub fn from_syn(
        cx: &Ctxt,
        func: &'a syn::ImplItemFn,
        attributes: MethodAttributes,
        arg_options: Vec<Vec<ArgOption>>,
    ) -> MethodSpec<'a> {
        let sig = &func.sig;
        let options = MethodOptions::collect(cx, attributes.options);
        let rust_name = python_name_of(&sig.ident);
        let explicit_name = options.name.as_ref().map(|o| o.value.0.value());
        let mut kind = match attributes.kinds.as_slice() {
            [] => MethodKind::Instance,
            [(kind, _)] => *kind,
            [(first, _), rest @ ..] => {
                for (other, span) in rest {
                    cx.error_at(
                        *span,
                        format!(
                            "`{}` cannot be combined with `{}`; a method is one kind of \
                             Python attribute",
                            other.attribute(),
                            first.attribute()
                        ),
                    );
                }
                *first
            }
        };
        let python_name = match kind {
            MethodKind::Getter | MethodKind::Setter => attributes
                .property_name
                .or(explicit_name)
                .unwrap_or_else(|| {
                    let prefix = if matches!(kind, MethodKind::Getter) {
                        "get_"
                    } else {
                        "set_"
                    };
                    match rust_name.strip_prefix(prefix) {
                        Some(stripped) if !stripped.is_empty() => stripped.to_owned(),
                        _ => rust_name.clone(),
                    }
                }),
            MethodKind::New => String::from("__new__"),
            _ => explicit_name.unwrap_or(rust_name),
        };
        if let (MethodKind::Instance, Some(row)) = (kind, slots::find(&python_name)) {
            kind = MethodKind::Slot(row);
        }
        let (receiver, skip) = receiver(cx, kind, sig);
        let args = build_args(cx, sig, skip, false, arg_options);
        let signature = match (&options.signature, kind) {
            (
                Some(syntax),
                MethodKind::Instance | MethodKind::Static | MethodKind::Class | MethodKind::New,
            ) => Signature::from_syntax(cx, &syntax.value, &args),
            (Some(syntax), other) => {
                cx.error_at(
                    syntax.kw_span(),
                    format!(
                        "`signature` applies to methods, not to a {}",
                        describe(other)
                    ),
                );
                Signature::derive(&args)
            }
            (None, _) => Signature::derive(&args),
        };
        let text_signature = match options.text_signature {
            None => TextSignature::Auto,
            Some(o) => {
                if !matches!(
                    kind,
                    MethodKind::Instance | MethodKind::Static | MethodKind::Class | MethodKind::New
                ) {
                    cx.error_at(
                        o.kw_span(),
                        format!(
                            "`text_signature` applies to methods, not to a {}",
                            describe(kind)
                        ),
                    );
                }
                match o.value {
                    TextSignatureValue::Disabled(_) => TextSignature::Disabled,
                    TextSignatureValue::Text(text) => TextSignature::Given(text),
                }
            }
        };
        if let Some(kw) = &options.borrowed_iter {
            let refusal = match kind {
                MethodKind::Instance => None,
                MethodKind::Slot(row) if matches!(row.signature.output, SlotOutput::Object) => None,
                MethodKind::Slot(_) => Some(format!(
                    "`borrowed_iter` makes a method return an iterator object; \
                     `{python_name}` must return something else"
                )),
                other => Some(format!(
                    "`borrowed_iter` applies to `&self` methods, not to a `{}`",
                    other.attribute()
                )),
            };
            if let Some(refusal) = refusal {
                cx.error_at(kw.span, refusal);
            } else if !matches!(receiver, Receiver::Ref) {
                cx.error_at(
                    kw.span,
                    "`borrowed_iter` needs a `&self` method: the iterator it returns borrows `self`",
                );
            } else if matches!(sig.output, syn::ReturnType::Default) {
                cx.error_at(
                    kw.span,
                    "`borrowed_iter` needs a method that returns an iterator borrowing `self`",
                );
            }
        }
        let spec = MethodSpec {
            sig,
            kind,
            receiver,
            python_name,
            args,
            signature,
            docs: Docs::from_attrs(&func.attrs),
            text_signature,
            borrowed_iter: options.borrowed_iter.is_some(),
        };
        spec.check_parameters(cx);
        spec
    }

    /// The Rust return type, `None` for `()`.
    pub fn output(&self) -> Option<&'a Type> {
        match &self.sig.output {
            syn::ReturnType::Default => None,
            syn::ReturnType::Type(_, ty) => Some(ty),
        }
    }

    /// The parameters that Python passes (not the token).
    pub fn regular_args(&self) -> impl Iterator<Item = &FnArg<'a>> {
        self.args.iter().filter(|a| a.kind == ArgKind::Regular)
    }

    /// Rules on the parameters of getters, setters, class attributes and slots.
    fn check_parameters(&self, cx: &Ctxt) {
        let regular: Vec<&FnArg<'_>> = self.regular_args().collect();
        let arity = match self.kind {
            // `*args` takes whatever the slot passes.
            _ if self.signature.varargs.is_some() => None,
            MethodKind::Instance => slots::find_method_slot(&self.python_name)
                .map(|row| (row.name, row.params))
                .or_else(|| {
                    slots::FIXED_ARITY
                        .iter()
                        .find(|(name, _)| *name == self.python_name)
                        .map(|&(name, n)| (name, (n, n)))
                }),
            _ => None,
        };
        if let Some((name, (min, max))) = arity {
            if regular.len() < min || regular.len() > max {
                let span = match regular.get(max) {
                    Some(extra) => extra.ident.span(),
                    None => self.sig.paren_token.span.join(),
                };
                let count = if min == max {
                    format!("{min} parameter{}", if min == 1 { "" } else { "s" })
                } else {
                    format!("{min} or {max} parameters")
                };
                cx.error_at(span, format!("`{name}` takes {count} besides the receiver"));
            }
        }
        let (expected, shape) = match self.kind {
            MethodKind::Getter => (
                0,
                "`fn name(&self) -> T` (a `py: Python` parameter may follow `self`)",
            ),
            MethodKind::Setter => (1, "`fn set_name(&mut self, value: T)`"),
            MethodKind::ClassAttr => (0, "`fn name() -> T` (or `fn name(py: Python) -> T`)"),
            MethodKind::Slot(row) => (row.signature.params.len(), row.signature.shape),
            _ => return,
        };
        if regular.len() != expected {
            let span = match regular.get(expected) {
                Some(extra) => extra.ident.span(),
                None => self.sig.paren_token.span.join(),
            };
            let what = match self.kind {
                MethodKind::Slot(row) => format!("`{}`", row.name),
                other => format!("`{}`", other.attribute()),
            };
            cx.error_at(
                span,
                format!(
                    "{what} takes {expected} parameter{} besides the receiver; write it as {shape}",
                    if expected == 1 { "" } else { "s" }
                ),
            );
        }
        for arg in &self.args {
            if let Some(option) = &arg.from_py_with {
                if !matches!(
                    self.kind,
                    MethodKind::Instance | MethodKind::Static | MethodKind::Class | MethodKind::New
                ) {
                    cx.error_at(
                        option.kw_span(),
                        "`from_py_with` applies to parameters of methods, not of properties, \
                         class attributes or magic methods",
                    );
                }
            }
        }
    }
}

fn describe(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Getter => "getter",
        MethodKind::Setter => "setter",
        MethodKind::ClassAttr => "class attribute",
        MethodKind::Slot(_) => "magic method",
        _ => "method",
    }
}

/// The receiver of a method of kind `kind`, and how many leading parameters it takes.
fn receiver<'a>(cx: &Ctxt, kind: MethodKind, sig: &'a syn::Signature) -> (Receiver<'a>, usize) {
    let first = sig.inputs.first();
    if let Some(syn::FnArg::Receiver(receiver)) = first {
        if !kind.takes_receiver() {
            cx.error_spanned_by(
                receiver,
                format!(
                    "a {} has no `self`; remove it (use `#[classmethod]` with `cls: &PyType` \
                     to get the class)",
                    kind.attribute()
                ),
            );
            return (Receiver::None, 1);
        }
        return match (
            &receiver.reference,
            &receiver.mutability,
            receiver.colon_token,
        ) {
            (Some(_), None, None) => (Receiver::Ref, 1),
            (Some(_), Some(_), None) => (Receiver::Mut, 1),
            _ => {
                cx.error_spanned_by(
                    receiver,
                    "methods take `&self` or `&mut self` (or `slf: PyRef<'_, Self>`); the \
                     value lives in the Python object and cannot be moved out of it",
                );
                (Receiver::Ref, 1)
            }
        };
    }
    let needs_first = kind.takes_receiver() || matches!(kind, MethodKind::Class);
    if !needs_first {
        return (Receiver::None, 0);
    }
    // The first parameter that is not the token receives the instance (or the class).
    let typed = sig.inputs.iter().position(|input| match input {
        syn::FnArg::Typed(typed) => !types::is_python_token(&typed.ty),
        syn::FnArg::Receiver(_) => false,
    });
    match (typed, kind) {
        (Some(0), MethodKind::Class) => (Receiver::None, 1),
        (Some(0), _) => match &sig.inputs[0] {
            syn::FnArg::Typed(typed) => (Receiver::Typed(&typed.ty), 1),
            syn::FnArg::Receiver(_) => unreachable!("handled above"),
        },
        (Some(_), _) | (None, _) => {
            let message = if matches!(kind, MethodKind::Class) {
                String::from(
                    "a `#[classmethod]` takes the class as its first parameter: `cls: &PyType`",
                )
            } else {
                format!(
                    "this {} needs a receiver first: `&self`, `&mut self` or `slf: PyRef<'_, \
                     Self>`; or mark it `#[staticmethod]`",
                    describe(kind)
                )
            };
            cx.error_at(sig.ident.span(), message);
            (Receiver::None, 0)
        }
    }
}

/// A `#[classattr] const` of a `#[pymethods]` block.
pub struct ConstAttr<'a> {
    /// The constant.
    pub ident: &'a Ident,
    /// The Python name.
    pub python_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_errors(item: syn::ImplItemFn) -> (Vec<String>, Option<String>) {
        let mut item = item;
        let cx = Ctxt::new();
        let attributes = MethodAttributes::take(&cx, &mut item.attrs);
        let name = {
            let spec = MethodSpec::from_syn(&cx, &item, attributes, Vec::new());
            Some(spec.python_name)
        };
        let errors = match cx.check() {
            Ok(()) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        };
        (errors, name)
    }

    #[test]
    fn property_names_drop_the_prefix() {
        let (errors, name) = spec_errors(syn::parse_quote! {
            #[getter]
            fn get_value(&self) -> i64 { 1 }
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(name.as_deref(), Some("value"));
        let (_, name) = spec_errors(syn::parse_quote! {
            #[setter(other)]
            fn set_value(&mut self, v: i64) {}
        });
        assert_eq!(name.as_deref(), Some("other"));
    }

    #[test]
    fn receiver_rules() {
        let (errors, _) = spec_errors(syn::parse_quote! {
            #[staticmethod]
            fn f(&self) {}
        });
        assert!(
            errors[0].starts_with("a #[staticmethod] has no `self`"),
            "{errors:?}"
        );
        let (errors, _) = spec_errors(syn::parse_quote! {
            fn f(self) {}
        });
        assert!(
            errors[0].starts_with("methods take `&self` or `&mut self`"),
            "{errors:?}"
        );
        let (errors, _) = spec_errors(syn::parse_quote! {
            fn f() {}
        });
        assert!(
            errors[0].starts_with("this method needs a receiver first"),
            "{errors:?}"
        );
        let (errors, _) = spec_errors(syn::parse_quote! {
            #[getter]
            fn value(&self, extra: i64) -> i64 { extra }
        });
        assert!(
            errors[0].starts_with("`#[getter]` takes 0 parameters besides the receiver"),
            "{errors:?}"
        );
        let (errors, _) = spec_errors(syn::parse_quote! {
            #[new]
            #[staticmethod]
            fn f() {}
        });
        assert!(
            errors[0].starts_with("`#[staticmethod]` cannot be combined with `#[new]`"),
            "{errors:?}"
        );
    }
}
