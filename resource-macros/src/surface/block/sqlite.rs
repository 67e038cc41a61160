//! `sqlite { table: "users"; unique_index_names: [([email], "users_email_index")]; }`.

use syn::parse::ParseStream;
use syn::{Ident, Result};

use crate::model::Sqlite;
use crate::surface::common::sqlite::SQLITE;
use crate::surface::common::{ParseCx, Separator};

/// The section's body; `key` is the `sqlite` keyword, whose span the model keeps.
pub fn parse_section(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Sqlite> {
    let mut section = Sqlite::new(key.span());
    SQLITE.parse_all(&mut section, input, cx, Separator::Semicolon)?;
    Ok(section)
}
