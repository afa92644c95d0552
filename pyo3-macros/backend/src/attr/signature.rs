//! The syntax of `signature = (a, b=1, /, c=None, *args, d, e=2, **kwargs)`: a list of
//! items, parsed as written. Rules between items live in `model::signature`.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{token, Ident, Token};

/// The parenthesised item list.
#[derive(Clone)]
pub struct SignatureSyntax {
    /// The parentheses (for spans).
    pub paren: token::Paren,
    /// The items in order.
    pub items: Punctuated<SignatureItem, Token![,]>,
}

/// One item of a signature.
#[derive(Clone)]
pub enum SignatureItem {
    /// `name` or `name = default`.
    Param(ParamItem),
    /// `/`: the parameters before it are positional-only.
    PositionalOnly(Token![/]),
    /// A bare `*`: the parameters after it are keyword-only.
    KeywordOnly(Token![*]),
    /// `*args`.
    VarArgs(Token![*], Ident),
    /// `**kwargs`.
    VarKwargs(Token![*], Token![*], Ident),
}

/// `name` or `name = default`, the default being a Rust expression.
#[derive(Clone)]
pub struct ParamItem {
    /// The parameter's name (a Rust parameter of the function).
    pub name: Ident,
    /// `= expr`.
    pub default: Option<(Token![=], syn::Expr)>,
}

impl Parse for SignatureSyntax {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if !input.peek(token::Paren) {
            return Err(input.error(
                "expected a parenthesised parameter list, e.g. `signature = (a, b=1, *args)`",
            ));
        }
        let content;
        let paren = syn::parenthesized!(content in input);
        match content.parse_terminated(SignatureItem::parse, Token![,]) {
            Ok(items) => Ok(SignatureSyntax { paren, items }),
            Err(err) => {
                // Consume the rest, so the one error reported is this one.
                let _ = content.parse::<TokenStream>();
                Err(err)
            }
        }
    }
}

impl Parse for SignatureItem {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(Token![/]) {
            return input.parse().map(SignatureItem::PositionalOnly);
        }
        if input.peek(Token![*]) {
            let star: Token![*] = input.parse()?;
            if input.peek(Token![*]) {
                let second: Token![*] = input.parse()?;
                let name = input.parse().map_err(|_| {
                    syn::Error::new(second.span, "expected a name after `**`, e.g. `**kwargs`")
                })?;
                return Ok(SignatureItem::VarKwargs(star, second, name));
            }
            if input.peek(Ident) {
                return Ok(SignatureItem::VarArgs(star, input.parse()?));
            }
            return Ok(SignatureItem::KeywordOnly(star));
        }
        if input.peek(Ident) {
            let name: Ident = input.parse()?;
            let default = if input.peek(Token![=]) {
                Some((input.parse()?, input.parse()?))
            } else {
                None
            };
            return Ok(SignatureItem::Param(ParamItem { name, default }));
        }
        Err(input
            .error("expected a parameter name, `name = default`, `/`, `*`, `*args` or `**kwargs`"))
    }
}

impl ToTokens for SignatureSyntax {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.paren
            .surround(tokens, |inner| self.items.to_tokens(inner));
    }
}

impl ToTokens for SignatureItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            SignatureItem::Param(param) => param.to_tokens(tokens),
            SignatureItem::PositionalOnly(slash) => slash.to_tokens(tokens),
            SignatureItem::KeywordOnly(star) => star.to_tokens(tokens),
            SignatureItem::VarArgs(star, name) => {
                star.to_tokens(tokens);
                name.to_tokens(tokens);
            }
            SignatureItem::VarKwargs(a, b, name) => {
                a.to_tokens(tokens);
                b.to_tokens(tokens);
                name.to_tokens(tokens);
            }
        }
    }
}

impl ToTokens for ParamItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.name.to_tokens(tokens);
        if let Some((eq, expr)) = &self.default {
            eq.to_tokens(tokens);
            expr.to_tokens(tokens);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> syn::Result<SignatureSyntax> {
        syn::parse2(tokens)
    }

    #[test]
    fn parses_the_full_grammar() {
        let sig = parse(quote!((a, b = 1, /, c = None, *args, d, e = vec![2], **kwargs))).unwrap();
        let kinds: Vec<&str> = sig
            .items
            .iter()
            .map(|item| match item {
                SignatureItem::Param(p) if p.default.is_some() => "default",
                SignatureItem::Param(_) => "param",
                SignatureItem::PositionalOnly(_) => "/",
                SignatureItem::KeywordOnly(_) => "*",
                SignatureItem::VarArgs(..) => "*args",
                SignatureItem::VarKwargs(..) => "**kwargs",
            })
            .collect();
        assert_eq!(
            kinds,
            ["param", "default", "/", "default", "*args", "param", "default", "**kwargs"]
        );
    }

    #[test]
    fn defaults_are_rust_expressions() {
        let sig = parse(quote!((
            a = -1i64,
            b = Some("x".to_owned()),
            c = [1, 2].len()
        )))
        .unwrap();
        let defaults: Vec<String> = sig
            .items
            .iter()
            .map(|item| match item {
                SignatureItem::Param(p) => {
                    p.default.as_ref().unwrap().1.to_token_stream().to_string()
                }
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            defaults,
            ["- 1i64", "Some (\"x\" . to_owned ())", "[1 , 2] . len ()"]
        );
    }

    #[test]
    fn bare_star_and_trailing_comma() {
        let sig = parse(quote!((a, *, b,))).unwrap();
        assert_eq!(sig.items.len(), 3);
        assert!(matches!(sig.items[1], SignatureItem::KeywordOnly(_)));
    }

    #[test]
    fn rejects_what_is_not_an_item() {
        let Err(err) = parse(quote!((a, 1))) else {
            panic!("accepted")
        };
        assert!(
            err.to_string().starts_with("expected a parameter name"),
            "{err}"
        );
        let Err(err) = parse(quote!(a, b)) else {
            panic!("accepted")
        };
        assert!(
            err.to_string().starts_with("expected a parenthesised"),
            "{err}"
        );
        let Err(err) = parse(quote!((**))) else {
            panic!("accepted")
        };
        assert!(
            err.to_string().starts_with("expected a name after `**`"),
            "{err}"
        );
    }
}
