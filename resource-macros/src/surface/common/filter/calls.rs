//! Function calls in the expression language: the table of functions and
//! their arities, `exists(..)`, `fragment(..)`, and the checked arguments
//! (time units, the UTC zone).

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Lit, LitStr, Result, Token, parenthesized};

use super::{dotted, list_or_pinned, or, pinned};
use crate::errors::did_you_mean;
use crate::model::{FilterExpr, FilterFn};

/// The functions by name, with their arity (at least, at most). Aliases
/// carry Ash's names (`string_downcase`, `string_length`).
const FUNCTIONS: &[(&str, FilterFn, usize, Option<usize>)] = &[
    ("like", FilterFn::Like, 2, Some(2)),
    ("ilike", FilterFn::ILike, 2, Some(2)),
    ("contains", FilterFn::Contains, 2, Some(2)),
    ("lower", FilterFn::Lower, 1, Some(1)),
    ("string_downcase", FilterFn::Lower, 1, Some(1)),
    ("upper", FilterFn::Upper, 1, Some(1)),
    ("string_upcase", FilterFn::Upper, 1, Some(1)),
    ("length", FilterFn::Length, 1, Some(1)),
    ("string_length", FilterFn::Length, 1, Some(1)),
    ("string_join", FilterFn::StringJoin, 1, Some(2)),
    ("concat", FilterFn::Concat, 1, None),
    ("string_trim", FilterFn::Trim, 1, Some(1)),
    ("string_starts_with", FilterFn::StartsWith, 2, Some(2)),
    ("string_ends_with", FilterFn::EndsWith, 2, Some(2)),
    ("rem", FilterFn::Rem, 2, Some(2)),
    ("is_distinct_from", FilterFn::IsDistinctFrom, 2, Some(2)),
    ("count_nils", FilterFn::CountNils, 1, Some(1)),
    ("now", FilterFn::Now, 0, Some(0)),
    ("today", FilterFn::Today, 0, Some(0)),
    ("string_position", FilterFn::StringPosition, 2, Some(2)),
    ("string_split", FilterFn::StringSplit, 1, Some(2)),
    ("round", FilterFn::Round, 1, Some(2)),
    ("minus", FilterFn::Minus, 1, Some(1)),
    ("at", FilterFn::At, 2, Some(2)),
    ("get_path", FilterFn::GetPath, 2, Some(2)),
    ("ago", FilterFn::Ago, 2, Some(2)),
    ("from_now", FilterFn::FromNow, 2, Some(2)),
    ("datetime_add", FilterFn::DatetimeAdd, 3, Some(3)),
    ("date_add", FilterFn::DateAdd, 3, Some(3)),
    ("start_of_day", FilterFn::StartOfDay, 1, Some(2)),
    ("error", FilterFn::Error, 1, Some(1)),
];

/// Ash's time units (`:duration_name`), for `ago`, `from_now`,
/// `datetime_add` and `date_add`.
const TIME_UNITS: &[&str] = &["year", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"];

/// The time zones `start_of_day` takes as its second argument (UTC only).
const UTC_NAMES: &[&str] = &["Etc/UTC", "UTC"];

/// Every function name, for "unknown function" messages.
const FUNCTION_NAMES: &[&str] = &[
    "is_nil",
    "like",
    "ilike",
    "contains",
    "lower",
    "upper",
    "length",
    "string_join",
    "concat",
    "string_trim",
    "string_starts_with",
    "string_ends_with",
    "rem",
    "is_distinct_from",
    "count_nils",
    "if",
    "now",
    "today",
    "string_position",
    "string_split",
    "round",
    "minus",
    "at",
    "get_path",
    "ago",
    "from_now",
    "datetime_add",
    "date_add",
    "start_of_day",
    "error",
    "cond",
    "fragment",
    "exists",
    "parent",
];

/// `name(args..)`, with `name` already parsed.
pub(super) fn call(input: ParseStream, name: Ident) -> Result<FilterExpr> {
    let content;
    parenthesized!(content in input);
    let span = name.span();
    let text = name.to_string();
    if text == "fragment" {
        return fragment(&content, span);
    }
    if text == "exists" {
        return exists(&content, span);
    }
    if text == "parent" {
        if content.is_empty() {
            return Err(syn::Error::new(span, "`parent` takes 1 argument, got 0"));
        }
        let inner = or(&content)?;
        if !content.is_empty() {
            return Err(content.error("`parent` takes one expression: `parent(field)`"));
        }
        return Ok(FilterExpr::Parent(Box::new(inner), span));
    }
    let (function, min, max) = match text.as_str() {
        "is_nil" | "not" => (None, 1, Some(1)),
        _ => match FUNCTIONS.iter().find(|(known, ..)| *known == text) {
            Some(&(_, function, min, max)) => (Some(function), min, max),
            None => return Err(unknown_function(&name)),
        },
    };
    let mut args = Vec::new();
    while !content.is_empty() {
        let arg = if function == Some(FilterFn::StringJoin) && args.is_empty() {
            list_or_pinned(&content, "string_join(")?
        } else if function == Some(FilterFn::CountNils) {
            list_or_pinned(&content, "count_nils(")?
        } else if function == Some(FilterFn::GetPath) && args.len() == 1 {
            list_or_pinned(&content, "get_path(json, ")?
        } else if function.and_then(unit_argument) == Some(args.len()) {
            time_unit(&content)?
        } else if function == Some(FilterFn::StartOfDay) && args.len() == 1 {
            utc_zone(&content)?
        } else {
            or(&content)?
        };
        args.push(arg);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    check_arity(&text, span, args.len(), min, max)?;
    Ok(match function {
        Some(FilterFn::Minus) => FilterExpr::Neg(Box::new(args.remove(0))),
        Some(function) => FilterExpr::Call(function, span, args),
        None if text == "not" => FilterExpr::Not(Box::new(args.remove(0))),
        None => FilterExpr::IsNil(Box::new(args.remove(0))),
    })
}

/// The index of a function's time unit argument.
fn unit_argument(function: FilterFn) -> Option<usize> {
    match function {
        FilterFn::Ago | FilterFn::FromNow => Some(1),
        FilterFn::DatetimeAdd | FilterFn::DateAdd => Some(2),
        _ => None,
    }
}

/// A time unit: `day`, Ash's atom `:day`, or `"day"` (a string literal
/// `Lit`), checked against [`TIME_UNITS`]; or a pinned `^unit`, checked when
/// the expression runs.
fn time_unit(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(Token![^]) {
        return pinned(input).map(FilterExpr::Pinned);
    }
    let atom = input.parse::<Option<Token![:]>>()?.is_some();
    let (name, span) = if input.peek(LitStr) && !atom {
        let lit: LitStr = input.parse()?;
        (lit.value(), lit.span())
    } else if input.peek(Ident::peek_any) {
        let ident: Ident = input.call(Ident::parse_any)?;
        (ident.to_string(), ident.span())
    } else {
        return Err(input.error(format_args!(
            "expected a time unit: one of {}, written `day`, `:day` or `\"day\"`",
            TIME_UNITS.join(", ")
        )));
    };
    if !TIME_UNITS.contains(&name.as_str()) {
        let hint = match did_you_mean(&name, TIME_UNITS.iter().copied()) {
            Some(known) => format!("did you mean `{known}`? "),
            None => String::new(),
        };
        return Err(syn::Error::new(
            span,
            format_args!("unknown time unit `{name}`; {hint}the units are: {}", TIME_UNITS.join(", ")),
        ));
    }
    Ok(FilterExpr::Lit(Lit::Str(LitStr::new(&name, span))))
}

/// `start_of_day`'s time zone: a string literal naming UTC (the only one
/// supported), or a pinned `^zone`, checked when the expression runs.
fn utc_zone(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(Token![^]) {
        return pinned(input).map(FilterExpr::Pinned);
    }
    let zone: LitStr = input.parse().map_err(|error| {
        syn::Error::new(error.span(), "`start_of_day` takes a time zone as a string literal: \"Etc/UTC\"")
    })?;
    if !UTC_NAMES.contains(&zone.value().as_str()) {
        return Err(syn::Error::new(
            zone.span(),
            format_args!(
                "`start_of_day` supports only the time zone \"Etc/UTC\" (or \"UTC\"), not {:?}: datetimes are UTC",
                zone.value()
            ),
        ));
    }
    Ok(FilterExpr::Lit(Lit::Str(zone)))
}

fn unknown_function(name: &Ident) -> syn::Error {
    let text = name.to_string();
    let known = FUNCTION_NAMES.iter().copied().chain(FUNCTIONS.iter().map(|(known, ..)| *known));
    let hint = match did_you_mean(&text, known) {
        Some(known) => format!("did you mean `{known}`? "),
        None => String::new(),
    };
    let list: Vec<String> = FUNCTION_NAMES.iter().map(|name| format!("`{name}`")).collect();
    syn::Error::new(
        name.span(),
        format_args!("unknown function `{text}` in an expression; {hint}the functions are: {}", list.join(", ")),
    )
}

pub(super) fn check_arity(name: &str, span: Span, given: usize, min: usize, max: Option<usize>) -> Result<()> {
    if given >= min && max.is_none_or(|max| given <= max) {
        return Ok(());
    }
    let arguments = |n: usize| format!("{n} argument{}", if n == 1 { "" } else { "s" });
    let expected = match max {
        Some(max) if max == min => arguments(min),
        Some(max) => format!("{min} or {}", arguments(max)),
        None => format!("at least {}", arguments(min)),
    };
    Err(syn::Error::new(span, format_args!("`{name}` takes {expected}, got {given}")))
}

/// `exists(tickets, status == "open")` or `exists(tickets.tags)`: a
/// relationship path and an optional filter over its destination.
pub(super) fn exists(content: ParseStream, span: Span) -> Result<FilterExpr> {
    let first: Ident = content.parse().map_err(|_| {
        syn::Error::new(span, "`exists` takes a relationship first: `exists(tickets, status == \"open\")`")
    })?;
    let path = if content.peek(Token![.]) { dotted(content, first)? } else { vec![first] };
    let mut filter = None;
    if content.parse::<Option<Token![,]>>()?.is_some() && !content.is_empty() {
        filter = Some(Box::new(or(content)?));
        content.parse::<Option<Token![,]>>()?;
    }
    if !content.is_empty() {
        return Err(
            content.error("`exists` takes a relationship and one filter: `exists(tickets, status == \"open\")`")
        );
    }
    Ok(FilterExpr::Exists(path, filter, span))
}

/// `fragment("sql ? ?", args..)`: the SQL is a string literal with one `?`
/// per argument (`\?` is a literal question mark).
pub(super) fn fragment(content: ParseStream, span: Span) -> Result<FilterExpr> {
    if !content.peek(LitStr) {
        return Err(syn::Error::new(
            if content.is_empty() { span } else { content.span() },
            "`fragment` takes a string literal of SQL first: `fragment(\"lower(?)\", name)`",
        ));
    }
    let sql: LitStr = content.parse()?;
    let mut args = Vec::new();
    while !content.is_empty() {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        args.push(or(content)?);
    }
    let placeholders = placeholders(&sql.value());
    if placeholders != args.len() {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        return Err(syn::Error::new(
            sql.span(),
            format_args!(
                "this fragment has {} but is given {}",
                plural(placeholders, "`?` placeholder"),
                plural(args.len(), "argument")
            ),
        ));
    }
    Ok(FilterExpr::Fragment(sql, args))
}

/// The `?` placeholders of a fragment's SQL; a `?` after a backslash is not one.
fn placeholders(sql: &str) -> usize {
    let mut count = 0;
    let mut previous = None;
    for c in sql.chars() {
        if c == '?' && previous != Some('\\') {
            count += 1;
        }
        previous = Some(c);
    }
    count
}
