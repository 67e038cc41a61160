//! Type constraints: `constraints { min_length: 1, max_length: 100, match: "^[a-z]+$" }`,
//! in the attribute form `constraints(max_length = 100, r#match = "..", trim)`.
//! Whether a constraint fits the type is the validator's business.

use syn::parse::ParseStream;
use syn::{Ident, Result, braced, parenthesized};

use super::spelling::{count, flag, ident_list, string};
use super::table::{option_table, set_once};
use super::{ParseCx, Separator, key_separator, values};
use crate::model::{Constraints, NumberLit};

fn number(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<NumberLit> {
    values::number(input, key, cx.form)
}

option_table! {
    /// Ash's type constraints (`match` is stored as `pattern`).
    pub CONSTRAINT: Constraints, names CONSTRAINTS;
    "min_length" => set_once!(min_length, count),
    "max_length" => set_once!(max_length, count),
    "match" => set_once!(pattern, string),
    "trim" => set_once!(trim, flag),
    "allow_empty" => set_once!(allow_empty, flag),
    "min" => set_once!(min, number),
    "max" => set_once!(max, number),
    "greater_than" => set_once!(greater_than, number),
    "less_than" => set_once!(less_than, number),
    "load" => set_once!(load, ident_list),
}

/// The value of a `constraints` option: `{ .. }` or `( .. )`, after an
/// optional separator.
pub fn constraints_value(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Constraints> {
    key_separator(input, key, cx.form)?;
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        braced!(content in input);
    }
    let mut constraints = Constraints { span: Some(key.span()), ..Constraints::default() };
    CONSTRAINT.parse_all(&mut constraints, &content, cx, Separator::Comma)?;
    Ok(constraints)
}

/// `constraints` as an option of an attribute or argument: a second one is
/// reported, the last one kept.
pub fn set_constraints(slot: &mut Constraints, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<()> {
    let constraints = constraints_value(input, key, cx)?;
    if slot.span.is_some() {
        cx.errors.error(key.span(), "duplicate option `constraints`; remove one of them");
    }
    *slot = constraints;
    Ok(())
}
