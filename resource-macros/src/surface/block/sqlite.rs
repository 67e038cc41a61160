//! `sqlite { table: "users"; }`.

use syn::parse::ParseStream;
use syn::{Ident, Result};

use crate::model::Sqlite;
use crate::surface::common::names::SQLITE_OPTIONS;
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries, values};

/// The section's body; `key` is the `sqlite` keyword, whose span the model keeps.
pub fn parse_section(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Sqlite> {
    let mut sqlite = Sqlite { table: None, span: key.span() };
    parse_entries(input, cx, SQLITE_OPTIONS, Separator::Semicolon, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        match key.to_string().as_str() {
            "table" => cx.set_once(&mut sqlite.table, &key, values::string(input, &key)?),
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })?;
    Ok(sqlite)
}
