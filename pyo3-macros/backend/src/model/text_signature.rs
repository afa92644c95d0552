//! `__text_signature__`: the signature as Python source, so `inspect.signature()` works on
//! the built-in function. Defaults that are Rust literals Python also understands are
//! shown as such; any other default is shown as `...`.

use syn::{Expr, Lit, UnOp};

use super::function::FnArg;
use super::signature::{ParamDefault, Signature};

/// The parameter list, e.g. `(a, b=1, /, c=None, *args, d, e=2, **kwargs)`.
pub fn render(signature: &Signature, args: &[FnArg<'_>]) -> String {
    let mut parts = Vec::new();
    for (i, param) in signature.params.iter().enumerate() {
        if i == signature.positional && signature.varargs.is_none() {
            parts.push(String::from("*"));
        }
        if i == signature.positional {
            if let Some(varargs) = signature.varargs {
                parts.push(format!("*{}", args[varargs].name));
            }
        }
        let name = &args[param.arg].name;
        parts.push(match &param.default {
            ParamDefault::Required => name.clone(),
            ParamDefault::ImplicitNone => format!("{name}=None"),
            ParamDefault::Expr(expr) => format!("{name}={}", python_default(expr)),
        });
        if i + 1 == signature.positional_only {
            parts.push(String::from("/"));
        }
    }
    if signature.params.len() == signature.positional {
        if let Some(varargs) = signature.varargs {
            parts.push(format!("*{}", args[varargs].name));
        }
    }
    if let Some(varkw) = signature.varkw {
        parts.push(format!("**{}", args[varkw].name));
    }
    format!("({})", parts.join(", "))
}

/// A Rust default as Python source: literals, `None`, `Some(x)`, negation; else `...`.
pub fn python_default(expr: &Expr) -> String {
    literal(expr).unwrap_or_else(|| String::from("..."))
}

fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => Some(strip_number(int.base10_digits())),
            Lit::Float(float) => Some(strip_number(float.base10_digits())),
            Lit::Bool(b) => Some(String::from(if b.value { "True" } else { "False" })),
            Lit::Str(s) => Some(python_str(&s.value())),
            Lit::Char(c) => Some(python_str(&c.value().to_string())),
            _ => None,
        },
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => {
            let inner = literal(&unary.expr)?;
            inner
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| format!("-{inner}"))
        }
        Expr::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            (last.ident == "None" && last.arguments.is_empty()).then(|| String::from("None"))
        }
        Expr::Call(call) if call.args.len() == 1 => match &*call.func {
            Expr::Path(path) if path.path.segments.last()?.ident == "Some" => {
                literal(&call.args[0])
            }
            _ => None,
        },
        Expr::Paren(paren) => literal(&paren.expr),
        Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}

fn strip_number(digits: &str) -> String {
    digits.replace('_', "")
}

/// A Python string literal equal to `text` (as `repr()` would write it, single-quoted).
fn python_str(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attr::signature::SignatureSyntax;
    use crate::ctxt::Ctxt;
    use crate::model::function::tests::args_of;
    use quote::quote;

    fn expr(tokens: proc_macro2::TokenStream) -> Expr {
        syn::parse2(tokens).unwrap()
    }

    #[test]
    fn renders_python_literals() {
        let cases = [
            (quote!(1), "1"),
            (quote!(1_000i64), "1000"),
            (quote!(-2), "-2"),
            (quote!(0x1f), "31"),
            (quote!(2.5f64), "2.5"),
            (quote!(true), "True"),
            (quote!(None), "None"),
            (quote!(Option::None), "None"),
            (quote!(Some(3)), "3"),
            (quote!("it's\n"), "'it\\'s\\n'"),
            (quote!('x'), "'x'"),
            (quote!(Vec::new()), "..."),
            (quote!(-x), "..."),
            (quote!(Some(vec![1])), "..."),
        ];
        for (tokens, expected) in cases {
            assert_eq!(python_default(&expr(tokens.clone())), expected, "{tokens}");
        }
    }

    fn render_for(func: proc_macro2::TokenStream, sig: Option<proc_macro2::TokenStream>) -> String {
        let item: syn::ItemFn = syn::parse2(func).unwrap();
        let cx = Ctxt::new();
        let args = args_of(&cx, &item);
        let signature = match sig {
            Some(sig) => {
                let syntax: SignatureSyntax = syn::parse2(sig).unwrap();
                Signature::from_syntax(&cx, &syntax, &args)
            }
            None => Signature::derive(&args),
        };
        cx.check().unwrap();
        render(&signature, &args)
    }

    #[test]
    fn renders_every_parameter_kind() {
        assert_eq!(
            render_for(
                quote!(
                    fn f(
                        a: i64,
                        b: i64,
                        c: Option<i64>,
                        args: &PyTuple,
                        d: i64,
                        e: i64,
                        kwargs: Option<&PyDict>,
                    ) {
                    }
                ),
                Some(quote!((a, b = 1, /, c = None, *args, d, e = 2, **kwargs))),
            ),
            "(a, b=1, /, c=None, *args, d, e=2, **kwargs)"
        );
        assert_eq!(
            render_for(
                quote!(
                    fn f(a: i64, b: i64, c: i64) {}
                ),
                Some(quote!((a, b = 2, *, c = 3)))
            ),
            "(a, b=2, *, c=3)"
        );
        assert_eq!(
            render_for(
                quote!(
                    fn f(a: i64, args: &PyTuple) {}
                ),
                Some(quote!((a, /, *args)))
            ),
            "(a, /, *args)"
        );
        assert_eq!(
            render_for(
                quote!(
                    fn f(py: Python<'_>, a: i64, b: Option<i64>) {}
                ),
                None
            ),
            "(a, b=None)"
        );
        assert_eq!(
            render_for(
                quote!(
                    fn f() {}
                ),
                None
            ),
            "()"
        );
    }
}
