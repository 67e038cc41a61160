//! `sqlite { table: "users"; unique_index_names: [([email], "users_email_index")]; }`.

use syn::parse::ParseStream;
use syn::{Ident, Result};

use crate::model::Sqlite;
use crate::surface::common::names::SQLITE_OPTIONS;
use crate::surface::common::{ParseCx, Separator, no_attributes, parse_entries, sqlite};

/// The section's body; `key` is the `sqlite` keyword, whose span the model keeps.
pub fn parse_section(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Sqlite> {
    let mut section = Sqlite::new(key.span());
    parse_entries(input, cx, SQLITE_OPTIONS, Separator::Semicolon, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        sqlite::option(&mut section, &key, input, cx)
    })?;
    Ok(section)
}
