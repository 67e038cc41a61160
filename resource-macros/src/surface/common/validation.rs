//! A validation with its options, as each surface writes it:
//! `validate present([a, b]) { on: [create], message: ".." }` in the block
//! form, `#[validate(present(a, b), on(create), message = "..")]` (and an
//! action's `validate(..)`) in the attribute form. The rules themselves are
//! `rules.rs`'s.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Result, Token, braced, bracketed, parenthesized};

use super::changes::is_custom;
use super::rules::{VALIDATIONS, parse_rule};
use super::spelling::{action_kinds, flag, string};
use super::table::{option_table, set_once};
use super::{Form, ParseCx, Separator};
use crate::model::{Validation, ValidationRule};

option_table! {
    /// The options every validation takes (an action's own takes no `on`,
    /// which the validator reports).
    pub VALIDATION: Validation, names VALIDATION_OPTIONS;
    "on" => |validation, key, input, cx| {
        let kinds = action_kinds(input, key, cx)?;
        cx.set_once(&mut validation.on, key, kinds);
        validation.on_span = Some(key.span());
        Ok(())
    },
    "where" => |validation, key, input, cx| {
        validation.conditions.extend(conditions(input, key, cx)?);
        Ok(())
    },
    "only_when_valid" => set_once!(only_when_valid, flag),
    "message" => set_once!(message, string),
}

/// `where present(a)`, `where [present(a), absent(b)]` (block) or
/// `where(present(a), absent(b))` (attribute): validations as conditions.
fn conditions(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<ValidationRule>> {
    if (input.peek(Token![:]) && !input.peek(Token![::])) || (input.peek(Token![=]) && !input.peek(Token![==])) {
        input.parse::<proc_macro2::Punct>()?;
    }
    let content;
    if input.peek(syn::token::Bracket) {
        bracketed!(content in input);
    } else if cx.form == Form::Attribute && input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else if input.is_empty() || input.peek(Token![,]) || input.peek(Token![;]) {
        let example = match cx.form {
            Form::Block => "where present(field)",
            Form::Attribute => "where(present(field))",
        };
        return Err(syn::Error::new(
            key.span(),
            format_args!("expected a validation after `where`, as in `{example}`"),
        ));
    } else {
        return Ok(one_rule(input, cx)?.into_iter().collect());
    }
    let mut rules = Vec::new();
    while !content.is_empty() {
        rules.extend(one_rule(&content, cx)?);
        content.parse::<Option<Token![,]>>()?;
    }
    Ok(rules)
}

/// A built-in rule in the surface's spelling, or a custom one.
fn one_rule(input: ParseStream, cx: &mut ParseCx) -> Result<Option<ValidationRule>> {
    if is_custom(input) {
        return Ok(Some(ValidationRule::Custom(input.parse()?)));
    }
    match cx.form {
        Form::Block => parse_rule(input, cx),
        Form::Attribute => attribute_rule(input, cx),
    }
}

/// Options written after the rule without a block: `validate Increasing {
/// field: "counter" } on [update] message: "must grow"`. The only way to give
/// a custom validation options in the block form, whose braces are its value's.
fn inline_options(validation: &mut Validation, input: ParseStream, cx: &mut ParseCx) -> Result<()> {
    while input.peek(Ident::peek_any) {
        let fork = input.fork();
        let key = fork.call(Ident::parse_any)?;
        if !VALIDATION_OPTIONS.contains(&key.to_string().as_str()) {
            break;
        }
        input.call(Ident::parse_any)?;
        VALIDATION.parse(validation, &key, input, cx)?;
    }
    Ok(())
}

/// `rule(args) { options }` after `validate`; `None` for an unknown rule
/// (recorded by `parse_rule`), whose options are skipped.
pub fn parse_validate(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let custom = is_custom(input);
    let rule = if custom { Some(ValidationRule::Custom(input.parse()?)) } else { parse_rule(input, cx)? };
    let Some(rule) = rule else {
        if input.peek(syn::token::Brace) {
            input.parse::<proc_macro2::Group>()?;
        }
        return Ok(None);
    };
    let mut validation = Validation::new(rule);
    if !custom && input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        VALIDATION.parse_all(&mut validation, &content, cx, Separator::Comma)?;
    }
    inline_options(&mut validation, input, cx)?;
    Ok(Some(validation))
}

/// `rule(args), on(create), message = ".."`, the arguments of
/// `#[validate(..)]` and of an action's `validate(..)`. `None` for an
/// unknown rule (recorded by `parse_rule`), whose options are skipped.
pub fn validation_args(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let Some(rule) = one_rule(input, cx)? else {
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
