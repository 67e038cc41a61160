//! The SQL functions and collations the SQLite layer registers on every
//! connection, so that SQL computes what memory computes (`expr/eval`):
//!
//! | name | what |
//! |---|---|
//! | collation `decimal` | decimals stored as text, by numeric value |
//! | collation `ci` | text by its Unicode lowercase (`char::to_lowercase`), as ci strings compare in memory |
//! | `dec_add`, `dec_sub`, `dec_mul`, `dec_div` | exact decimal arithmetic (`rust_decimal`'s checked operations): nil for a nil operand, on overflow and for a division by zero |
//! | `dec_cmp(a, b)` | -1, 0 or 1, numerically; nil for a nil or a non-number |
//! | `dec_norm(x)` | the decimal as normalised text (`1.50` → `1.5`): equal texts, equal numbers |
//! | aggregates `dec_sum`, `dec_avg`, `dec_min`, `dec_max` | over the non-nil values, exactly; nil over none |
//! | `dec_round(x, places)` | `round` of a decimal: places clamped to 0..=28, halves away from zero, trailing zeros dropped |
//! | `unicode_lower`, `unicode_upper` | Unicode case conversion |
//! | `text_like`, `text_ilike` | `like`/`ilike` on the whole text (SQLite's `LIKE` stops at a NUL character) |
//! | `text_split(x, delimiter)` | `string_split`: the parts as JSON array text, empty parts and NUL characters kept; nil for an empty delimiter (a recursive CTE over `substr`/`instr` and `json_group_array` lost the text after a NUL) |
//! | `text_length` | characters, NUL characters included (SQLite's `length` stops at the first) |
//! | `text_starts_with`, `text_ends_with` | literal prefix / suffix |
//! | `dt_add(dt, n, unit)`, `dt_sub(dt, n, unit)` | `datetime_add` (and `ago`, `from_now` on the statement's `now` parameter): `expr::functions::datetime_add` on the stored text, the result as stored text |
//! | `dt_date_add(date, n, unit)` | `date_add`: `expr::functions::date_add` |
//! | `dt_start_of_day(x)` | `start_of_day` of a datetime or a date: midnight UTC |
//! | `expr_error(message)` | `error(..)`: fails the statement with `ERROR_PREFIX` and the message (not deterministic: never evaluated ahead of the row reaching it) |
//!
//! An operand is read as memory reads a value: a decimal from an INTEGER,
//! a REAL (`Decimal::try_from`, as memory converts a float next to a
//! decimal) or a TEXT; a text from any value, as `expr::functions::text`
//! writes it. All but `expr_error` are deterministic and innocuous, so
//! indexes and views may use them.

use std::borrow::Cow;
use std::cmp::Ordering;

use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Result};
use rust_decimal::Decimal;

use super::codec;
use super::dialect::{CI_COLLATION, DECIMAL_COLLATION, decimal_function_name, text_function_name};
use crate::data_layer::sql::dialect::DatetimeFunction;
use crate::data_layer::sql::sqlite_dialect::datetime_function_name;
use crate::data_layer::sql::{DecimalFunction, TextFunction};
use crate::expr::functions::{self, ERROR_PREFIX, TimeUnit, fold, like, text};
use crate::info::value::Value;

const FLAGS: FunctionFlags =
    FunctionFlags::SQLITE_UTF8.union(FunctionFlags::SQLITE_DETERMINISTIC).union(FunctionFlags::SQLITE_INNOCUOUS);

/// Registers the collations (`decimal`, `ci`) and the functions above.
pub(super) fn register(conn: &Connection) -> Result<()> {
    conn.create_collation(DECIMAL_COLLATION, compare_decimal_text)?;
    conn.create_collation(CI_COLLATION, compare_ci_text)?;
    for function in DecimalFunction::ALL {
        let name = decimal_function_name(function);
        match function {
            DecimalFunction::Add | DecimalFunction::Sub | DecimalFunction::Mul | DecimalFunction::Div => conn
                .create_scalar_function(name, 2, FLAGS, move |ctx| {
                    Ok(arithmetic(function, ctx).map(|d| codec::decimal_text(&d)))
                })?,
            DecimalFunction::Compare => conn.create_scalar_function(name, 2, FLAGS, |ctx| {
                Ok(match (decimal(ctx.get_raw(0)), decimal(ctx.get_raw(1))) {
                    (Some(a), Some(b)) => Some(a.cmp(&b) as i64),
                    _ => None,
                })
            })?,
            DecimalFunction::Normalize => conn.create_scalar_function(name, 1, FLAGS, |ctx| {
                Ok(decimal(ctx.get_raw(0)).map(|d| d.normalize().to_string()))
            })?,
            DecimalFunction::Round => conn.create_scalar_function(name, 2, FLAGS, |ctx| {
                // As memory's `round`: places clamped to 0..=28, a NULL or non-integer places is NULL.
                let places = match ctx.get_raw(1) {
                    ValueRef::Integer(places) => places.clamp(0, 28) as u32,
                    _ => return Ok(None),
                };
                Ok(decimal(ctx.get_raw(0)).map(|d| {
                    let rounded =
                        d.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                    codec::decimal_text(&rounded.normalize())
                }))
            })?,
            DecimalFunction::Sum | DecimalFunction::Avg => {
                conn.create_aggregate_function(name, 1, FLAGS, Total { average: function == DecimalFunction::Avg })?
            }
            DecimalFunction::Min | DecimalFunction::Max => {
                let wanted = if function == DecimalFunction::Min { Ordering::Less } else { Ordering::Greater };
                conn.create_aggregate_function(name, 1, FLAGS, Best { wanted })?
            }
        }
    }
    for function in TextFunction::ALL {
        let name = text_function_name(function);
        match function {
            TextFunction::Lower | TextFunction::Upper => conn.create_scalar_function(name, 1, FLAGS, move |ctx| {
                Ok(text_arg(ctx.get_raw(0)).map(|s| match function {
                    TextFunction::Lower => unicode_lower(&s),
                    _ => s.to_uppercase(),
                }))
            })?,
            TextFunction::Length => conn.create_scalar_function(name, 1, FLAGS, |ctx| {
                Ok(text_arg(ctx.get_raw(0)).map(|s| s.chars().count() as i64))
            })?,
            TextFunction::Split => conn.create_scalar_function(name, 2, FLAGS, |ctx| {
                let (Some(subject), Some(delimiter)) = (text_arg(ctx.get_raw(0)), text_arg(ctx.get_raw(1))) else {
                    return Ok(None);
                };
                if delimiter.is_empty() {
                    return Ok(None);
                }
                let parts: Vec<&str> = subject.split(&*delimiter).collect();
                Ok(serde_json::to_string(&parts).ok())
            })?,
            _ => conn.create_scalar_function(name, 2, FLAGS, move |ctx| {
                let (Some(subject), Some(other)) = (text_arg(ctx.get_raw(0)), text_arg(ctx.get_raw(1))) else {
                    return Ok(None);
                };
                Ok(Some(match function {
                    TextFunction::Like => like(&subject, &other),
                    TextFunction::ILike => like(&fold(&subject), &fold(&other)),
                    TextFunction::StartsWith => subject.starts_with(&*other),
                    _ => subject.ends_with(&*other),
                }))
            })?,
        }
    }
    for function in DatetimeFunction::ALL {
        let name = datetime_function_name(function);
        match function {
            DatetimeFunction::Add | DatetimeFunction::Subtract => {
                conn.create_scalar_function(name, 3, FLAGS, move |ctx| {
                    let (Some(dt), ValueRef::Integer(n), Some(unit)) =
                        (datetime_arg(ctx.get_raw(0)), ctx.get_raw(1), unit_arg(ctx.get_raw(2)))
                    else {
                        return Ok(None);
                    };
                    let n = if function == DatetimeFunction::Subtract { n.checked_neg() } else { Some(n) };
                    Ok(n.and_then(|n| functions::datetime_add(dt, n, unit)).map(|dt| codec::datetime_text(&dt)))
                })?
            }
            DatetimeFunction::DateAdd => conn.create_scalar_function(name, 3, FLAGS, |ctx| {
                let (Some(date), ValueRef::Integer(n), Some(unit)) =
                    (date_arg(ctx.get_raw(0)), ctx.get_raw(1), unit_arg(ctx.get_raw(2)))
                else {
                    return Ok(None);
                };
                Ok(functions::date_add(date, n, unit).map(|date| codec::date_text(&date)))
            })?,
            DatetimeFunction::StartOfDay => conn.create_scalar_function(name, 1, FLAGS, |ctx| {
                let value = ctx.get_raw(0);
                let start = datetime_arg(value)
                    .map(functions::start_of_day)
                    .or_else(|| date_arg(value).map(functions::date_start));
                Ok(start.map(|dt| codec::datetime_text(&dt)))
            })?,
            DatetimeFunction::Error => {
                let flags = FunctionFlags::SQLITE_UTF8;
                conn.create_scalar_function(name, 1, flags, |ctx| -> Result<Option<String>> {
                    let message = text_arg(ctx.get_raw(0)).unwrap_or_default();
                    Err(rusqlite::Error::UserFunctionError(format!("{ERROR_PREFIX}{message}").into()))
                })?
            }
        }
    }
    Ok(())
}

/// A datetime operand: text as memory parses it (`expr::functions::parse_datetime`).
fn datetime_arg(value: ValueRef<'_>) -> Option<chrono::DateTime<chrono::Utc>> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(functions::parse_datetime),
        _ => None,
    }
}

/// A date operand: text `YYYY-MM-DD`.
fn date_arg(value: ValueRef<'_>) -> Option<chrono::NaiveDate> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(functions::parse_date),
        _ => None,
    }
}

/// A time unit operand: its name as text.
fn unit_arg(value: ValueRef<'_>) -> Option<TimeUnit> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(TimeUnit::parse),
        _ => None,
    }
}

/// The `decimal` collation: numeric order of the decimals the texts spell,
/// exact (no conversion to floating point). Texts that are not decimals sort
/// after all decimals, by their bytes, so the order stays total.
pub fn compare_decimal_text(a: &str, b: &str) -> Ordering {
    match (codec::parse_decimal(a), codec::parse_decimal(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// The `ci` collation: the texts' Unicode lowercase (`char::to_lowercase`,
/// character by character, as `Value::CiString` compares and indexes), so
/// `"ÄRGER"` equals `"ärger"`. ASCII texts take a shortcut with the same order.
pub fn compare_ci_text(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

fn unicode_lower(s: &str) -> String {
    if s.is_ascii() { s.to_ascii_lowercase() } else { fold(s) }
}

/// An operand as a decimal, as memory converts it (`expr/eval`'s `decimals`).
fn decimal(value: ValueRef<'_>) -> Option<Decimal> {
    match value {
        ValueRef::Integer(i) => Some(Decimal::from(i)),
        ValueRef::Real(f) => Decimal::try_from(f).ok(),
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(codec::parse_decimal),
        ValueRef::Null | ValueRef::Blob(_) => None,
    }
}

/// An operand as text, as memory writes a value as text.
fn text_arg(value: ValueRef<'_>) -> Option<Cow<'_, str>> {
    match value {
        ValueRef::Null => None,
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => Some(String::from_utf8_lossy(bytes)),
        ValueRef::Integer(i) => Some(Cow::Owned(i.to_string())),
        ValueRef::Real(f) => text(&Value::Float(f)).map(Cow::Owned),
    }
}

fn arithmetic(function: DecimalFunction, ctx: &Context<'_>) -> Option<Decimal> {
    let (a, b) = (decimal(ctx.get_raw(0))?, decimal(ctx.get_raw(1))?);
    match function {
        DecimalFunction::Add => a.checked_add(b),
        DecimalFunction::Sub => a.checked_sub(b),
        DecimalFunction::Mul => a.checked_mul(b),
        _ if b.is_zero() => None,
        _ => a.checked_div(b),
    }
}

/// `dec_sum` and `dec_avg`: the running total of the non-nil values and
/// their count; an overflow (or a value that is no number) makes the result
/// nil, as the sum in memory becomes nil.
struct Total {
    average: bool,
}

#[derive(Default)]
struct TotalState {
    total: Option<Decimal>,
    count: i64,
    failed: bool,
}

impl Aggregate<TotalState, Option<String>> for Total {
    fn init(&self, _: &mut Context<'_>) -> Result<TotalState> {
        Ok(TotalState::default())
    }

    fn step(&self, ctx: &mut Context<'_>, state: &mut TotalState) -> Result<()> {
        let value = ctx.get_raw(0);
        if matches!(value, ValueRef::Null) || state.failed {
            return Ok(());
        }
        state.count += 1;
        let sum = decimal(value).and_then(|d| match state.total {
            None => Some(d),
            Some(total) => total.checked_add(d),
        });
        match sum {
            Some(sum) => state.total = Some(sum),
            None => state.failed = true,
        }
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, state: Option<TotalState>) -> Result<Option<String>> {
        let Some(state) = state.filter(|state| !state.failed) else { return Ok(None) };
        let Some(total) = state.total else { return Ok(None) };
        let result = if self.average { total.checked_div(Decimal::from(state.count)) } else { Some(total) };
        Ok(result.map(|d| codec::decimal_text(&d)))
    }
}

/// `dec_min` and `dec_max`: the first of the smallest (largest) non-nil
/// values, as memory keeps the first of equal values; values that are no
/// decimals are skipped.
struct Best {
    wanted: Ordering,
}

impl Aggregate<Option<Decimal>, Option<String>> for Best {
    fn init(&self, _: &mut Context<'_>) -> Result<Option<Decimal>> {
        Ok(None)
    }

    fn step(&self, ctx: &mut Context<'_>, best: &mut Option<Decimal>) -> Result<()> {
        if let Some(value) = decimal(ctx.get_raw(0))
            && best.is_none_or(|best| value.cmp(&best) == self.wanted)
        {
            *best = Some(value);
        }
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, best: Option<Option<Decimal>>) -> Result<Option<String>> {
        Ok(best.flatten().map(|d| codec::decimal_text(&d)))
    }
}
