//! What differs between SQL databases, as far as the shared compiler is
//! concerned: each SQL data layer implements [`Dialect`] once (SQLite:
//! `data_layer/sqlite/dialect.rs`), and the expression compiler, the
//! relationship subqueries, the statements and the DDL ask it instead of
//! spelling SQLite. (diesel's `SqlDialect` and toasty's `Dialect` play the
//! same part.)

use crate::info::{DataLayerKind, Type};

/// The SQL spelling of one database.
pub trait Dialect: Send + Sync + 'static {
    /// A short name, unique per dialect (statement texts are cached by it).
    fn name(&self) -> &'static str;

    /// Appends the placeholder of the `index`th (1-based) bound parameter of
    /// a statement: `?` (SQLite), `$3` (PostgreSQL).
    fn placeholder(&self, index: usize, sql: &mut String);

    /// `"name"`, with inner quotes doubled: a quoted identifier.
    fn quote_ident(&self, name: &str) -> String {
        format!("\"{}\"", name.replace('"', "\"\""))
    }

    /// The storage type of an attribute type, and the collation its column
    /// is declared with (SQLite: `TEXT`, `NOCASE` for a ci string).
    fn column_type(&self, ty: Type) -> (&'static str, Option<&'static str>);

    /// What a comparison involving a ci string is followed by so that it
    /// ignores case (SQLite: ` COLLATE NOCASE`); empty where the type does
    /// it itself (PostgreSQL's `citext`).
    fn case_insensitive_comparison(&self) -> &'static str;

    /// Whether decimals are stored as text (exact, but computed with after
    /// a cast to [`Dialect::float_type`]); `false` where the database has an
    /// exact numeric type.
    fn decimals_as_text(&self) -> bool;

    /// The type a true division and text decimals are cast to: `REAL`.
    fn float_type(&self) -> &'static str;

    /// How booleans read in SQL: `1`/`0` (SQLite stores integers), `true`/`false`.
    fn boolean_literal(&self, value: bool) -> &'static str;

    /// The function giving the 1-based position of a text in another, 0 if absent: `instr`.
    fn position_function(&self) -> &'static str;

    /// The characters `string_trim` removes, as a SQL text expression
    /// (space, tab, line feed, carriage return, vertical tab, form feed).
    fn trimmed_characters(&self) -> &'static str;

    /// The aggregate collecting values into a JSON array: `json_group_array`.
    fn json_array_aggregate(&self) -> &'static str;

    /// The function giving its first non-NULL argument in an index
    /// expression: `IFNULL`.
    fn if_null_function(&self) -> &'static str;

    /// A value no stored value equals, which a nullable key of a
    /// `nils_distinct: false` identity is indexed as when nil (SQLite: the
    /// empty blob `x''`).
    fn nil_key_sentinel(&self) -> &'static str;

    /// How `LIMIT`/`OFFSET` is written when only an offset is given: the
    /// limit bound for "no limit" (SQLite: -1).
    fn no_limit(&self) -> i64;

    /// The column of the row an upsert tried to insert: `excluded."f"`.
    fn excluded(&self, quoted_column: &str) -> String {
        format!("excluded.{quoted_column}")
    }

    /// `'text'`, with inner quotes doubled: a string literal, for the DDL
    /// the migration generator writes (defaults, names of tables as values).
    fn text_literal(&self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }
}

/// The dialect a resource declaring `kind` is written in, for what runs
/// without a connection (the migration generator); `None` for the kinds
/// that are no SQL database.
pub fn dialect_of(kind: DataLayerKind) -> Option<&'static dyn Dialect> {
    match kind {
        DataLayerKind::Sqlite => Some(&super::sqlite_dialect::SQLITE),
        DataLayerKind::Ets | DataLayerKind::Embedded => None,
    }
}
