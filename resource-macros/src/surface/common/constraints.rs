//! Type constraints: `constraints { min_length: 1, max_length: 100, match: "^[a-z]+$" }`.
//! Whether a constraint fits the type is the validator's business.

use syn::parse::ParseStream;
use syn::{Ident, Result, braced, parenthesized};

use super::names::CONSTRAINTS;
use super::{Entry, ParseCx, Separator, key_separator, parse_entries, values};
use crate::model::Constraints;

/// The value of a `constraints` option: `{ .. }` (or `( .. )`), after an
/// optional separator.
pub fn constraints_value(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Constraints> {
    key_separator(input, key)?;
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        braced!(content in input);
    }
    parse_constraints(&content, key, cx)
}

/// Constraints up to the end of `input`; `key` is the `constraints` keyword.
pub fn parse_constraints(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Constraints> {
    let mut constraints = Constraints { span: Some(key.span()), ..Constraints::default() };
    parse_entries(input, cx, CONSTRAINTS, Separator::Comma, |attrs, name, input, cx| {
        super::no_attributes(&attrs, cx);
        parse_constraint(&name, input, &mut constraints, cx)
    })?;
    Ok(constraints)
}

/// One constraint, after its name.
pub fn parse_constraint(
    key: &Ident,
    input: ParseStream,
    constraints: &mut Constraints,
    cx: &mut ParseCx,
) -> Result<Entry> {
    match key.to_string().as_str() {
        "min_length" => cx.set_once(&mut constraints.min_length, key, values::count(input, key)?),
        "max_length" => cx.set_once(&mut constraints.max_length, key, values::count(input, key)?),
        "match" => cx.set_once(&mut constraints.pattern, key, values::string(input, key)?),
        "trim" => cx.set_once(&mut constraints.trim, key, values::flag(input, key)?),
        "allow_empty" => cx.set_once(&mut constraints.allow_empty, key, values::flag(input, key)?),
        "min" => cx.set_once(&mut constraints.min, key, values::number(input, key)?),
        "max" => cx.set_once(&mut constraints.max, key, values::number(input, key)?),
        "greater_than" => cx.set_once(&mut constraints.greater_than, key, values::number(input, key)?),
        "less_than" => cx.set_once(&mut constraints.less_than, key, values::number(input, key)?),
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}
