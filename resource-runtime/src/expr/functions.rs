//! The functions of the expression language, and the in-memory pieces they
//! need (SQL's `LIKE` matching, values as text).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};

use crate::info::value::Value;

/// A function of `Expr::Call`. `if` and `fragment` have variants of their own
/// in `Expr`; `is_nil` is `Expr::IsNil`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// `like(x, pattern)`: SQL's `LIKE`, case-sensitive; `%` is any run of
    /// characters, `_` any one character.
    Like,
    /// `ilike(x, pattern)`: `like`, ignoring case.
    ILike,
    /// `contains(x, part)`: `part` occurs in `x` (no pattern characters);
    /// ignores case when either side is a ci_string.
    Contains,
    /// `lower(x)` (Ash's `string_downcase`).
    Lower,
    /// `upper(x)`.
    Upper,
    /// `length(x)` (Ash's `string_length`): the number of characters.
    Length,
    /// `string_join([items..], separator)`. The call's first argument is the
    /// separator, the rest are the items. Nil items are skipped (Ash), so
    /// the result is nil only when the separator is.
    StringJoin,
    /// `concat(a, b, ..)`: as SQL's `concat`, nil arguments count as empty
    /// strings; never nil. (`a <> b` is nil if either side is.)
    Concat,
    /// `string_trim(x)`: `x` without leading and trailing ASCII whitespace
    /// (space, tab, line feed, carriage return, vertical tab, form feed).
    Trim,
    /// `string_starts_with(x, prefix)`: a literal prefix, never a pattern;
    /// ignores case when either side is a ci_string.
    StartsWith,
    /// `string_ends_with(x, suffix)`: a literal suffix, never a pattern;
    /// ignores case when either side is a ci_string.
    EndsWith,
    /// `rem(a, b)`: the remainder of two integers, with the sign of `a`
    /// (Elixir's `rem`); nil for a zero divisor or a non-integer.
    Rem,
    /// `is_distinct_from(a, b)`: `a != b`, but never nil: nil is distinct
    /// from any value and not from nil.
    IsDistinctFrom,
    /// `count_nils([a, b, ..])`: how many of the values are nil.
    CountNils,
    /// `now()`: the current UTC time.
    Now,
    /// `today()`: the current UTC date.
    Today,
    /// `string_position(x, part)`: the 0-based position (in characters) of
    /// the first `part` in `x`, or nil when there is none (Ash); ignores
    /// case when either side is a ci_string.
    StringPosition,
    /// `string_split(x[, delimiter])`: the parts of `x` between the
    /// delimiters (default `" "`), as a JSON array of strings (Ash's
    /// `String.split/2`: empty parts are kept). Nil for an empty delimiter.
    StringSplit,
    /// `round(x[, precision])`: a float or decimal rounded to `precision`
    /// decimal places (default 0; negative is 0), halves away from zero;
    /// an integer is itself (Ash). A decimal drops trailing zeros.
    Round,
    /// `at(list, i)`: the `i`th item of a JSON array (from 0; negative
    /// counts from the end, Elixir's `Enum.at`); nil when there is none.
    At,
    /// `get_path(json, [key, ..])`, `json["key"]`, `json[:key]`: the value
    /// at the keys of nested JSON objects; nil when a key is missing or a
    /// step is no object. The call's first argument is the JSON, the rest
    /// are the keys.
    GetPath,
    /// `ago(n, unit)`: `datetime_add(now(), -n, unit)` (Ash's `Ago`).
    Ago,
    /// `from_now(n, unit)`: `datetime_add(now(), n, unit)` (Ash's `FromNow`).
    FromNow,
    /// `datetime_add(dt, n, unit)`: [`datetime_add`]. The unit is a constant
    /// (a [`TimeUnit`] name); `n` an integer (anything else is nil).
    DatetimeAdd,
    /// `date_add(date, n, unit)`: [`date_add`].
    DateAdd,
    /// `start_of_day(dt[, "Etc/UTC"])`: midnight UTC of the day of a
    /// datetime (or of a date). Ash takes any time zone; only UTC here.
    StartOfDay,
    /// `error(message)`: evaluating it fails with
    /// `Error::InvalidExpression` carrying the message (Ash's `error/2`,
    /// which raises `Ash.Error.Query.InvalidExpression`-like errors), in
    /// memory and in SQL alike; put it in a branch of `if`/`cond`.
    Error,
}

impl Function {
    /// Every function, in declaration order.
    pub const ALL: &'static [Function] = &[
        Function::Like,
        Function::ILike,
        Function::Contains,
        Function::Lower,
        Function::Upper,
        Function::Length,
        Function::StringJoin,
        Function::Concat,
        Function::Trim,
        Function::StartsWith,
        Function::EndsWith,
        Function::Rem,
        Function::IsDistinctFrom,
        Function::CountNils,
        Function::Now,
        Function::Today,
        Function::StringPosition,
        Function::StringSplit,
        Function::Round,
        Function::At,
        Function::GetPath,
        Function::Ago,
        Function::FromNow,
        Function::DatetimeAdd,
        Function::DateAdd,
        Function::StartOfDay,
        Function::Error,
    ];

    /// The name `expr!` knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Function::Like => "like",
            Function::ILike => "ilike",
            Function::Contains => "contains",
            Function::Lower => "lower",
            Function::Upper => "upper",
            Function::Length => "length",
            Function::StringJoin => "string_join",
            Function::Concat => "concat",
            Function::Trim => "string_trim",
            Function::StartsWith => "string_starts_with",
            Function::EndsWith => "string_ends_with",
            Function::Rem => "rem",
            Function::IsDistinctFrom => "is_distinct_from",
            Function::CountNils => "count_nils",
            Function::Now => "now",
            Function::Today => "today",
            Function::StringPosition => "string_position",
            Function::StringSplit => "string_split",
            Function::Round => "round",
            Function::At => "at",
            Function::GetPath => "get_path",
            Function::Ago => "ago",
            Function::FromNow => "from_now",
            Function::DatetimeAdd => "datetime_add",
            Function::DateAdd => "date_add",
            Function::StartOfDay => "start_of_day",
            Function::Error => "error",
        }
    }

    /// How many arguments the call takes: (at least, at most). For
    /// `string_join` this counts the separator and the items.
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Function::Like | Function::ILike | Function::Contains => (2, Some(2)),
            Function::StartsWith | Function::EndsWith | Function::Rem | Function::IsDistinctFrom => (2, Some(2)),
            Function::Lower | Function::Upper | Function::Length | Function::Trim => (1, Some(1)),
            Function::CountNils => (0, None),
            Function::StringJoin => (1, None),
            Function::Concat => (1, None),
            Function::Now | Function::Today => (0, Some(0)),
            Function::StringPosition | Function::At => (2, Some(2)),
            Function::StringSplit | Function::Round => (1, Some(2)),
            Function::GetPath => (1, None),
            Function::Ago | Function::FromNow => (2, Some(2)),
            Function::DatetimeAdd | Function::DateAdd => (3, Some(3)),
            Function::StartOfDay => (1, Some(2)),
            Function::Error => (1, Some(1)),
        }
    }
}

impl Function {
    /// Whether a nil argument makes the call nil (whatever the others are).
    pub fn nil_in_nil_out(self) -> bool {
        !matches!(
            self,
            Function::StringJoin
                | Function::Concat
                | Function::IsDistinctFrom
                | Function::CountNils
                | Function::Now
                | Function::Today
                | Function::Error
        )
    }

    /// The index of the argument that must be a constant [`TimeUnit`] name.
    pub fn unit_argument(self) -> Option<usize> {
        match self {
            Function::Ago | Function::FromNow => Some(1),
            Function::DatetimeAdd | Function::DateAdd => Some(2),
            _ => None,
        }
    }
}

/// The time units of `ago`, `from_now`, `datetime_add` and `date_add`
/// (Ash's `:duration_name`s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Calendar years; Feb 29 plus a year that is no leap year is Mar 1 (Ash).
    Year,
    /// Calendar months, the day clamped to the end of the month (Jan 31 + 1 month = Feb 28/29).
    Month,
    /// 7 days.
    Week,
    /// Calendar days (the time of day stays).
    Day,
    /// 3600 seconds.
    Hour,
    /// 60 seconds.
    Minute,
    /// A second.
    Second,
    /// A millisecond.
    Millisecond,
    /// A microsecond.
    Microsecond,
}

impl TimeUnit {
    /// Every unit.
    pub const ALL: [TimeUnit; 9] = [
        TimeUnit::Year,
        TimeUnit::Month,
        TimeUnit::Week,
        TimeUnit::Day,
        TimeUnit::Hour,
        TimeUnit::Minute,
        TimeUnit::Second,
        TimeUnit::Millisecond,
        TimeUnit::Microsecond,
    ];

    /// Ash's name of the unit: `year`, .., `microsecond`.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Year => "year",
            TimeUnit::Month => "month",
            TimeUnit::Week => "week",
            TimeUnit::Day => "day",
            TimeUnit::Hour => "hour",
            TimeUnit::Minute => "minute",
            TimeUnit::Second => "second",
            TimeUnit::Millisecond => "millisecond",
            TimeUnit::Microsecond => "microsecond",
        }
    }

    /// The unit named `name` (singular, as Ash spells it).
    pub fn parse(name: &str) -> Option<TimeUnit> {
        TimeUnit::ALL.into_iter().find(|unit| unit.name() == name)
    }
}

/// `dt` plus `n` `unit`s, as Ash's `datetime_add` (`Ash.Query.Function.Ago.datetime_add`):
/// seconds and smaller are exact durations; hours and minutes fixed numbers
/// of seconds (UTC has no daylight saving); days and weeks calendar days
/// keeping the time of day; months clamp the day to the end of the month;
/// years keep month and day, Feb 29 becoming Mar 1 in a year that is no
/// leap year. `None` when the result is out of range.
pub fn datetime_add(dt: DateTime<Utc>, n: i64, unit: TimeUnit) -> Option<DateTime<Utc>> {
    let seconds = |factor: i64| n.checked_mul(factor).and_then(Duration::try_seconds);
    let duration = match unit {
        TimeUnit::Microsecond => Some(Duration::microseconds(n)),
        TimeUnit::Millisecond => Duration::try_milliseconds(n),
        TimeUnit::Second => seconds(1),
        TimeUnit::Minute => seconds(60),
        TimeUnit::Hour => seconds(3600),
        TimeUnit::Day => Duration::try_days(n),
        TimeUnit::Week => n.checked_mul(7).and_then(Duration::try_days),
        TimeUnit::Month | TimeUnit::Year => None,
    };
    if let Some(duration) = duration {
        return dt.checked_add_signed(duration);
    }
    let date = dt.date_naive();
    let date = match unit {
        TimeUnit::Month => add_months(date, n)?,
        TimeUnit::Year => {
            let year = i32::try_from(i64::from(date.year()).checked_add(n)?).ok()?;
            match NaiveDate::from_ymd_opt(year, date.month(), date.day()) {
                Some(date) => date,
                // Feb 29 in a year that is no leap year.
                None => NaiveDate::from_ymd_opt(year, 3, 1)?,
            }
        }
        _ => return None,
    };
    Some(date.and_time(dt.time()).and_utc())
}

/// `date` plus `n` months, the day clamped to the month's last.
fn add_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = i64::from(date.year()).checked_mul(12)?.checked_add(i64::from(date.month0()))?.checked_add(n)?;
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month = months.rem_euclid(12) as u32 + 1;
    let last = (28..=31).rev().find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())?;
    NaiveDate::from_ymd_opt(year, month, date.day().min(last))
}

/// `date` plus `n` `unit`s, as Ash's `date_add`: [`datetime_add`] from the
/// date's midnight, truncated to the date (so 23 hours add nothing, 24 a day).
pub fn date_add(date: NaiveDate, n: i64, unit: TimeUnit) -> Option<NaiveDate> {
    datetime_add(date.and_time(NaiveTime::MIN).and_utc(), n, unit).map(|dt| dt.date_naive())
}

/// Midnight UTC of `dt`'s day (Ash's `start_of_day` without a time zone).
pub fn start_of_day(dt: DateTime<Utc>) -> DateTime<Utc> {
    dt.date_naive().and_time(NaiveTime::MIN).and_utc()
}

/// Midnight UTC of `date`.
pub fn date_start(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

/// The time zones `start_of_day` accepts as its second argument.
pub const UTC_NAMES: &[&str] = &["Etc/UTC", "UTC"];

/// A datetime as text (RFC 3339, any offset), as the datetime functions read
/// text in memory and in SQL.
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|dt| dt.with_timezone(&Utc))
}

/// A date as text, `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A datetime truncated to microseconds, as datetimes are stored.
pub fn to_micros(dt: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(dt.timestamp_micros()).unwrap_or(dt)
}

/// The prefix of the message a registered `error(..)` function fails with
/// in SQL, by which the layer recognises it (and maps it to
/// `Error::InvalidExpression`).
pub const ERROR_PREFIX: &str = "error(..) in an expression: ";

/// A JSON value as an expression's value: strings, numbers, booleans and
/// null as themselves (as SQLite's `json_extract` gives them), arrays and
/// objects as JSON.
pub(crate) fn from_json(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => n.as_f64().map_or(Value::Nil, Value::Float),
        },
        serde_json::Value::String(s) => Value::String(s.clone()),
        other => Value::Json(other.clone()),
    }
}

/// The whitespace `string_trim` removes (the same set in SQL).
pub(crate) const TRIMMED: &[char] = &[' ', '\t', '\n', '\r', '\u{0B}', '\u{0C}'];

/// SQL's `LIKE` on characters: `%` matches any run (also empty), `_` exactly
/// one character; no escape character. Case-sensitive.
pub(crate) fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    // Greedy matching with backtracking to the last `%`: linear in practice.
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('%') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '_' || c == text[t] => {
                t += 1;
                p += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '%')
}

/// Lowercase, as `ilike` and ci_strings compare.
pub(crate) fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// A value as text, the way SQLite turns it into text (for `<>`, `concat`,
/// `string_join`, `like`, `length`): numbers in decimal, booleans as
/// `true`/`false` (the SQL compiler does the same), dates ISO-8601,
/// datetimes as stored (`datetime_text`). `None` for nil.
pub(crate) fn text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Nil => return None,
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        Value::Decimal(d) => d.to_string(),
        Value::String(s) | Value::CiString(s) | Value::Atom(s) => s.clone(),
        Value::Uuid(u) => u.hyphenated().to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::DateTime(dt) => datetime_text(dt),
        Value::Json(j) => j.to_string(),
    })
}

/// A float as SQLite prints a REAL: integral values keep a `.0`.
fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.1}") } else { f.to_string() }
}

/// The text a UTC datetime is stored as in SQLite (RFC 3339, microseconds,
/// `Z`), so that text order is time order: `2024-05-01T09:30:00.000000Z`.
pub fn datetime_text(dt: &DateTime<Utc>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("banana", "%an%"));
        assert!(like("banana", "b_n_n_"));
        assert!(like("banana", "banana"));
        assert!(like("", "%"));
        assert!(like("a%b", "a%b"));
        assert!(!like("banana", "%x%"));
        assert!(!like("Banana", "banana"), "case-sensitive");
        assert!(!like("banan", "b_n_n_"));
        assert!(like("aaab", "%a%b"));
        assert!(!like("ab", "a_%b"));
        assert!(like("ñandú", "_andú"));
    }

    #[test]
    fn text_follows_sqlite() {
        assert_eq!(text(&Value::Float(2.0)).as_deref(), Some("2.0"));
        assert_eq!(text(&Value::Float(2.5)).as_deref(), Some("2.5"));
        assert_eq!(text(&Value::Decimal("1.50".parse().unwrap())).as_deref(), Some("1.50"));
        assert_eq!(text(&Value::Bool(true)).as_deref(), Some("true"));
        assert_eq!(text(&Value::Nil), None);
        let dt = DateTime::parse_from_rfc3339("2024-05-01T09:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(datetime_text(&dt), "2024-05-01T09:30:00.000000Z");
    }
}
