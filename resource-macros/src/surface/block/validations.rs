//! `validations { validate present([a, b], at_least: 1) { message: ".." }; }`,
//! and the `validate` statement that actions share.

use syn::parse::ParseStream;
use syn::{Result, braced};

use crate::model::Validation;
use crate::surface::common::names::VALIDATION_KEYWORDS;
use crate::surface::common::rules::{parse_rule, parse_validation_options};
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

/// `rule(args) { options }` after `validate`; `None` for an unknown rule
/// (recorded by `parse_rule`), whose options are skipped.
pub fn parse_validate(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Validation>> {
    let Some((rule, span)) = parse_rule(input, cx)? else {
        if input.peek(syn::token::Brace) {
            input.parse::<proc_macro2::Group>()?;
        }
        return Ok(None);
    };
    let mut validation = Validation { rule, span, on: None, message: None };
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        parse_validation_options(&content, &mut validation, cx)?;
    }
    Ok(Some(validation))
}
