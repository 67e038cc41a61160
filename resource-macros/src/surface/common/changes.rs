//! Changes an action runs: the built-in `set_attribute(attr, value)` and
//! `set_new_attribute(attr, value)`, and custom ones, a Rust value of a type
//! implementing `resource::Change` (`Slugify { from: "title" }`,
//! `Slugify::new("title")`, `Stamp`) or a function's path (`slugify_title`).
//! The `changes` section's entries add `on [create, update]`.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Expr, Ident, Result, Token, parenthesized};

use super::names::CHANGES;
use super::rules::VALIDATIONS;
use super::spelling::action_kinds;
use super::{Form, ParseCx};
use crate::model::{Change, ChangeValue, ResourceChange};

/// The options of a change of the `changes` section, after the change.
const CHANGE_OPTIONS: &[&str] = &["on"];

/// Whether `input` starts a custom change or validation (a Rust value)
/// rather than a built-in's `name(..)`: a path of several segments, a name
/// that starts in upper case (a type), or a lower-case name without
/// arguments (a function). A lower-case `name(..)` is a built-in, so a
/// misspelt one gets "did you mean".
pub fn is_custom(input: ParseStream) -> bool {
    let fork = input.fork();
    if fork.peek(Token![::]) || fork.peek(Token![<]) {
        return true;
    }
    let Ok(first) = fork.call(Ident::parse_any) else { return false };
    let name = first.unraw().to_string();
    if VALIDATIONS.contains(&name.as_str()) || CHANGES.contains(&name.as_str()) {
        return false;
    }
    fork.peek(Token![::]) || name.starts_with(|c: char| c.is_ascii_uppercase()) || !fork.peek(syn::token::Paren)
}

/// Parses `name(attr, value)` or a custom change. `None` when a built-in's
/// name is unknown: it is recorded and its arguments skipped.
pub fn parse_change(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Change>> {
    if is_custom(input) {
        return Ok(Some(Change::Custom(input.parse()?)));
    }
    let name: Ident = input.parse()?;
    let is_new = match name.to_string().as_str() {
        "set_attribute" => false,
        "set_new_attribute" => true,
        _ => {
            cx.unknown(name, CHANGES);
            if input.peek(syn::token::Paren) {
                input.parse::<proc_macro2::Group>()?;
            }
            return Ok(None);
        }
    };
    let content;
    parenthesized!(content in input);
    let attribute: Ident = content.parse()?;
    content.parse::<Token![,]>()?;
    let value = change_value(content.parse()?);
    content.parse::<Option<Token![,]>>()?;
    if !content.is_empty() {
        return Err(content.error("expected `)`: a change takes an attribute and a value"));
    }
    Ok(Some(if is_new {
        Change::SetNewAttribute { attribute, value }
    } else {
        Change::SetAttribute { attribute, value }
    }))
}

/// A change of the `changes` section: `change X on [create]` (block) or
/// `#[change(X, on(create))]` (attribute).
pub fn resource_change(input: ParseStream, cx: &mut ParseCx) -> Result<Option<ResourceChange>> {
    let change = parse_change(input, cx)?;
    if cx.form == Form::Attribute && input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    let mut on = None;
    if input.peek(Ident::peek_any) {
        let key = input.call(Ident::parse_any)?;
        if key == "on" {
            on = Some(action_kinds(input, &key, cx)?);
        } else {
            // Reported by the validator with a suggestion, as other options are.
            cx.unknown(key, CHANGE_OPTIONS);
            super::skip_value(input)?;
        }
    }
    if cx.form == Form::Attribute {
        input.parse::<Option<Token![,]>>()?;
    }
    Ok(change.map(|change| ResourceChange { change, on }))
}

/// `arg(name)` reads an argument of the action; any other expression is a value.
fn change_value(expr: Expr) -> ChangeValue {
    if let Expr::Call(call) = &expr
        && let Expr::Path(function) = &*call.func
        && function.path.is_ident("arg")
        && call.args.len() == 1
        && let Some(Expr::Path(argument)) = call.args.first()
        && let Some(name) = argument.path.get_ident()
    {
        return ChangeValue::Argument(name.clone());
    }
    ChangeValue::Expr(expr)
}
