//! The attribute types of Ash that this crate supports, and their constraints.

use std::sync::OnceLock;

/// The attribute types of Ash that this crate supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    /// Case-insensitive string (Ash's `:ci_string`).
    CiString,
    Integer,
    Float,
    Decimal,
    Boolean,
    Uuid,
    Date,
    UtcDatetime,
    /// An enum (Ash's `:atom` with `one_of`): the allowed names.
    Atom(&'static [&'static str]),
    /// Structured data stored as JSON (embedded resources, maps).
    Json,
}

impl Type {
    /// Ash's name for the type, as used in messages and snapshots.
    pub fn ash_name(&self) -> &'static str {
        match self {
            Type::String => "string",
            Type::CiString => "ci_string",
            Type::Integer => "integer",
            Type::Float => "float",
            Type::Decimal => "decimal",
            Type::Boolean => "boolean",
            Type::Uuid => "uuid",
            Type::Date => "date",
            Type::UtcDatetime => "utc_datetime_usec",
            Type::Atom(_) => "atom",
            Type::Json => "map",
        }
    }
}

/// Ash's type constraints. Unset options take Ash's defaults
/// (`trim: true`, `allow_empty: false` for strings).
#[derive(Debug)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<&'static Pattern>,
    pub trim: bool,
    pub allow_empty: bool,
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub greater_than: Option<Number>,
    pub less_than: Option<Number>,
}

impl Constraints {
    /// Ash's defaults: strings are trimmed and empty strings become nil.
    pub const DEFAULT: Constraints = Constraints {
        min_length: None,
        max_length: None,
        pattern: None,
        trim: true,
        allow_empty: false,
        min: None,
        max: None,
        greater_than: None,
        less_than: None,
    };
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints::DEFAULT
    }
}

/// A numeric bound as written in the resource (`min: 0`, `max: 9.99`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
    /// A decimal literal, kept as written so it is exact.
    Decimal(&'static str),
}

/// A regular expression compiled on first use and then cached.
#[derive(Debug)]
pub struct Pattern {
    pub source: &'static str,
    compiled: OnceLock<regex::Regex>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern { source, compiled: OnceLock::new() }
    }

    /// The compiled expression. An invalid pattern matches nothing.
    pub fn regex(&self) -> Option<&regex::Regex> {
        self.compiled
            .get_or_init(|| regex::Regex::new(self.source).unwrap_or_else(|_| regex::Regex::new("$^").unwrap()))
            .into()
    }

    /// How Ash prints a regex in messages: `~r/source/`.
    pub fn inspect(&self) -> String {
        format!("~r/{}/", self.source)
    }
}
