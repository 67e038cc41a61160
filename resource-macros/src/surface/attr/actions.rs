//! `#[actions(default_accept(..), defaults(..))]` and
//! `#[action(kind, name, options..)]`, one attribute per named action.
//!
//! As in the block form every option parses on every action kind; the
//! validator reports the ones that do not apply (`filter` on a create).

use syn::parse::ParseStream;
use syn::{Ident, Result, Token, parenthesized};

use super::options::{ACTIONS_ARGS, accept, action_kinds, constraints, flag, ident_list, validation};
use crate::model::{Action, Actions, Argument, Constraints, Spanned, UpsertFields};
use crate::surface::common::changes::parse_change;
use crate::surface::common::filter::{parse_filter, parse_filter_call};
use crate::surface::common::names::{ACTION_KINDS, ACTION_OPTIONS, ARGUMENT_OPTIONS};
use crate::surface::common::pagination::pagination_value;
use crate::surface::common::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};

/// `default_accept(a, b), defaults(create, read)`.
pub fn parse_actions(input: ParseStream, actions: &mut Actions, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, ACTIONS_ARGS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        match key.to_string().as_str() {
            "default_accept" => {
                let accept = accept(input, &key)?;
                cx.set_once(&mut actions.default_accept, &key, accept);
            }
            // Listing a kind twice is the validator's to report, with both spans at hand.
            "defaults" => actions.defaults.extend(action_kinds(input, &key, cx)?),
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })
}

/// `create, name, options..`. `None` when the kind is unknown: it is
/// recorded and the rest of the attribute skipped.
pub fn parse_action(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Action>> {
    let kind_name: Ident = input.parse().map_err(|error| {
        syn::Error::new(error.span(), "expected the action's type and name: `#[action(create, name, ..)]`")
    })?;
    let Some(kind) = values::action_kind(&kind_name) else {
        cx.unknown(kind_name, ACTION_KINDS);
        input.step(|cursor| {
            let mut rest = *cursor;
            while let Some((_, next)) = rest.token_tree() {
                rest = next;
            }
            Ok(((), rest))
        })?;
        return Ok(None);
    };
    if input.is_empty() {
        return Err(syn::Error::new(
            kind_name.span(),
            format_args!("expected the action's name after its type: `#[action({kind_name}, name, ..)]`"),
        ));
    }
    input.parse::<Token![,]>()?;
    let mut action = Action {
        kind,
        ident: input.parse()?,
        primary: None,
        accept: None,
        require_attributes: Vec::new(),
        arguments: Vec::new(),
        changes: Vec::new(),
        validations: Vec::new(),
        upsert: None,
        upsert_identity: None,
        upsert_fields: None,
        filter: None,
        get: None,
        get_by: None,
        pagination: None,
    };
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    parse_entries(input, cx, ACTION_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        parse_option(&key, input, &mut action, cx)
    })?;
    Ok(Some(action))
}

fn parse_option(key: &Ident, input: ParseStream, action: &mut Action, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "accept" => cx.set_once(&mut action.accept, key, accept(input, key)?),
        "require_attributes" => action.require_attributes.extend(ident_list(input, key)?),
        "primary" => cx.set_once(&mut action.primary, key, flag(input, key)?),
        "argument" => action.arguments.push(parse_argument(input, key, cx)?),
        "change" => {
            let content = parens(input, key, "change(set_attribute(field, value))")?;
            while !content.is_empty() {
                action.changes.extend(parse_change(&content, cx)?);
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
        }
        "validate" => {
            let content = parens(input, key, "validate(present(field))")?;
            action.validations.extend(validation(&content, cx)?);
        }
        "upsert" => cx.set_once(&mut action.upsert, key, flag(input, key)?),
        "upsert_identity" => {
            let identity = if input.peek(syn::token::Paren) {
                let content;
                parenthesized!(content in input);
                content.parse()?
            } else {
                values::ident(input, key)?
            };
            cx.set_once(&mut action.upsert_identity, key, identity);
        }
        "upsert_fields" => {
            if input.peek(syn::token::Paren) {
                let fields = UpsertFields::Replace(ident_list(input, key)?);
                cx.set_once(&mut action.upsert_fields, key, fields);
            } else if let Some(fields) = values::upsert_fields(input, key, cx)? {
                cx.set_once(&mut action.upsert_fields, key, fields);
            }
        }
        "filter" => {
            let filter = if input.peek(syn::token::Paren) {
                let content;
                parenthesized!(content in input);
                parse_filter(&content)?
            } else {
                key_separator(input, key)?;
                parse_filter_call(input)?
            };
            cx.set_once(&mut action.filter, key, filter);
        }
        "get" => cx.set_once(&mut action.get, key, flag(input, key)?),
        "get_by" => {
            let fields = Spanned { value: ident_list(input, key)?, span: key.span() };
            cx.set_once(&mut action.get_by, key, fields);
        }
        "pagination" => {
            let pagination = pagination_value(input, key, cx, true)?;
            cx.set_once(&mut action.pagination, key, pagination);
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// The content of `key(..)`, which is required.
fn parens<'a>(input: ParseStream<'a>, key: &Ident, usage: &str) -> Result<syn::parse::ParseBuffer<'a>> {
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new(key.span(), format_args!("expected `(..)` after `{key}`, as in `{usage}`")));
    }
    let content;
    parenthesized!(content in input);
    Ok(content)
}

/// `argument(name: Type, allow_nil = false, sensitive, default = .., constraints(..))`.
fn parse_argument(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Argument> {
    let content = parens(input, key, "argument(code: String, allow_nil = false)")?;
    let ident: Ident = content.parse()?;
    content
        .parse::<Token![:]>()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type` after `{ident}`")))?;
    let mut argument = Argument {
        ident,
        ty: content.parse()?,
        allow_nil: None,
        sensitive: None,
        default: None,
        constraints: Constraints::default(),
    };
    if !content.is_empty() {
        content.parse::<Token![,]>()?;
    }
    parse_entries(&content, cx, ARGUMENT_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        let key = &key;
        match key.to_string().as_str() {
            "allow_nil" => cx.set_once(&mut argument.allow_nil, key, flag(input, key)?),
            "sensitive" => cx.set_once(&mut argument.sensitive, key, flag(input, key)?),
            "default" => cx.set_once(&mut argument.default, key, values::expr(input, key)?),
            "constraints" => argument.constraints = constraints(input, key, cx)?,
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })?;
    Ok(argument)
}
