//! Parsing helpers both surfaces share: the option-list loop, one option
//! table per section (`table.rs`; `attribute`, `identity`, `action`,
//! `pagination`, `constraints`, `validation`, `relations`, `sqlite`), option
//! values, validation rules, changes and filter expressions.
//!
//! Key/value separators accept both `:` (the block form) and `=` (attribute
//! arguments), so `#[resource]` can hand the inside of `constraints(..)` or
//! `present(..)` to the same functions.

pub mod action;
pub mod attribute;
pub mod changes;
pub mod constraints;
pub mod filter;
pub mod identity;
pub mod names;
pub mod pagination;
pub mod relations;
pub mod rules;
pub mod spelling;
pub mod sqlite;
pub mod table;
pub mod validation;
pub mod values;

use proc_macro2::{Delimiter, TokenTree};
use syn::buffer::Cursor;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Ident, Result, Token};

use crate::errors::Errors;
pub use crate::model::Form;
use crate::model::UnknownOption;

/// State shared by one parse: names the surface did not know (reported by
/// the validator) and errors that need not stop parsing (duplicates).
#[derive(Default)]
pub struct ParseCx {
    pub form: Form,
    pub unknown_options: Vec<UnknownOption>,
    pub errors: Errors,
}

impl ParseCx {
    pub fn new(form: Form) -> Self {
        ParseCx { form, ..ParseCx::default() }
    }

    pub fn unknown(&mut self, ident: Ident, expected: &'static [&'static str]) {
        self.unknown_options.push(UnknownOption { ident, expected });
    }

    /// Stores an option's value, reporting a second occurrence.
    pub fn set_once<T>(&mut self, slot: &mut Option<T>, key: &Ident, value: T) {
        if slot.is_some() {
            self.errors.error(key.span(), format_args!("duplicate option `{key}`; remove one of them"));
        }
        *slot = Some(value);
    }

    /// Stores the section `sqlite { .. }` or `postgres { .. }` (one option
    /// table, two names): given twice, or under both names, is an error.
    pub fn sql_section<T>(&mut self, slot: &mut Option<T>, key: &Ident, value: T) {
        if slot.is_some() {
            self.errors.error(key.span(), sql_section_twice(key));
        }
        *slot = Some(value);
    }

    /// Remembers the name of the attribute surface's SQL section helper:
    /// `#[sqlite(..)]` may repeat, but not beside `#[postgres(..)]`.
    pub fn sql_section_name(&mut self, seen: &mut Option<Ident>, key: &Ident) {
        match seen {
            Some(first) if first != key => self.errors.error(key.span(), sql_section_twice(key)),
            Some(_) => {}
            None => *seen = Some(key.clone()),
        }
    }
}

/// The error of a second SQL section.
fn sql_section_twice(key: &Ident) -> String {
    format!(
        "a second SQL section `{key}`; `sqlite` and `postgres` take the same options (the table, \
         references, indexes, ..) and a resource has one of them: remove one"
    )
}

/// What an entry handler made of the name it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The handler parsed the entry.
    Known,
    /// Not a name valid here: recorded and its value skipped.
    Unknown,
}

/// How entries of a list are separated, for the error message only: both
/// `,` and `;` are accepted everywhere.
#[derive(Debug, Clone, Copy)]
pub enum Separator {
    Comma,
    Semicolon,
}

/// Parses `name ..value..` entries until the end of `input`.
///
/// An entry ends with `,` or `;`, or with a `{ .. }` block, or at the end of
/// the input. `handle` is given the outer attributes and the name and parses
/// the rest of the entry; when it answers `Unknown`, the name is recorded
/// with `expected` and its value skipped, so parsing goes on.
pub fn parse_entries(
    input: ParseStream,
    cx: &mut ParseCx,
    expected: &'static [&'static str],
    separator: Separator,
    mut handle: impl FnMut(Vec<SynAttribute>, Ident, ParseStream, &mut ParseCx) -> Result<Entry>,
) -> Result<()> {
    while !input.is_empty() {
        let attrs = input.call(SynAttribute::parse_outer)?;
        let start = input.cursor();
        let name = input
            .call(Ident::parse_any)
            .map_err(|error| syn::Error::new(error.span(), format_args!("expected one of {}", list(expected))))?;
        ash_question_mark(input, &name, expected, cx)?;
        if handle(attrs, name.clone(), input, cx)? == Entry::Unknown {
            cx.unknown(name, expected);
            skip_value(input)?;
        }
        if input.is_empty() {
            break;
        }
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        } else if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        } else if !ends_with_block(start, input.cursor()) {
            return Err(input.error(match separator {
                Separator::Comma => "expected `,`",
                Separator::Semicolon => "expected `;`",
            }));
        }
    }
    Ok(())
}

/// Ash's `allow_nil?`, `public?`, `upsert?`: the option without the `?`.
/// Reported at the `?`, which is skipped so that the entry still parses.
fn ash_question_mark(input: ParseStream, name: &Ident, expected: &[&str], cx: &mut ParseCx) -> Result<()> {
    if input.peek(Token![?]) && expected.iter().any(|known| name == known) {
        let question: Token![?] = input.parse()?;
        cx.errors.error(question.span, format_args!("write `{name}` (no `?`: Ash's `{name}?`)"));
    }
    Ok(())
}

/// A name in a list, `read`; Ash's atom `:read` is an error at the `:`.
pub fn list_name(input: ParseStream) -> Result<Ident> {
    if input.peek(Token![:]) && !input.peek(Token![::]) {
        let colon: Token![:] = input.parse()?;
        let name = input.call(Ident::parse_any)?;
        return Err(syn::Error::new(colon.span, format_args!("write `{name}` (no `:`: Ash's atom `:{name}`)")));
    }
    input.parse()
}

/// What both surfaces do once a resource is parsed: add the attributes
/// that `belongs_to` relationships define.
pub fn finish(resource: &mut crate::model::Resource) {
    relations::add_belongs_to_attributes(resource);
}

/// Rejects outer attributes where the model has no room for them.
pub fn no_attributes(attrs: &[SynAttribute], cx: &mut ParseCx) {
    for attr in attrs {
        cx.errors.push(syn::Error::new_spanned(
            attr,
            "doc comments and attributes are only carried over on the resource and its attributes; remove this one",
        ));
    }
}

/// Consumes the optional `:` or `=` between a name and its value. It is
/// required before a plain value; before a list, a block, or `*` it may be
/// left out (`accept [a, b]`). The error names the surface's own separator.
pub fn key_separator(input: ParseStream, key: &Ident, form: Form) -> Result<()> {
    if input.peek(Token![:]) && !input.peek(Token![::]) {
        input.parse::<Token![:]>()?;
    } else if input.peek(Token![=]) && !input.peek(Token![==]) {
        input.parse::<Token![=]>()?;
    } else if !(input.peek(syn::token::Bracket)
        || input.peek(syn::token::Brace)
        || input.peek(syn::token::Paren)
        || input.peek(Token![*]))
    {
        let separator = match form {
            Form::Block => ":",
            Form::Attribute => "=",
        };
        return Err(input.error(format_args!("expected `{separator}` after `{key}`")));
    }
    Ok(())
}

/// Skips the value of an unknown entry: up to the next top-level `,` or `;`,
/// or through the first `{ .. }` block, whichever comes first.
fn skip_value(input: ParseStream) -> Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            match &tree {
                TokenTree::Punct(punct) if matches!(punct.as_char(), ',' | ';') => break,
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                    rest = next;
                    break;
                }
                _ => rest = next,
            }
        }
        Ok(((), rest))
    })
}

/// Whether the tokens from `start` to `end` finish with a `{ .. }` group.
fn ends_with_block(start: Cursor, end: Cursor) -> bool {
    let mut cursor = start;
    let mut last_was_block = false;
    while cursor != end {
        let Some((tree, next)) = cursor.token_tree() else { break };
        last_was_block = matches!(&tree, TokenTree::Group(group) if group.delimiter() == Delimiter::Brace);
        cursor = next;
    }
    last_was_block
}

/// `` `a`, `b` or `c` `` for messages.
pub fn list(names: &[&str]) -> String {
    join(names, "or")
}

/// `` `a`, `b` and `c` `` for messages.
pub fn list_all(names: &[&str]) -> String {
    join(names, "and")
}

fn join(names: &[&str], conjunction: &str) -> String {
    match names {
        [] => String::new(),
        [only] => format!("`{only}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|name| format!("`{name}`")).collect();
            format!("{} {conjunction} `{last}`", init.join(", "))
        }
    }
}
