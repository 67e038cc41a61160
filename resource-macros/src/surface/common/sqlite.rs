//! The `sqlite` section's options, shared by `sqlite { .. }` and `#[sqlite(..)]`:
//!
//! ```text
//! table: "users"
//! repo: HelpdeskRepo
//! unique_index_names: [([email], "users_lower_email_index", "is already registered")]
//! ```

use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{LitStr, Result, Token, bracketed, parenthesized};

use super::spelling::{bare_flag, string};
use super::table::{option_table, set_once};
use super::values::ident_list;
use super::{ParseCx, key_separator};
use crate::model::{Sqlite, UniqueIndexName};

option_table! {
    /// The `sqlite` section's options.
    pub SQLITE: Sqlite, names SQLITE_OPTIONS;
    "table" => set_once!(table, string),
    "repo" => set_once!(repo, |input, key, _: &mut ParseCx| -> Result<syn::Path> {
        key_separator(input, key)?;
        input.parse()
    }),
    "polymorphic" => set_once!(polymorphic, bare_flag),
    "unique_index_names" => |sqlite, key, input, _| {
        key_separator(input, key)?;
        sqlite.unique_index_names.extend(unique_index_names(input)?);
        Ok(())
    },
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
