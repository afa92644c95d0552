//! `ModuleSpec`: a `#[pymodule]` function as the macro understands it.

use syn::{ItemFn, LitStr, Token};

use super::docs::Docs;
use super::types;
use crate::attr::kw;
use crate::attr::options::{ModuleOption, NameValue};
use crate::attr::KeywordAttribute;
use crate::ctxt::Ctxt;

/// A `#[pymodule]`.
pub struct ModuleSpec<'a> {
    /// The user's function.
    pub item: &'a ItemFn,
    /// The module's Python name (the `PyInit_<name>` suffix).
    pub python_name: String,
    /// The module docstring.
    pub docs: Docs,
    /// Whether the function takes the `Python` token before the module.
    pub takes_token: bool,
    /// The path to the runtime.
    pub krate: syn::Path,
}

/// The options of a `#[pymodule]`, each at most once.
#[derive(Default)]
pub struct ModuleOptions {
    /// `name = "..."`.
    pub name: Option<KeywordAttribute<kw::name, NameValue>>,
    /// `crate = "..."`.
    pub krate: Option<KeywordAttribute<Token![crate], LitStr>>,
}

impl ModuleOptions {
    /// Gathers parsed options, reporting duplicates.
    pub fn collect(cx: &Ctxt, options: Vec<ModuleOption>) -> ModuleOptions {
        let mut out = ModuleOptions::default();
        for option in options {
            match option {
                ModuleOption::Name(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.name, o, "name", span);
                }
                ModuleOption::Crate(o) => {
                    let span = o.kw_span();
                    super::set_once(cx, &mut out.krate, o, "crate", span);
                }
            }
        }
        out
    }
}

/// The shape a `#[pymodule]` function must have, for messages.
pub const MODULE_SHAPE: &str =
    "`#[pymodule]` functions look like `fn name(py: Python<'_>, m: &PyModule) -> PyResult<()>`";

impl<'a> ModuleSpec<'a> {
    /// Builds the model, recording every problem in `cx`.
    pub fn from_syn(cx: &Ctxt, item: &'a ItemFn, options: ModuleOptions) -> ModuleSpec<'a> {
        let inputs: Vec<&syn::FnArg> = item.sig.inputs.iter().collect();
        let has_receiver = inputs.iter().any(|i| matches!(i, syn::FnArg::Receiver(_)));
        let takes_token = match inputs.as_slice() {
            // The receiver is reported below; the shape is moot until it is gone.
            _ if has_receiver => true,
            [_module] => false,
            [first, _module] => {
                let is_token =
                    matches!(first, syn::FnArg::Typed(t) if types::is_python_token(&t.ty));
                if !is_token {
                    cx.error_spanned_by(
                        first,
                        format!(
                            "expected the `Python` token as the first parameter; {MODULE_SHAPE}"
                        ),
                    );
                }
                true
            }
            _ => {
                cx.error_at(
                    item.sig.paren_token.span.join(),
                    format!("expected two parameters; {MODULE_SHAPE}"),
                );
                true
            }
        };
        for input in &item.sig.inputs {
            if let syn::FnArg::Receiver(receiver) = input {
                cx.error_spanned_by(receiver, crate::messages::receiver("pymodule"));
            }
        }
        if let syn::ReturnType::Default = item.sig.output {
            cx.error_spanned_by(
                &item.sig.ident,
                format!("expected the return type `PyResult<()>`; {MODULE_SHAPE}"),
            );
        }
        ModuleSpec {
            item,
            python_name: super::python_name(
                cx,
                options.name.as_ref().map(|o| &o.value.0),
                &item.sig.ident,
            ),
            docs: Docs::from_attrs(&item.attrs),
            takes_token,
            krate: super::krate_path(cx, options.krate.as_ref()),
        }
    }
}
