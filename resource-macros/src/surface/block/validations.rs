//! `validations { validate present([a, b], at_least: 1) { message: ".." }; }` and
//! `changes { change Slugify { from: "title" } on [create]; }`.

use syn::Result;
use syn::parse::ParseStream;

use crate::model::{ResourceChange, Validation};
use crate::surface::common::changes::resource_change;
use crate::surface::common::names::{CHANGE_KEYWORDS, VALIDATION_KEYWORDS};
use crate::surface::common::validation::parse_validate;
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries};

pub fn parse_section(input: ParseStream, validations: &mut Vec<Validation>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, VALIDATION_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        if keyword != "validate" {
            return Ok(Entry::Unknown);
        }
        no_attributes(&attrs, cx);
        validations.extend(parse_validate(input, cx)?);
        Ok(Entry::Known)
    })
}

pub fn parse_changes(input: ParseStream, changes: &mut Vec<ResourceChange>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, CHANGE_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        if keyword != "change" {
            return Ok(Entry::Unknown);
        }
        no_attributes(&attrs, cx);
        changes.extend(resource_change(input, cx)?);
        Ok(Entry::Known)
    })
}
