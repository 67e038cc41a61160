//! Validation rules: `present([a, b], at_least: 1)`, `compare(age, greater_than: 17)`, ..
//! (the options every validation takes are `validation.rs`'s).

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Result, Token, bracketed, parenthesized};

use super::names::{COMPARE_OPTIONS, COUNT_OPTIONS, STRING_LENGTH_OPTIONS};
use super::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};
use crate::model::{CompareOp, Counts, Operand, ValidationRule};

/// Parses `rule(args..)`. `None` when the rule name is unknown: it is
/// recorded and its arguments skipped.
pub fn parse_rule(input: ParseStream, cx: &mut ParseCx) -> Result<Option<ValidationRule>> {
    let name = input.call(Ident::parse_any)?;
    let Some(parse_args) = rule_parser(&name) else {
        cx.unknown(name, VALIDATIONS);
        if input.peek(syn::token::Paren) {
            input.parse::<proc_macro2::Group>()?;
        }
        return Ok(None);
    };
    let content;
    parenthesized!(content in input);
    Ok(Some(parse_args(&content, cx)?))
}

type RuleParser = fn(ParseStream, &mut ParseCx) -> Result<ValidationRule>;

/// Declares the rule table and the list of its names, from one list.
macro_rules! rule_table {
    ($($name:literal => $parse:expr,)*) => {
        const RULES: &[(&str, RuleParser)] = &[$(($name, $parse)),*];
        /// The names of the validation rules, for messages and "did you mean".
        pub const VALIDATIONS: &[&str] = &[$($name),*];
    };
}

rule_table! {
    "present" => present,
    "absent" => absent,
    "string_length" => string_length,
    "compare" => compare,
    "match" => match_pattern,
    "one_of" => one_of,
    "attribute_equals" => attribute_equals,
    "attribute_does_not_equal" => attribute_does_not_equal,
    "confirm" => confirm,
}

fn rule_parser(name: &Ident) -> Option<RuleParser> {
    RULES.iter().find(|(rule, _)| name == rule).map(|(_, parser)| *parser)
}

fn present(input: ParseStream, cx: &mut ParseCx) -> Result<ValidationRule> {
    let (fields, counts) = fields_and_counts(input, cx)?;
    Ok(ValidationRule::Present { fields, counts })
}

fn absent(input: ParseStream, cx: &mut ParseCx) -> Result<ValidationRule> {
    let (fields, counts) = fields_and_counts(input, cx)?;
    Ok(ValidationRule::Absent { fields, counts })
}

fn match_pattern(input: ParseStream, _: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let pattern = positional::<LitStr>(input)?;
    Ok(ValidationRule::Match { field, pattern })
}

fn one_of(input: ParseStream, _: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    input.parse::<Token![,]>()?;
    let content;
    bracketed!(content in input);
    let values = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?.into_iter().collect();
    input.parse::<Option<Token![,]>>()?;
    Ok(ValidationRule::OneOf { field, values })
}

fn attribute_equals(input: ParseStream, _: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let value = positional::<Expr>(input)?;
    Ok(ValidationRule::AttributeEquals { field, value })
}

fn attribute_does_not_equal(input: ParseStream, _: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let value = positional::<Expr>(input)?;
    Ok(ValidationRule::AttributeDoesNotEqual { field, value })
}

fn confirm(input: ParseStream, _: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let confirmation = positional::<Ident>(input)?;
    Ok(ValidationRule::Confirm { field, confirmation })
}

/// `, value` and an optional trailing comma, after the first argument.
fn positional<T: syn::parse::Parse>(input: ParseStream) -> Result<T> {
    input.parse::<Token![,]>()?;
    let value = input.parse()?;
    input.parse::<Option<Token![,]>>()?;
    Ok(value)
}

/// The `key: value` arguments after the positional ones, if any.
fn keyed_args(
    input: ParseStream,
    cx: &mut ParseCx,
    expected: &'static [&'static str],
    handle: impl FnMut(Vec<syn::Attribute>, Ident, ParseStream, &mut ParseCx) -> Result<Entry>,
) -> Result<()> {
    if input.is_empty() {
        return Ok(());
    }
    input.parse::<Token![,]>()?;
    parse_entries(input, cx, expected, Separator::Comma, handle)
}

fn fields_and_counts(input: ParseStream, cx: &mut ParseCx) -> Result<(Vec<Ident>, Counts)> {
    let fields = values::fields(input)?;
    let mut counts = Counts::default();
    keyed_args(input, cx, COUNT_OPTIONS, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        let slot = match key.to_string().as_str() {
            "at_least" => &mut counts.at_least,
            "at_most" => &mut counts.at_most,
            "exactly" => &mut counts.exactly,
            _ => return Ok(Entry::Unknown),
        };
        cx.set_once(slot, &key, values::count(input, &key, cx.form)?);
        Ok(Entry::Known)
    })?;
    Ok((fields, counts))
}

fn string_length(input: ParseStream, cx: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let (mut min, mut max, mut exact) = (None, None, None);
    keyed_args(input, cx, STRING_LENGTH_OPTIONS, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        let slot = match key.to_string().as_str() {
            "min" => &mut min,
            "max" => &mut max,
            "exact" => &mut exact,
            _ => return Ok(Entry::Unknown),
        };
        cx.set_once(slot, &key, values::count(input, &key, cx.form)?);
        Ok(Entry::Known)
    })?;
    Ok(ValidationRule::StringLength { field, min, max, exact })
}

fn compare(input: ParseStream, cx: &mut ParseCx) -> Result<ValidationRule> {
    let field = input.parse()?;
    let mut comparisons = Vec::new();
    keyed_args(input, cx, COMPARE_OPTIONS, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        let op = match key.to_string().as_str() {
            "greater_than" => CompareOp::GreaterThan,
            "greater_than_or_equal_to" => CompareOp::GreaterThanOrEqualTo,
            "less_than" => CompareOp::LessThan,
            "less_than_or_equal_to" => CompareOp::LessThanOrEqualTo,
            "is_equal" => CompareOp::IsEqual,
            _ => return Ok(Entry::Unknown),
        };
        key_separator(input, &key, cx.form)?;
        comparisons.push((op, operand(input)?));
        Ok(Entry::Known)
    })?;
    Ok(ValidationRule::Compare { field, comparisons })
}

/// A lone identifier names another field; anything else is a Rust value.
fn operand(input: ParseStream) -> Result<Operand> {
    if input.peek(Ident) && (input.peek2(Token![,]) || is_last_token(input)) {
        return Ok(Operand::Field(input.parse()?));
    }
    Ok(Operand::Value(input.parse()?))
}

fn is_last_token(input: ParseStream) -> bool {
    input.cursor().token_tree().is_some_and(|(_, rest)| rest.eof())
}
