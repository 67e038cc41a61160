//! The `sqlite` section's options, shared by `sqlite { .. }` and `#[sqlite(..)]`:
//!
//! ```text
//! table: "users"
//! repo: HelpdeskRepo
//! unique_index_names: [([email], "users_lower_email_index", "is already registered")]
//! ```

use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Result, Token, bracketed, parenthesized};

use super::values::{ident_list, string};
use super::{Entry, ParseCx, key_separator};
use crate::model::{Sqlite, UniqueIndexName};

/// Parses the option `key` into `sqlite`; `Unknown` for a name that is not one.
pub fn option(sqlite: &mut Sqlite, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "table" => cx.set_once(&mut sqlite.table, key, string(input, key)?),
        "polymorphic" => {
            let value = if input.is_empty() || input.peek(syn::Token![,]) || input.peek(syn::Token![;]) {
                crate::model::Flag { value: true, span: key.span() }
            } else {
                super::values::flag(input, key)?
            };
            cx.set_once(&mut sqlite.polymorphic, key, value);
        }
        "repo" => {
            key_separator(input, key)?;
            let repo: syn::Path = input.parse()?;
            cx.set_once(&mut sqlite.repo, key, repo);
        }
        "unique_index_names" => {
            key_separator(input, key)?;
            sqlite.unique_index_names.extend(unique_index_names(input)?);
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// `[([a, b], "index_name"), ([c], "index_name", "message")]`, as Ash writes
/// `[{[:a, :b], "index_name"}, {[:c], "index_name", "message"}]`; the
/// attribute surface's list form `unique_index_names(([a], "name"))` too.
fn unique_index_names(input: ParseStream) -> Result<Vec<UniqueIndexName>> {
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        bracketed!(content in input);
    }
    let entries = Punctuated::<UniqueIndexName, Token![,]>::parse_terminated_with(&content, unique_index_name)?;
    Ok(entries.into_iter().collect())
}

const USAGE: &str = "expected `([keys], \"index_name\")` or `([keys], \"index_name\", \"message\")`";

fn unique_index_name(input: ParseStream) -> Result<UniqueIndexName> {
    let content;
    parenthesized!(content in input);
    let usage = |error: syn::Error| syn::Error::new(error.span(), USAGE);
    let keys = ident_list(&content).map_err(usage)?;
    content.parse::<Token![,]>().map_err(usage)?;
    let name: LitStr = content.parse().map_err(usage)?;
    let mut message = None;
    if content.parse::<Option<Token![,]>>()?.is_some() && !content.is_empty() {
        message = Some(content.parse::<LitStr>().map_err(usage)?);
        content.parse::<Option<Token![,]>>()?;
    }
    if !content.is_empty() {
        return Err(content.error(USAGE));
    }
    if keys.is_empty() {
        return Err(syn::Error::new(name.span(), "list the attributes the index is on: `([a, b], \"index_name\")`"));
    }
    Ok(UniqueIndexName { keys, name, message })
}
