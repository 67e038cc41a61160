//! The attribute types of Ash that this crate supports, and their constraints.

use std::sync::OnceLock;

/// The attribute types of Ash that this crate supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text (Ash's `:string`); a `Value::String`.
    String,
    /// Case-insensitive string (Ash's `:ci_string`).
    CiString,
    /// A 64-bit signed integer (Ash's `:integer`); a `Value::Int`.
    Integer,
    /// A 64-bit float (Ash's `:float`); a `Value::Float`.
    Float,
    /// An exact decimal (Ash's `:decimal`, `rust_decimal::Decimal`); a `Value::Decimal`.
    Decimal,
    /// Ash's `:boolean`; a `Value::Bool`.
    Boolean,
    /// Ash's `:uuid`; a `Value::Uuid`.
    Uuid,
    /// A calendar date (Ash's `:date`, `chrono::NaiveDate`); a `Value::Date`.
    Date,
    /// A UTC timestamp (Ash's `:utc_datetime_usec`, `chrono::DateTime<Utc>`;
    /// SQLite stores it to the microsecond); a `Value::DateTime`.
    UtcDatetime,
    /// An enum (Ash's `:atom` with `one_of`): the allowed names.
    Atom(&'static [&'static str]),
    /// Structured data stored as JSON (maps).
    Json,
    /// An embedded resource (`data_layer: Embedded`), one (`Profile`) or a
    /// list (`Vec<Tag>`); a `Value::Json` object (or array of objects).
    Embedded(Embed),
}

/// The embedded resource an attribute holds: which one, and whether a list.
///
/// Values sit below the description (`tests/layers.rs`), so this names the
/// embedded `ResourceInfo` as `Any`; `info::embedded::describe` takes it back
/// (as `Custom` does for changes).
#[derive(Clone, Copy)]
pub struct Embed {
    /// The embedded resource's Rust name, e.g. `"Profile"`.
    pub name: &'static str,
    /// `Vec<Tag>`: a list of embedded records.
    pub list: bool,
    /// Ash's `embed_nil_values?` (default true): whether stored JSON keeps
    /// the keys whose value is nil.
    pub nil_values: bool,
    /// The embedded resource's `&'static ResourceInfo`, as `Any`.
    pub describe: fn() -> &'static (dyn std::any::Any + Send + Sync),
}

impl Embed {
    /// The same resource held singly: the type of one item of a list.
    pub const fn item(self) -> Embed {
        Embed { list: false, ..self }
    }
}

impl PartialEq for Embed {
    fn eq(&self, other: &Embed) -> bool {
        self.name == other.name && self.list == other.list
    }
}

impl Eq for Embed {}

impl std::fmt::Debug for Embed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.list { write!(f, "Embed([{}])", self.name) } else { write!(f, "Embed({})", self.name) }
    }
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
            Type::Embedded(embed) if embed.list => "array of embedded",
            Type::Embedded(_) => "embedded",
        }
    }
}

/// Ash's type constraints. Unset options take Ash's defaults
/// (`trim: true`, `allow_empty: false` for strings).
#[derive(Debug)]
pub struct Constraints {
    /// Strings: the fewest characters allowed (after trimming).
    pub min_length: Option<usize>,
    /// Strings: the most characters allowed (after trimming).
    pub max_length: Option<usize>,
    /// Strings: a regular expression the value must match (Ash's `match`).
    pub pattern: Option<&'static Pattern>,
    /// Strings: strip leading and trailing whitespace first (Ash's default, true).
    pub trim: bool,
    /// Strings: keep an empty string instead of turning it into nil (Ash's default, false).
    pub allow_empty: bool,
    /// Numbers: the smallest value allowed (inclusive).
    pub min: Option<Number>,
    /// Numbers: the largest value allowed (inclusive).
    pub max: Option<Number>,
    /// Numbers: the value must be greater than this (exclusive).
    pub greater_than: Option<Number>,
    /// Numbers: the value must be less than this (exclusive).
    pub less_than: Option<Number>,
    /// Embedded resources: the embed's calculations computed whenever the
    /// value is read into its typed record (Ash's `load` constraint).
    pub load: &'static [&'static str],
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
        load: &[],
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
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A decimal literal, kept as written so it is exact.
    Decimal(&'static str),
}

/// A regular expression compiled on first use and then cached.
#[derive(Debug)]
pub struct Pattern {
    /// The expression as written, in the `regex` crate's syntax.
    pub source: &'static str,
    compiled: OnceLock<regex::Regex>,
}

impl Pattern {
    /// A pattern for `source`, compiled on its first use.
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
