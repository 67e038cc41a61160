//! SQLite's spelling of the shared SQL: the storage types, collations and
//! functions the SQLite layer (`data_layer/sqlite/`, which re-exports it)
//! and the migration generator write. Pure text, no driver: it compiles
//! without the `sqlite` feature, so that migrations can be generated in any
//! build.

use crate::data_layer::sql::Dialect;
use crate::info::Type;

/// The name of the collation decimal columns use.
pub const DECIMAL_COLLATION: &str = "decimal";

/// SQLite, as its layer stores values (`data_layer/sqlite/codec.rs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SqliteDialect;

/// The one SQLite dialect the layer compiles with.
pub static SQLITE: SqliteDialect = SqliteDialect;

impl Dialect for SqliteDialect {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn placeholder(&self, _index: usize, sql: &mut String) {
        sql.push('?');
    }

    /// AshSqlite's mapping, with `NOCASE` for ci strings and exact decimals.
    fn column_type(&self, ty: Type) -> (&'static str, Option<&'static str>) {
        match ty {
            Type::String | Type::Atom(_) | Type::Uuid | Type::Date | Type::UtcDatetime | Type::Json => ("TEXT", None),
            Type::CiString => ("TEXT", Some("NOCASE")),
            Type::Decimal => ("TEXT", Some(DECIMAL_COLLATION)),
            Type::Integer | Type::Boolean => ("INTEGER", None),
            Type::Float => ("REAL", None),
        }
    }

    fn case_insensitive_comparison(&self) -> &'static str {
        " COLLATE NOCASE"
    }

    fn decimals_as_text(&self) -> bool {
        true
    }

    fn float_type(&self) -> &'static str {
        "REAL"
    }

    fn boolean_literal(&self, value: bool) -> &'static str {
        if value { "1" } else { "0" }
    }

    fn position_function(&self) -> &'static str {
        "instr"
    }

    fn trimmed_characters(&self) -> &'static str {
        "char(32, 9, 10, 13, 11, 12)"
    }

    fn json_array_aggregate(&self) -> &'static str {
        "json_group_array"
    }

    fn if_null_function(&self) -> &'static str {
        "IFNULL"
    }

    fn nil_key_sentinel(&self) -> &'static str {
        "x''"
    }

    fn no_limit(&self) -> i64 {
        -1
    }
}
