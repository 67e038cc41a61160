//! SQLite's spelling of the shared SQL: the storage types, collations and
//! functions the SQLite layer (`data_layer/sqlite/`, which re-exports it)
//! and the migration generator write. Pure text, no driver: it compiles
//! without the `sqlite` feature, so that migrations can be generated in any
//! build.

use crate::data_layer::sql::dialect::DatetimeFunction;
use crate::data_layer::sql::{DecimalFunction, Dialect, TextFunction};
use crate::info::Type;

/// The name of the collation decimal columns use.
pub const DECIMAL_COLLATION: &str = "decimal";

/// The name of the collation ci_string columns use: Unicode lowercase, as
/// memory compares ci strings (SQLite's `NOCASE` folds ASCII only).
pub const CI_COLLATION: &str = "ci";

/// The name of the function the SQLite layer registers for a decimal function.
pub fn decimal_function_name(function: DecimalFunction) -> &'static str {
    match function {
        DecimalFunction::Add => "dec_add",
        DecimalFunction::Sub => "dec_sub",
        DecimalFunction::Mul => "dec_mul",
        DecimalFunction::Div => "dec_div",
        DecimalFunction::Compare => "dec_cmp",
        DecimalFunction::Normalize => "dec_norm",
        DecimalFunction::Sum => "dec_sum",
        DecimalFunction::Avg => "dec_avg",
        DecimalFunction::Min => "dec_min",
        DecimalFunction::Max => "dec_max",
        DecimalFunction::Round => "dec_round",
    }
}

/// The name of the function the SQLite layer registers for a text function.
pub fn text_function_name(function: TextFunction) -> &'static str {
    match function {
        TextFunction::Lower => "unicode_lower",
        TextFunction::Upper => "unicode_upper",
        TextFunction::Like => "text_like",
        TextFunction::ILike => "text_ilike",
        TextFunction::Length => "text_length",
        TextFunction::StartsWith => "text_starts_with",
        TextFunction::EndsWith => "text_ends_with",
        TextFunction::Split => "text_split",
    }
}

/// The name of the function the SQLite layer registers for a datetime function.
pub fn datetime_function_name(function: DatetimeFunction) -> &'static str {
    match function {
        DatetimeFunction::Add => "dt_add",
        DatetimeFunction::Subtract => "dt_sub",
        DatetimeFunction::DateAdd => "dt_date_add",
        DatetimeFunction::StartOfDay => "dt_start_of_day",
        DatetimeFunction::Error => "expr_error",
    }
}

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

    /// AshSqlite's mapping, with exact decimals and ci strings folding Unicode.
    fn column_type(&self, ty: Type) -> (&'static str, Option<&'static str>) {
        match ty {
            Type::String | Type::Atom(_) | Type::Uuid | Type::Date | Type::UtcDatetime | Type::Json => ("TEXT", None),
            // Embedded resources: their JSON text (`info::embedded::stored_text`).
            Type::Embedded(_) => ("TEXT", None),
            Type::CiString => ("TEXT", Some(CI_COLLATION)),
            Type::Decimal => ("TEXT", Some(DECIMAL_COLLATION)),
            Type::Integer | Type::Boolean => ("INTEGER", None),
            Type::Float => ("REAL", None),
        }
    }

    fn case_insensitive_comparison(&self) -> &'static str {
        " COLLATE ci"
    }

    fn decimals_as_text(&self) -> bool {
        true
    }

    fn decimal_function(&self, function: DecimalFunction) -> &'static str {
        decimal_function_name(function)
    }

    fn text_function(&self, function: TextFunction) -> &'static str {
        text_function_name(function)
    }

    fn datetime_function(&self, function: DatetimeFunction) -> &'static str {
        datetime_function_name(function)
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
