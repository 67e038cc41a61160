//! The `sqlite` section's options, shared by `sqlite { .. }` and `#[sqlite(..)]`
//! (AshSqlite's `sqlite do .. end`; every option in `docs/sqlite-section.md`):
//!
//! ```text
//! table: "users"
//! repo: HelpdeskRepo
//! migrate: false
//! migration_types: [price: "NUMERIC"]            // attribute form: migration_types(price = "NUMERIC")
//! migration_defaults: [status: "'open'"]
//! migration_ignore_attributes: [legacy]          // migration_ignore_attributes(legacy)
//! base_filter_sql: "archived = 0"
//! skip_unique_indexes: [unique_slug]
//! unique_index_names: [([email], "users_lower_email_index", "is already registered")]
//! identity_index_names: [unique_slug: "posts_slug_index"]
//! foreign_key_names: [(author_id, "posts_author_fkey", "no such author")]
//! exclusion_constraint_names: [(starts_at, "no_overlap")]
//! custom_indexes { .. }  custom_statements { .. }  references { .. }   // sqlite/sections.rs
//! ```
//!
//! A list is `[..]`, or `(..)` right after its name (the attribute form's
//! spelling); both surfaces take both.

mod sections;

use syn::parse::{ParseBuffer, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Result, Token, bracketed, parenthesized};

use super::spelling::{bare_flag, ident_list, string};
use super::table::{option_table, set_once};
use super::values;
use super::{Form, ParseCx, key_separator, list_name};
use crate::model::{KeyName, KeyValue, Sqlite, UniqueIndexName};

pub use sections::{CUSTOM_INDEXES_KEYWORDS, CUSTOM_STATEMENTS_KEYWORDS};

option_table! {
    /// The `sqlite` section's options.
    pub SQLITE: Sqlite, names SQLITE_OPTIONS;
    "table" => set_once!(table, string),
    "repo" => set_once!(repo, |input, key, cx: &mut ParseCx| -> Result<syn::Path> {
        key_separator(input, key, cx.form)?;
        input.parse()
    }),
    "migrate" => set_once!(migrate, bare_flag),
    "migration_types" => |sqlite, key, input, cx| {
        let example = ("price", "NUMERIC");
        sqlite.migration_types.extend(keyword_list(input, key, cx, "the column's SQL type", example)?);
        Ok(())
    },
    "migration_defaults" => |sqlite, key, input, cx| {
        let (what, example) = ("the column's SQL default, written verbatim", ("status", "'open'"));
        sqlite.migration_defaults.extend(keyword_list(input, key, cx, what, example)?);
        Ok(())
    },
    "migration_ignore_attributes" => |sqlite, key, input, cx| {
        sqlite.migration_ignore_attributes.extend(ident_list(input, key, cx)?);
        Ok(())
    },
    "base_filter_sql" => set_once!(base_filter_sql, string),
    "skip_unique_indexes" => |sqlite, key, input, cx| {
        sqlite.skip_unique_indexes.extend(one_or_more_names(input, key, cx)?);
        Ok(())
    },
    "unique_index_names" => |sqlite, key, input, cx| {
        sqlite.unique_index_names.extend(unique_index_names(input, key, cx.form)?);
        Ok(())
    },
    "exclusion_constraint_names" => |sqlite, key, input, cx| {
        sqlite.exclusion_constraint_names.extend(key_names(input, key, cx.form)?);
        Ok(())
    },
    "identity_index_names" => |sqlite, key, input, cx| {
        let example = ("unique_email", "users_email_index");
        sqlite.identity_index_names.extend(keyword_list(input, key, cx, "the index's name", example)?);
        Ok(())
    },
    "foreign_key_names" => |sqlite, key, input, cx| {
        sqlite.foreign_key_names.extend(key_names(input, key, cx.form)?);
        Ok(())
    },
    "polymorphic" => set_once!(polymorphic, bare_flag),
    "custom_indexes" => |sqlite, key, input, cx| sections::custom_indexes(&mut sqlite.custom_indexes, key, input, cx),
    "custom_statements" => |sqlite, key, input, cx| {
        sections::custom_statements(&mut sqlite.custom_statements, key, input, cx)
    },
    "references" => |sqlite, key, input, cx| sections::references(&mut sqlite.references, key, input, cx),
}

/// The inside of a list value, `[..]` or `(..)`, after an optional `:` / `=`.
fn list_content<'a>(input: ParseStream<'a>, key: &Ident, form: Form) -> Result<ParseBuffer<'a>> {
    key_separator(input, key, form)?;
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        bracketed!(content in input);
    }
    Ok(content)
}

/// `[price: "NUMERIC", ..]`, Ash's keyword list `[price: :decimal]` with the
/// SQL as a string; the attribute form's `(price = "NUMERIC", ..)`. Either
/// separator is taken inside either delimiter; messages show the surface's
/// own spelling of `example`.
fn keyword_list(
    input: ParseStream,
    key: &Ident,
    cx: &ParseCx,
    what: &str,
    (example_key, example_value): (&str, &str),
) -> Result<Vec<KeyValue>> {
    let usage = match cx.form {
        Form::Block => format!("`{key}: [{example_key}: \"{example_value}\"]`"),
        Form::Attribute => format!("`{key}({example_key} = \"{example_value}\")`"),
    };
    let content = list_content(input, key, cx.form)?;
    comma_list(&content, |input| {
        let name = list_name(input)?;
        if input.peek(Token![:]) && !input.peek(Token![::]) {
            input.parse::<Token![:]>()?;
        } else if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
        } else {
            let separator = if cx.form == Form::Block { ":" } else { "=" };
            return Err(input.error(format_args!("expected `{separator}` after `{name}`, as in {usage}")));
        }
        let value: LitStr = input.parse().map_err(|error| {
            syn::Error::new(error.span(), format_args!("expected {what} as a string, as in {usage}"))
        })?;
        Ok(KeyValue { key: name, value })
    })
}

/// `[a, b]` (the attribute form also `(a, b)`), or one name alone, as Ash's
/// `atom | list(atom)`.
fn one_or_more_names(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<Ident>> {
    if !input.peek(syn::token::Paren) && !input.peek(syn::token::Bracket) {
        key_separator(input, key, cx.form)?;
        if !input.peek(syn::token::Bracket) {
            return Ok(vec![list_name(input)?]);
        }
    }
    ident_list(input, key, cx)
}

/// `[([a, b], "index_name"), ([c], "index_name", "message")]`, as Ash writes
/// `[{[:a, :b], "index_name"}, {[:c], "index_name", "message"}]`; the
/// attribute surface's list form `unique_index_names(([a], "name"))` too.
fn unique_index_names(input: ParseStream, key: &Ident, form: Form) -> Result<Vec<UniqueIndexName>> {
    let content = list_content(input, key, form)?;
    let entries = Punctuated::<UniqueIndexName, Token![,]>::parse_terminated_with(&content, unique_index_name)?;
    Ok(entries.into_iter().collect())
}

const USAGE: &str = "expected `([keys], \"index_name\")` or `([keys], \"index_name\", \"message\")`";

fn unique_index_name(input: ParseStream) -> Result<UniqueIndexName> {
    let content;
    parenthesized!(content in input);
    let usage = |error: syn::Error| syn::Error::new(error.span(), USAGE);
    let keys = values::ident_list(&content).map_err(usage)?;
    content.parse::<Token![,]>().map_err(usage)?;
    let (name, message) = name_and_message(&content, USAGE)?;
    if keys.is_empty() {
        return Err(syn::Error::new(name.span(), "list the attributes the index is on: `([a, b], \"index_name\")`"));
    }
    Ok(UniqueIndexName { keys, name, message })
}

/// `[(author_id, "fkey_name"), (author_id, "fkey_name", "message")]`, as Ash
/// writes `[{:author_id, "fkey_name"}, ..]`.
fn key_names(input: ParseStream, key: &Ident, form: Form) -> Result<Vec<KeyName>> {
    let content = list_content(input, key, form)?;
    let usage = format!(
        "expected `(attribute, \"constraint_name\")` or `(attribute, \"constraint_name\", \"message\")` in `{key}`"
    );
    comma_list(&content, |input| {
        let error = |error: syn::Error| syn::Error::new(error.span(), &usage);
        let inner;
        parenthesized!(inner in input);
        let key = if inner.peek(Token![:]) { list_name(&inner)? } else { inner.parse().map_err(error)? };
        inner.parse::<Token![,]>().map_err(error)?;
        let (name, message) = name_and_message(&inner, &usage)?;
        Ok(KeyName { key, name, message })
    })
}

/// `item, item, ..` to the end of `content`, a trailing comma allowed.
fn comma_list<T>(content: ParseStream, mut item: impl FnMut(ParseStream) -> Result<T>) -> Result<Vec<T>> {
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(item(content)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(items)
}

/// `"name"` or `"name", "message"`, the end of a tuple.
fn name_and_message(content: ParseStream, usage: &str) -> Result<(LitStr, Option<LitStr>)> {
    let error = |error: syn::Error| syn::Error::new(error.span(), usage);
    let name: LitStr = content.parse().map_err(error)?;
    let mut message = None;
    if content.parse::<Option<Token![,]>>()?.is_some() && !content.is_empty() {
        message = Some(content.parse::<LitStr>().map_err(error)?);
        content.parse::<Option<Token![,]>>()?;
    }
    if !content.is_empty() {
        return Err(content.error(usage));
    }
    Ok((name, message))
}
