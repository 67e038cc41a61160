//! A validation with its options, as each surface writes it:
//! `validate present([a, b]) { on: [create], message: ".." }` in the block
//! form, `#[validate(present(a, b), on(create), message = "..")]` (and an
//! action's `validate(..)`) in the attribute form. The rules themselves are
//! `rules.rs`'s.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Result, Token, braced};

use super::rules::{VALIDATIONS, parse_rule};
use super::spelling::{action_kinds, string};
use super::table::{option_table, set_once};
use super::{ParseCx, Separator};
use crate::model::{Validation, ValidationRule};

option_table! {
    /// The options every validation takes.
    pub VALIDATION: Validation, names VALIDATION_OPTIONS;
    "on" => set_once!(on, action_kinds),
    "message" => set_once!(message, string),
}

/// `rule(args) { options }` after `validate`; `None` for an unknown rule
/// (recorded by `parse_rule`), whose options are skipped.
pub fn parse_validate(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let Some(rule) = parse_rule(input, cx)? else {
        if input.peek(syn::token::Brace) {
            input.parse::<proc_macro2::Group>()?;
        }
        return Ok(None);
    };
    let mut validation = Validation::new(rule);
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        VALIDATION.parse_all(&mut validation, &content, cx, Separator::Comma)?;
    }
    Ok(Some(validation))
}

/// `rule(args), on(create), message = ".."`, the arguments of
/// `#[validate(..)]` and of an action's `validate(..)`. `None` for an
/// unknown rule (recorded by `parse_rule`), whose options are skipped.
pub fn validation_args(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let Some(rule) = attribute_rule(input, cx)? else {
        skip_rest(input)?;
        return Ok(None);
    };
    let mut validation = Validation::new(rule);
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    VALIDATION.parse_all(&mut validation, input, cx, Separator::Comma)?;
    Ok(Some(validation))
}

/// A validation rule, handed to the block form's parser after two
/// spellings of the attribute form are brought to it: `r#match(..)` is
/// `match(..)`, and the fields of `present` / `absent` may be listed
/// without brackets (`present(a, b, at_least = 1)`).
fn attribute_rule(input: ParseStream, cx: &mut ParseCx) -> Result<Option<ValidationRule>> {
    let name = input.call(Ident::parse_any)?.unraw();
    let known = VALIDATIONS.contains(&name.to_string().as_str());
    if known && !input.peek(syn::token::Paren) {
        return Err(syn::Error::new(
            name.span(),
            format_args!("expected arguments in parentheses after `{name}`, as in `{name}(field, ..)`"),
        ));
    }
    let mut args = if input.peek(syn::token::Paren) { Some(input.parse::<Group>()?) } else { None };
    if name == "present" || name == "absent" {
        args = args.map(|group| bracket_leading_fields(&group));
    }
    (|input: ParseStream| parse_rule(input, cx)).parse2(quote!(#name #args))
}

/// `(a, b, at_least = 1)` -> `([a, b], at_least = 1)`: the leading names
/// that are no `key = value` become the bracketed list the block form writes.
fn bracket_leading_fields(group: &Group) -> Group {
    let trees: Vec<TokenTree> = group.stream().into_iter().collect();
    let mut fields = TokenStream::new();
    let mut rest = trees.as_slice();
    while let [TokenTree::Ident(field), after @ ..] = rest {
        if matches!(after.first(), Some(TokenTree::Punct(punct)) if matches!(punct.as_char(), '=' | ':')) {
            break;
        }
        fields.extend([TokenTree::Ident(field.clone())]);
        match after {
            [comma @ TokenTree::Punct(punct), tail @ ..] if punct.as_char() == ',' => {
                fields.extend([comma.clone()]);
                rest = tail;
            }
            _ => {
                rest = after;
                break;
            }
        }
    }
    if fields.is_empty() {
        return group.clone();
    }
    let first_span = trees[0].span();
    let mut list = Group::new(Delimiter::Bracket, fields);
    list.set_span(first_span);
    let mut stream: TokenStream = [TokenTree::Group(list)].into_iter().collect();
    if !rest.is_empty() {
        stream.extend(quote!(,));
        stream.extend(rest.iter().cloned());
    }
    let mut rewritten = Group::new(Delimiter::Parenthesis, stream);
    rewritten.set_span(group.span());
    rewritten
}

/// Consumes everything left in `input`.
pub fn skip_rest(input: ParseStream) -> Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    })
}
