//! Option values as attribute arguments write them: bare flags (`public`),
//! lists in parentheses (`keys(a, b)`), `constraints(..)` and
//! `validate(rule(..), on(..))`. Each falls back to the shared helper of the
//! block form for the `name = value` spelling, so both spellings mean the
//! same model.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, Result, Token, braced, parenthesized};

use crate::model::{Accept, ActionKind, Constraints, Flag, Validation, ValidationRule};
use crate::surface::common::constraints::parse_constraint;
use crate::surface::common::names::{ACTION_KINDS, CONSTRAINTS, VALIDATION_OPTIONS, VALIDATIONS};
use crate::surface::common::rules::{parse_rule, parse_validation_option};
use crate::surface::common::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};

/// The arguments of `#[resource(..)]`.
pub const RESOURCE_ARGS: &[&str] = &["data_layer", "table"];
/// The arguments of `#[actions(..)]`.
pub const ACTIONS_ARGS: &[&str] = &["default_accept", "defaults"];

/// Whether the entry being parsed ends here (a bare name).
pub fn at_entry_end(input: ParseStream) -> bool {
    input.is_empty() || input.peek(Token![,])
}

/// `key` (true), `key = true` or `key = false`.
pub fn flag(input: ParseStream, key: &Ident) -> Result<Flag> {
    if at_entry_end(input) {
        return Ok(Flag { value: true, span: key.span() });
    }
    values::flag(input, key)
}

/// `key(a, b)`, or `key = [a, b]` as the block form writes it.
pub fn ident_list(input: ParseStream, key: &Ident) -> Result<Vec<Ident>> {
    if !input.peek(syn::token::Paren) {
        return values::idents(input, key);
    }
    let content;
    parenthesized!(content in input);
    Ok(Punctuated::<Ident, Token![,]>::parse_terminated(&content)?.into_iter().collect())
}

/// `key(*)`, `key(a, b)`, or the block form's `key = *` / `key = [a, b]`.
pub fn accept(input: ParseStream, key: &Ident) -> Result<Accept> {
    if !input.peek(syn::token::Paren) {
        return values::accept(input, key);
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
    Ok(Accept::List(Punctuated::<Ident, Token![,]>::parse_terminated(&content)?.into_iter().collect()))
}

/// `key(create, update)`, or `key = [create, update]`; names that are no
/// action kind are recorded as unknown.
pub fn action_kinds(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<(ActionKind, Span)>> {
    if !input.peek(syn::token::Paren) {
        return values::action_kinds(input, key, cx);
    }
    let mut kinds = Vec::new();
    for name in ident_list(input, key)? {
        match values::action_kind(&name) {
            Some(kind) => kinds.push((kind, name.span())),
            None => cx.unknown(name, ACTION_KINDS),
        }
    }
    Ok(kinds)
}

/// `constraints(max_length = 100, match = "^[a-z]+$", trim)`; the block
/// form's `constraints = { .. }` is accepted too. `r#match` is `match`.
pub fn constraints(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Constraints> {
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        key_separator(input, key)?;
        if input.peek(syn::token::Paren) {
            parenthesized!(content in input);
        } else {
            braced!(content in input);
        }
    }
    let mut constraints = Constraints { span: Some(key.span()), ..Constraints::default() };
    parse_entries(&content, cx, CONSTRAINTS, Separator::Comma, |attrs, name, input, cx| {
        no_attributes(&attrs, cx);
        let name = name.unraw();
        let bare_flag = match name.to_string().as_str() {
            "trim" => Some(&mut constraints.trim),
            "allow_empty" => Some(&mut constraints.allow_empty),
            _ => None,
        };
        if let Some(slot) = bare_flag
            && at_entry_end(input)
        {
            cx.set_once(slot, &name, Flag { value: true, span: name.span() });
            return Ok(Entry::Known);
        }
        parse_constraint(&name, input, &mut constraints, cx)
    })?;
    Ok(constraints)
}

/// `rule(args), on(create), message = ".."`, the arguments of
/// `#[validate(..)]` and of an action's `validate(..)`. `None` for an
/// unknown rule (recorded by `parse_rule`), whose options are skipped.
pub fn validation(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let Some((rule, span)) = rule(input, cx)? else {
        skip_rest(input)?;
        return Ok(None);
    };
    let mut validation = Validation { rule, span, on: None, message: None };
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    parse_entries(input, cx, VALIDATION_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        if key == "on" && input.peek(syn::token::Paren) {
            let kinds = action_kinds(input, &key, cx)?;
            cx.set_once(&mut validation.on, &key, kinds);
            return Ok(Entry::Known);
        }
        parse_validation_option(&key, input, &mut validation, cx)
    })?;
    Ok(Some(validation))
}

/// A validation rule, handed to the block form's parser after two
/// spellings of the attribute form are brought to it: `r#match(..)` is
/// `match(..)`, and the fields of `present` / `absent` may be listed
/// without brackets (`present(a, b, at_least = 1)`).
fn rule(input: ParseStream, cx: &mut ParseCx) -> Result<Option<(ValidationRule, Span)>> {
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
fn skip_rest(input: ParseStream) -> Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    })
}
