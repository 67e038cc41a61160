//! Option values as the two surfaces spell them, all called as
//! `value(input, key, cx)` so that an option table's row can name one.
//! The block form writes `public: true` and `[a, b]`; the attribute form
//! also `public` alone and `(a, b)` (see `Form`). Spans of flags and
//! numbers are the key's, so errors about an option point at its name.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Result, Token, parenthesized};

use super::names::ACTION_KINDS;
use super::{Form, ParseCx, values};
use crate::model::{Accept, ActionKind, Flag, Spanned};

/// Whether the entry being parsed ends here (a bare name).
pub fn at_entry_end(input: ParseStream) -> bool {
    input.is_empty() || input.peek(Token![,])
}

/// Whether the value is the attribute form's `key(..)`.
fn in_parens(input: ParseStream, cx: &ParseCx) -> bool {
    cx.form == Form::Attribute && input.peek(syn::token::Paren)
}

/// `key: true`; in the attribute form also `key` alone (true).
pub fn flag(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Flag> {
    if cx.form == Form::Attribute && at_entry_end(input) {
        return Ok(Flag { value: true, span: key.span() });
    }
    values::flag(input, key, cx.form)
}

/// A flag that may be written alone in both forms (calculations,
/// relationships and aggregates, whose block entries end with `;`).
pub fn bare_flag(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Flag> {
    if input.is_empty() || input.peek(Token![,]) || input.peek(Token![;]) {
        return Ok(Flag { value: true, span: key.span() });
    }
    values::flag(input, key, cx.form)
}

pub fn string(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<LitStr> {
    values::string(input, key, cx.form)
}

pub fn expr(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Expr> {
    values::expr(input, key, cx.form)
}

pub fn ident(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Ident> {
    values::ident(input, key, cx.form)
}

pub fn count(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Spanned<usize>> {
    values::count(input, key, cx.form)
}

/// `key [a, b]`; in the attribute form also `key(a, b)`.
pub fn ident_list(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<Ident>> {
    if !in_parens(input, cx) {
        return values::idents(input, key, cx.form);
    }
    let content;
    parenthesized!(content in input);
    Ok(Punctuated::<Ident, Token![,]>::parse_terminated_with(&content, super::list_name)?.into_iter().collect())
}

/// `key *` or `key [a, b]`; in the attribute form also `key(*)`, `key(a, b)`.
pub fn accept(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Accept> {
    if !in_parens(input, cx) {
        return values::accept(input, key, cx.form);
    }
    let content;
    parenthesized!(content in input);
    if content.peek(Token![*]) {
        let star: Token![*] = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("`*` accepts every public writable attribute; list nothing beside it"));
        }
        return Ok(Accept::All(star.span));
    }
    Ok(Accept::List(
        Punctuated::<Ident, Token![,]>::parse_terminated_with(&content, super::list_name)?.into_iter().collect(),
    ))
}

/// `key [create, update]`; in the attribute form also `key(create, update)`.
/// Names that are no action kind are recorded as unknown.
pub fn action_kinds(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<(ActionKind, Span)>> {
    if !in_parens(input, cx) {
        return values::action_kinds(input, key, cx);
    }
    let mut kinds = Vec::new();
    for name in ident_list(input, key, cx)? {
        match values::action_kind(&name) {
            Some(kind) => kinds.push((kind, name.span())),
            None => cx.unknown(name, ACTION_KINDS),
        }
    }
    Ok(kinds)
}

/// The content of the attribute form's `key(..)`, which is required.
pub fn parens<'a>(input: ParseStream<'a>, key: &Ident, usage: &str) -> Result<syn::parse::ParseBuffer<'a>> {
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new(key.span(), format_args!("expected `(..)` after `{key}`, as in `{usage}`")));
    }
    let content;
    parenthesized!(content in input);
    Ok(content)
}
