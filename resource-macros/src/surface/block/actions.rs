//! `actions { default_accept [..]; defaults [..]; create name { .. } read name; .. }`.
//!
//! Every action option parses on every action kind; the validator reports
//! the ones that do not apply (`filter` on a create), so the surface stays
//! a plain translation of syntax.

use syn::parse::ParseStream;
use syn::{Ident, Result, Token, braced};

use super::validations::parse_validate;
use crate::model::{Action, ActionKind, Actions, Argument, Constraints, Spanned};
use crate::surface::common::changes::parse_change;
use crate::surface::common::constraints::constraints_value;
use crate::surface::common::filter::parse_filter_call;
use crate::surface::common::names::{ACTION_OPTIONS, ACTIONS_KEYWORDS, ARGUMENT_OPTIONS};
use crate::surface::common::pagination::pagination_value;
use crate::surface::common::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};

pub fn parse_section(input: ParseStream, actions: &mut Actions, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, ACTIONS_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        no_attributes(&attrs, cx);
        match keyword.to_string().as_str() {
            "default_accept" => {
                let accept = values::accept(input, &keyword)?;
                cx.set_once(&mut actions.default_accept, &keyword, accept);
            }
            // Listing a kind twice is the validator's to report, with both spans at hand.
            "defaults" => actions.defaults.extend(values::action_kinds(input, &keyword, cx)?),
            _ => match values::action_kind(&keyword) {
                Some(kind) => actions.actions.push(parse_action(kind, input, cx)?),
                None => return Ok(Entry::Unknown),
            },
        }
        Ok(Entry::Known)
    })
}

/// `name { statements }` or `name` after the action kind.
fn parse_action(kind: ActionKind, input: ParseStream, cx: &mut ParseCx) -> Result<Action> {
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
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        parse_entries(&content, cx, ACTION_OPTIONS, Separator::Semicolon, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            parse_option(&key, input, &mut action, cx)
        })?;
    }
    Ok(action)
}

fn parse_option(key: &Ident, input: ParseStream, action: &mut Action, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "accept" => cx.set_once(&mut action.accept, key, values::accept(input, key)?),
        "require_attributes" => action.require_attributes.extend(values::idents(input, key)?),
        "primary" => cx.set_once(&mut action.primary, key, values::flag(input, key)?),
        "argument" => action.arguments.push(parse_argument(input, cx)?),
        "change" => action.changes.extend(parse_change(input, cx)?),
        "validate" => action.validations.extend(parse_validate(input, cx)?),
        "upsert" => cx.set_once(&mut action.upsert, key, values::flag(input, key)?),
        "upsert_identity" => cx.set_once(&mut action.upsert_identity, key, values::ident(input, key)?),
        "upsert_fields" => {
            if let Some(fields) = values::upsert_fields(input, key, cx)? {
                cx.set_once(&mut action.upsert_fields, key, fields);
            }
        }
        "filter" => {
            key_separator(input, key)?;
            let filter = parse_filter_call(input)?;
            cx.set_once(&mut action.filter, key, filter);
        }
        "get" => cx.set_once(&mut action.get, key, values::flag(input, key)?),
        "get_by" => {
            let fields = Spanned { value: values::idents(input, key)?, span: key.span() };
            cx.set_once(&mut action.get_by, key, fields);
        }
        "pagination" => {
            let pagination = pagination_value(input, key, cx, false)?;
            cx.set_once(&mut action.pagination, key, pagination);
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// `name: Type { options }` after `argument`.
fn parse_argument(input: ParseStream, cx: &mut ParseCx) -> Result<Argument> {
    let ident: Ident = input.parse()?;
    input
        .parse::<Token![:]>()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type` after `{ident}`")))?;
    let mut argument = Argument {
        ident,
        ty: input.parse()?,
        allow_nil: None,
        sensitive: None,
        default: None,
        constraints: Constraints::default(),
    };
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        parse_entries(&content, cx, ARGUMENT_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            let key = &key;
            match key.to_string().as_str() {
                "allow_nil" => cx.set_once(&mut argument.allow_nil, key, values::flag(input, key)?),
                "sensitive" => cx.set_once(&mut argument.sensitive, key, values::flag(input, key)?),
                "default" => cx.set_once(&mut argument.default, key, values::expr(input, key)?),
                "constraints" => argument.constraints = constraints_value(input, key, cx)?,
                _ => return Ok(Entry::Unknown),
            }
            Ok(Entry::Known)
        })?;
    }
    Ok(argument)
}
