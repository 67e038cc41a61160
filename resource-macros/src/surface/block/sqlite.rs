//! `sqlite { table: "users"; unique_index_names: [([email], "users_email_index")]; }`.

use syn::Result;
use syn::parse::ParseStream;

use crate::model::Sqlite;
use crate::surface::common::sqlite::SQLITE;
use crate::surface::common::{ParseCx, Separator};

/// The section's body.
pub fn parse_section(input: ParseStream, cx: &mut ParseCx) -> Result<Sqlite> {
    let mut section = Sqlite::new();
    SQLITE.parse_all(&mut section, input, cx, Separator::Semicolon)?;
    Ok(section)
}
