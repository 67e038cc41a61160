//! The path generated code reaches the runtime by. Every generator writes
//! `::resource::__private::..`; a `crate = my_resource` override rewrites
//! that one prefix in the finished output, so that no generator needs to
//! know about it and the default output is untouched. Paths inside string
//! literals (serde's `crate = "::resource::__private::serde"`) are rewritten
//! too.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};
use quote::ToTokens;

const ROOT: &str = "::resource::__private";

/// `tokens` with every `::resource::__private` made `<krate>::__private`.
pub fn rebase(tokens: TokenStream, krate: &syn::Path) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < trees.len() {
        if is_private_root(&trees[i..]) {
            // Replace `::resource` (three tokens), keep `::__private`.
            krate.to_tokens(&mut out);
            i += 3;
            continue;
        }
        match &trees[i] {
            TokenTree::Group(group) => {
                let mut rebased = Group::new(group.delimiter(), rebase(group.stream(), krate));
                rebased.set_span(group.span());
                out.extend([TokenTree::Group(rebased)]);
            }
            TokenTree::Literal(literal) => out.extend([TokenTree::Literal(rebase_literal(literal, krate))]),
            other => out.extend([other.clone()]),
        }
        i += 1;
    }
    out
}

/// Whether `trees` starts with `:: resource :: __private`.
fn is_private_root(trees: &[TokenTree]) -> bool {
    let colon = |tree: &TokenTree| matches!(tree, TokenTree::Punct(punct) if punct.as_char() == ':');
    let ident = |tree: &TokenTree, name: &str| matches!(tree, TokenTree::Ident(ident) if ident == name);
    matches!(trees, [a, b, root, c, d, private, ..]
        if colon(a) && colon(b) && ident(root, "resource") && colon(c) && colon(d) && ident(private, "__private"))
}

/// `"::resource::__private::x"` -> `"<krate>::__private::x"`; other literals as they are.
fn rebase_literal(literal: &Literal, krate: &syn::Path) -> Literal {
    let Ok(syn::Lit::Str(text)) = syn::parse2::<syn::Lit>(literal.to_token_stream()) else { return literal.clone() };
    let Some(rest) = text.value().strip_prefix(ROOT).map(str::to_owned) else { return literal.clone() };
    let root: Vec<String> = krate.segments.iter().map(|segment| segment.ident.to_string()).collect();
    let leading = if krate.leading_colon.is_some() { "::" } else { "" };
    let mut rebased = Literal::string(&format!("{leading}{}::__private{rest}", root.join("::")));
    rebased.set_span(literal.span());
    rebased
}
