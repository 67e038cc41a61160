//! The loadable parts of a resource's description: calculations,
//! relationships and aggregates (Ash's `calculations`, `relationships` and
//! `aggregates` sections). Like the rest of `ResourceInfo`, plain `'static`
//! data the macros write out as a table.

use crate::expr::tree::SortOrder;
use crate::expr::tree::{Aggregate, AggregateKind, Expr};
use crate::info::value::Value;

use super::{ResourceInfo, Type};

/// `calculate status_subject: String = expr(status <> ": " <> subject)`: a
/// value computed from the record's fields (in SQL on SQL layers, in memory
/// on the others), loaded on demand and usable in filters and sorts.
#[derive(Debug)]
pub struct CalculationInfo {
    /// The calculation's name, as loads, filters and sorts refer to it.
    pub name: &'static str,
    /// The type of the computed value.
    pub ty: Type,
    /// False when the Rust type is not an `Option`.
    pub allow_nil: bool,
    /// The expression, over the resource's attributes, calculations,
    /// aggregates and relationship paths.
    pub expr: fn() -> Expr,
    /// Ash's `public?` (default false); recorded, not read by the runtime.
    pub public: bool,
    /// Ash's `description`: documentation only.
    pub description: Option<&'static str>,
}

/// The four kinds of Ash relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipKind {
    /// The source holds the key: `source.source_attribute == destination.destination_attribute`.
    BelongsTo,
    /// The destination holds the key; at most one related record.
    HasOne,
    /// The destination holds the key; any number of related records.
    HasMany,
    /// Through a join resource.
    ManyToMany,
}

impl RelationshipKind {
    /// `has_many` and `many_to_many`: a list of records rather than at most one.
    pub fn is_to_many(self) -> bool {
        matches!(self, RelationshipKind::HasMany | RelationshipKind::ManyToMany)
    }

    /// Ash's name of the kind: `"belongs_to"`, `"has_one"`, ..
    pub fn as_str(self) -> &'static str {
        match self {
            RelationshipKind::BelongsTo => "belongs_to",
            RelationshipKind::HasOne => "has_one",
            RelationshipKind::HasMany => "has_many",
            RelationshipKind::ManyToMany => "many_to_many",
        }
    }
}

/// A relationship to another resource. Records are related when the
/// source's `source_attribute` equals the destination's
/// `destination_attribute` (through the join resource for `many_to_many`).
#[derive(Debug)]
pub struct RelationshipInfo {
    /// The relationship's name, as loads and expression paths refer to it.
    pub name: &'static str,
    /// `belongs_to`, `has_one`, `has_many` or `many_to_many`.
    pub kind: RelationshipKind,
    /// The destination resource, as a function so that resources can name
    /// each other in any order (`<Representative as Resource>::info`).
    pub destination: fn() -> &'static ResourceInfo,
    /// Ash's defaults: `<name>_id` for `belongs_to`, `id` otherwise.
    pub source_attribute: &'static str,
    /// Ash's defaults: `id` for `belongs_to` and `many_to_many`,
    /// `<source short name>_id` for `has_one` and `has_many`.
    pub destination_attribute: &'static str,
    /// `many_to_many`: the join resource and its two keys.
    pub through: Option<JoinInfo>,
    /// AshSqlite's relationship context `%{data_layer: %{table: ".."}}`: the
    /// table of a polymorphic destination that this relationship reads.
    pub context_table: Option<&'static str>,
    /// `belongs_to`: whether the source attribute may be nil.
    pub allow_nil: bool,
    /// Ash's `public?` (default false); recorded, not read by the runtime.
    pub public: bool,
    /// Ash's `description`: documentation only.
    pub description: Option<&'static str>,
}

/// The join resource of a `many_to_many` relationship.
#[derive(Debug, Clone, Copy)]
pub struct JoinInfo {
    /// The join resource (Ash's `through`), as a function like `destination`.
    pub resource: fn() -> &'static ResourceInfo,
    /// The join resource's attribute holding the source's `source_attribute`.
    pub source_attribute: &'static str,
    /// The join resource's attribute holding the destination's `destination_attribute`.
    pub destination_attribute: &'static str,
}

impl RelationshipInfo {
    /// The destination resource's description.
    pub fn destination(&self) -> &'static ResourceInfo {
        (self.destination)()
    }
}

/// `count open_tickets: tickets { filter: expr(status == "open") }`: a value
/// computed over related records (correlated subqueries in SQL, in memory on
/// the others), loaded on demand and usable in filters and sorts.
#[derive(Debug)]
pub struct AggregateInfo {
    /// The aggregate's name, as loads, filters and sorts refer to it.
    pub name: &'static str,
    /// `count`, `exists`, `sum`, `first`, `list`, ..
    pub kind: AggregateKind,
    /// The relationship path, from this resource (`["tickets"]`).
    pub path: &'static [&'static str],
    /// The destination's field (attribute or calculation) it aggregates.
    pub field: Option<&'static str>,
    /// Only related records matching this count.
    pub filter: Option<fn() -> Expr>,
    /// `first` and `list`: the order of the related records.
    pub sort: &'static [(&'static str, SortOrder)],
    /// The value when there is nothing to aggregate (instead of nil).
    pub default: Option<fn() -> Value>,
    /// `count` and `list`: distinct values only.
    pub uniq: bool,
    /// `first` and `list`: keep nil values (Ash's default: skip them).
    pub include_nil: bool,
    /// Ash's `public?` (default false); recorded, not read by the runtime.
    pub public: bool,
    /// Ash's `description`: documentation only.
    pub description: Option<&'static str>,
}

impl AggregateInfo {
    /// The aggregate as an expression, `Expr::Aggregate`.
    pub fn to_expr(&self) -> Expr {
        Expr::Aggregate(Box::new(Aggregate {
            kind: self.kind,
            path: self.path.iter().map(|s| s.to_string()).collect(),
            field: self.field.map(str::to_string),
            filter: self.filter.map(|filter| filter()),
            sort: self.sort.iter().map(|(name, order)| (name.to_string(), *order)).collect(),
            default: self.default.map(|default| default()),
            uniq: self.uniq,
            include_nil: self.include_nil,
        }))
    }
}

impl ResourceInfo {
    /// The calculation with this name.
    pub fn calculation(&self, name: &str) -> Option<&'static CalculationInfo> {
        self.calculations.iter().find(|c| c.name == name)
    }

    /// The relationship with this name.
    pub fn relationship(&self, name: &str) -> Option<&'static RelationshipInfo> {
        self.relationships.iter().find(|r| r.name == name)
    }

    /// The aggregate with this name.
    pub fn aggregate(&self, name: &str) -> Option<&'static AggregateInfo> {
        self.aggregates.iter().find(|a| a.name == name)
    }
}

/// A stable 64-bit key of a field name (FNV-1a), for the type-level tables
/// generated code uses (`FieldType<{ field_key("priority") }>`): a const
/// generic cannot be a string.
pub const fn field_key(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}
