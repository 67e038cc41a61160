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
    /// is declared with (SQLite: `TEXT`, `ci` for a ci string).
    fn column_type(&self, ty: Type) -> (&'static str, Option<&'static str>);

    /// What a comparison involving a ci string is followed by so that it
    /// ignores case (SQLite: ` COLLATE ci`, a collation folding Unicode as
    /// memory does); empty where the type does it itself (PostgreSQL's
    /// `citext`).
    fn case_insensitive_comparison(&self) -> &'static str;

    /// Whether decimals are stored as text (exact), and computed and
    /// compared with the functions of [`Dialect::decimal_function`];
    /// `false` where the database has an exact numeric type.
    fn decimals_as_text(&self) -> bool;

    /// The function computing `function` on decimals stored as text,
    /// exactly, as memory computes them (SQLite: `dec_add`, .., which the
    /// layer registers on every connection). Asked only when
    /// [`Dialect::decimals_as_text`].
    fn decimal_function(&self, function: DecimalFunction) -> &'static str;

    /// The function computing a text function as memory does (Unicode case,
    /// NUL characters): SQLite's own `LOWER`/`UPPER` fold ASCII only, and
    /// its `LIKE`, `length` and `substr` stop at a NUL character.
    fn text_function(&self, function: TextFunction) -> &'static str;

    /// The function computing a datetime function of the expression
    /// language as memory does (`expr::functions::datetime_add`, ..; SQLite:
    /// `dt_add`, .., registered on every connection).
    fn datetime_function(&self, function: DatetimeFunction) -> &'static str;

    /// The type a true division is cast to: `REAL`.
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

/// The decimal functions a dialect with text decimals provides. Each is nil
/// for a nil operand, as in memory; arithmetic is nil on overflow and for a
/// division by zero (`Expr`'s rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalFunction {
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`.
    Div,
    /// -1, 0 or 1: how `a` compares with `b`, numerically.
    Compare,
    /// The decimal as normalised text (`1.50` and `1.5` give `1.5`), so
    /// that text equality is numeric equality.
    Normalize,
    /// The aggregate `sum`.
    Sum,
    /// The aggregate `avg`.
    Avg,
    /// The aggregate `min` (numeric).
    Min,
    /// The aggregate `max` (numeric).
    Max,
    /// `round(a, p)`: `p` places, halves away from zero, trailing zeros dropped.
    Round,
}

impl DecimalFunction {
    /// Every decimal function.
    pub const ALL: [DecimalFunction; 11] = [
        DecimalFunction::Add,
        DecimalFunction::Sub,
        DecimalFunction::Mul,
        DecimalFunction::Div,
        DecimalFunction::Compare,
        DecimalFunction::Normalize,
        DecimalFunction::Sum,
        DecimalFunction::Avg,
        DecimalFunction::Min,
        DecimalFunction::Max,
        DecimalFunction::Round,
    ];
}

/// The text functions a dialect spells as memory computes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFunction {
    /// Unicode lowercase (`char::to_lowercase`), as `lower` and ci strings fold.
    Lower,
    /// Unicode uppercase (`str::to_uppercase`).
    Upper,
    /// `like(x, pattern)`, case-sensitive, over the whole text.
    Like,
    /// `ilike(x, pattern)`: `like` of both folded.
    ILike,
    /// The number of characters, NUL characters included.
    Length,
    /// `string_starts_with(x, prefix)`.
    StartsWith,
    /// `string_ends_with(x, suffix)`.
    EndsWith,
    /// `string_split(x, delimiter)`: the parts as a JSON array (text), NUL
    /// characters kept; nil for an empty delimiter.
    Split,
}

impl TextFunction {
    /// Every text function.
    pub const ALL: [TextFunction; 8] = [
        TextFunction::Lower,
        TextFunction::Upper,
        TextFunction::Like,
        TextFunction::ILike,
        TextFunction::Length,
        TextFunction::StartsWith,
        TextFunction::EndsWith,
        TextFunction::Split,
    ];
}

/// The datetime functions (and `error`) a dialect spells as memory computes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatetimeFunction {
    /// `dt_add(datetime, n, unit)`: `datetime_add` (datetimes as stored text,
    /// the unit a name); nil for a nil or unreadable operand, a non-integer
    /// `n`, an unknown unit, or a result out of range.
    Add,
    /// `dt_sub(datetime, n, unit)`: `datetime_add` of `-n` (`ago`).
    Subtract,
    /// `date_add(date, n, unit)`.
    DateAdd,
    /// `start_of_day(datetime or date)`: midnight UTC, as stored text.
    StartOfDay,
    /// `error(message)`: fails the statement with a message starting with
    /// `expr::functions::ERROR_PREFIX`. Not deterministic, so that SQL
    /// never evaluates it ahead of the row that reaches it.
    Error,
}

impl DatetimeFunction {
    /// Every datetime function.
    pub const ALL: [DatetimeFunction; 5] = [
        DatetimeFunction::Add,
        DatetimeFunction::Subtract,
        DatetimeFunction::DateAdd,
        DatetimeFunction::StartOfDay,
        DatetimeFunction::Error,
    ];
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
