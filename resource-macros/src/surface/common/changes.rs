//! Changes an action runs: `set_attribute(attr, value)`, `set_new_attribute(attr, value)`.

use syn::parse::ParseStream;
use syn::{Expr, Ident, Result, Token, parenthesized};

use super::ParseCx;
use super::names::CHANGES;
use crate::model::{Change, ChangeValue};

/// Parses `name(attr, value)`. `None` when the change is unknown: it is
/// recorded and its arguments skipped.
pub fn parse_change(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Change>> {
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
