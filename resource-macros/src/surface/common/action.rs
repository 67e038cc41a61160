//! The options of an action and of its arguments, in the block form
//! (`create register { accept [email]; argument code: String { allow_nil: false } }`)
//! and the attribute form (`#[action(create, register, accept(email),
//! argument(code: String, allow_nil = false))]`).
//!
//! Every option parses on every action kind; the validator reports the ones
//! that do not apply (`filter` on a create), so the surfaces stay a plain
//! translation of syntax.

use syn::parse::ParseStream;
use syn::{Ident, Result, Token, braced, parenthesized};

use super::changes::parse_change;
use super::constraints::set_constraints;
use super::filter::{parse_filter, parse_filter_call};
use super::pagination::pagination_value;
use super::spelling::{accept, action_kinds, expr, flag, ident_list, parens};
use super::table::{option_table, set_once};
use super::validation::{parse_validate, validation_args};
use super::{Form, ParseCx, Separator, key_separator, values};
use crate::model::{Action, Actions, Argument, Change, FilterExpr, Spanned, UpsertFields, Validation};

option_table! {
    /// `default_accept` and `defaults`, the options of the `actions` section
    /// beside its actions (`#[actions(..)]` in the attribute form).
    pub ACTIONS: Actions, names ACTIONS_OPTIONS;
    "default_accept" => set_once!(default_accept, accept),
    // Listing a kind twice is the validator's to report, with both spans at hand.
    "defaults" => |actions, key, input, cx| {
        actions.defaults.extend(action_kinds(input, key, cx)?);
        Ok(())
    },
}

option_table! {
    pub ACTION: Action, names ACTION_OPTIONS;
    "accept" => set_once!(accept, accept),
    "require_attributes" => |action, key, input, cx| {
        action.require_attributes.extend(ident_list(input, key, cx)?);
        Ok(())
    },
    "primary" => set_once!(primary, flag),
    "argument" => |action, key, input, cx| {
        action.arguments.push(argument(input, key, cx)?);
        Ok(())
    },
    "change" => |action, key, input, cx| {
        action.changes.extend(changes(input, key, cx)?);
        Ok(())
    },
    "validate" => |action, key, input, cx| {
        action.validations.extend(validate(input, key, cx)?);
        Ok(())
    },
    "upsert" => set_once!(upsert, flag),
    "upsert_identity" => set_once!(upsert_identity, upsert_identity),
    "upsert_fields" => |action, key, input, cx| {
        if let Some(fields) = upsert_fields(input, key, cx)? {
            cx.set_once(&mut action.upsert_fields, key, fields);
        }
        Ok(())
    },
    "touch_update_defaults" => set_once!(touch_update_defaults, flag),
    "upsert_condition" => set_once!(upsert_condition, filter),
    "filter" => set_once!(filter, filter),
    "get" => set_once!(get, flag),
    "get_by" => set_once!(get_by, get_by),
    "pagination" => set_once!(pagination, pagination_value),
}

option_table! {
    pub ARGUMENT: Argument, names ARGUMENT_OPTIONS;
    "allow_nil" => set_once!(allow_nil, flag),
    "sensitive" => set_once!(sensitive, flag),
    "default" => set_once!(default, expr),
    "constraints" => |argument, key, input, cx| set_constraints(&mut argument.constraints, key, input, cx),
}

/// `argument name: Type { options }` (block) or `argument(name: Type, options)` (attribute).
fn argument(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Argument> {
    let content;
    let (input, separator) = match cx.form {
        Form::Block => (input, None),
        Form::Attribute => {
            content = parens(input, key, "argument(code: String, allow_nil = false)")?;
            (&content, Some(Separator::Comma))
        }
    };
    let ident: Ident = input.parse()?;
    input
        .parse::<Token![:]>()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type` after `{ident}`")))?;
    let mut argument = Argument::new(ident, input.parse()?);
    if separator.is_some() {
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        ARGUMENT.parse_all(&mut argument, input, cx, Separator::Comma)?;
    } else if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        ARGUMENT.parse_all(&mut argument, &content, cx, Separator::Comma)?;
    }
    Ok(argument)
}

/// `change set_attribute(..)` (block, one change) or `change(set_attribute(..), ..)` (attribute).
fn changes(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<Change>> {
    if cx.form == Form::Block {
        return Ok(parse_change(input, cx)?.into_iter().collect());
    }
    let content = parens(input, key, "change(set_attribute(field, value))")?;
    let mut changes = Vec::new();
    while !content.is_empty() {
        changes.extend(parse_change(&content, cx)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(changes)
}

/// `validate rule(..) { .. }` (block) or `validate(rule(..), on(..))` (attribute).
fn validate(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Option<Validation>> {
    match cx.form {
        Form::Block => parse_validate(input, cx),
        Form::Attribute => validation_args(&parens(input, key, "validate(present(field))")?, cx),
    }
}

/// `upsert_identity: name`; in the attribute form also `upsert_identity(name)`.
fn upsert_identity(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Ident> {
    if cx.form == Form::Attribute && input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return content.parse();
    }
    values::ident(input, key, cx.form)
}

/// `upsert_fields: replace_all` and the other forms of `values::upsert_fields`;
/// in the attribute form also `upsert_fields(a, b)`.
fn upsert_fields(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Option<UpsertFields>> {
    if cx.form == Form::Attribute && input.peek(syn::token::Paren) {
        return Ok(Some(UpsertFields::Replace(ident_list(input, key, cx)?)));
    }
    values::upsert_fields(input, key, cx)
}

/// `get_by: [email]`, spanned at the key.
fn get_by(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Spanned<Vec<Ident>>> {
    Ok(Spanned { value: ident_list(input, key, cx)?, span: key.span() })
}

/// `filter: expr(..)`; in the attribute form also `filter(..)`.
fn filter(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<FilterExpr> {
    if cx.form == Form::Attribute && input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return parse_filter(&content);
    }
    key_separator(input, key, cx.form)?;
    parse_filter_call(input)
}
