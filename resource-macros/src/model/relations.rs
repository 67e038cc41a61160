//! The loadable parts of a resource: calculations, relationships and
//! aggregates, as declared.

use syn::{Attribute as SynAttribute, Expr, Ident, LitStr, Type};

use super::{FilterExpr, Flag};

/// `calculate status_subject: String = expr(status <> ": " <> subject) { public: true }`.
#[derive(Debug, Clone)]
pub struct Calculation {
    pub ident: Ident,
    /// The value's Rust type as written (`Option<T>` when it may be nil).
    pub ty: Type,
    pub expr: FilterExpr,
    /// Doc comments, carried over to the record's field.
    pub attrs: Vec<SynAttribute>,
    pub public: Option<Flag>,
    pub description: Option<LitStr>,
}

impl Calculation {
    pub fn new(ident: Ident, ty: Type, expr: FilterExpr, attrs: Vec<SynAttribute>) -> Self {
        Calculation { ident, ty, expr, attrs, public: None, description: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipKind {
    BelongsTo,
    HasOne,
    HasMany,
    ManyToMany,
}

impl RelationshipKind {
    pub fn keyword(self) -> &'static str {
        match self {
            RelationshipKind::BelongsTo => "belongs_to",
            RelationshipKind::HasOne => "has_one",
            RelationshipKind::HasMany => "has_many",
            RelationshipKind::ManyToMany => "many_to_many",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<RelationshipKind> {
        Some(match keyword {
            "belongs_to" => RelationshipKind::BelongsTo,
            "has_one" => RelationshipKind::HasOne,
            "has_many" => RelationshipKind::HasMany,
            "many_to_many" => RelationshipKind::ManyToMany,
            _ => return None,
        })
    }

    pub fn is_to_many(self) -> bool {
        matches!(self, RelationshipKind::HasMany | RelationshipKind::ManyToMany)
    }
}

/// `belongs_to representative: Representative { allow_nil: false }`,
/// `has_many tickets: Ticket { destination_attribute: representative_id }`.
/// Options not written take Ash's defaults in the generator.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub kind: RelationshipKind,
    pub ident: Ident,
    /// The destination resource's type, as written.
    pub destination: Type,
    pub attrs: Vec<SynAttribute>,
    pub source_attribute: Option<Ident>,
    pub destination_attribute: Option<Ident>,
    /// `many_to_many`: the join resource and its keys.
    pub through: Option<Type>,
    pub source_attribute_on_join_resource: Option<Ident>,
    pub destination_attribute_on_join_resource: Option<Ident>,
    /// `belongs_to`: whether the key may be nil (Ash: true).
    pub allow_nil: Option<Flag>,
    pub public: Option<Flag>,
    /// `belongs_to`: the key's type when the attribute is defined (default:
    /// the destination's `destination_attribute` type).
    pub attribute_type: Option<Type>,
    /// `belongs_to`: define the key attribute when it is not declared (Ash: true).
    pub define_attribute: Option<Flag>,
    /// `belongs_to`: whether the defined key attribute is writable (true).
    pub attribute_writable: Option<Flag>,
    /// `context: { table: ".." }`: the table of a polymorphic destination.
    pub context_table: Option<LitStr>,
    pub description: Option<LitStr>,
    /// `belongs_to`: the key attribute is one the user declared, not one
    /// the relationship defined (set by `add_belongs_to_attributes`); the
    /// generated code checks its type against the destination's key.
    pub declared_key: bool,
    /// An option of it was misspelt (and is reported as unknown): a missing
    /// `through` may be that option, so it is not reported too.
    pub misspelt: bool,
}

impl Relationship {
    /// A relationship with no options written: each takes Ash's default.
    pub fn new(kind: RelationshipKind, ident: Ident, destination: Type, attrs: Vec<SynAttribute>) -> Self {
        Relationship {
            kind,
            ident,
            destination,
            attrs,
            source_attribute: None,
            destination_attribute: None,
            through: None,
            source_attribute_on_join_resource: None,
            destination_attribute_on_join_resource: None,
            allow_nil: None,
            public: None,
            attribute_type: None,
            define_attribute: None,
            attribute_writable: None,
            context_table: None,
            description: None,
            declared_key: false,
            misspelt: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateKind {
    Count,
    Exists,
    Sum,
    Min,
    Max,
    Avg,
    First,
    List,
}

impl AggregateKind {
    pub const KEYWORDS: &'static [&'static str] = &["count", "exists", "sum", "min", "max", "avg", "first", "list"];

    pub fn keyword(self) -> &'static str {
        match self {
            AggregateKind::Count => "count",
            AggregateKind::Exists => "exists",
            AggregateKind::Sum => "sum",
            AggregateKind::Min => "min",
            AggregateKind::Max => "max",
            AggregateKind::Avg => "avg",
            AggregateKind::First => "first",
            AggregateKind::List => "list",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<AggregateKind> {
        Some(match keyword {
            "count" => AggregateKind::Count,
            "exists" => AggregateKind::Exists,
            "sum" => AggregateKind::Sum,
            "min" => AggregateKind::Min,
            "max" => AggregateKind::Max,
            "avg" => AggregateKind::Avg,
            "first" => AggregateKind::First,
            "list" => AggregateKind::List,
            _ => return None,
        })
    }

    /// The kinds whose path ends with the field they aggregate
    /// (`sum total: tickets.priority`); `count` and `exists` name only relationships.
    pub fn takes_field(self) -> bool {
        !matches!(self, AggregateKind::Count | AggregateKind::Exists)
    }
}

/// `count open_tickets: tickets { filter: expr(status == "open") }`,
/// `sum total_priority: tickets.priority { default: 0 }`.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub kind: AggregateKind,
    pub ident: Ident,
    /// The relationship path (for kinds that take a field, without it).
    pub path: Vec<Ident>,
    /// The destination's field: the last name of the path, or `count`'s `field` option.
    pub field: Option<Ident>,
    pub attrs: Vec<SynAttribute>,
    pub filter: Option<FilterExpr>,
    pub sort: Vec<SortKey>,
    pub default: Option<Expr>,
    pub uniq: Option<Flag>,
    pub include_nil: Option<Flag>,
    pub public: Option<Flag>,
    pub description: Option<LitStr>,
}

impl Aggregate {
    /// An aggregate with no options written.
    pub fn new(
        kind: AggregateKind,
        ident: Ident,
        path: Vec<Ident>,
        field: Option<Ident>,
        attrs: Vec<SynAttribute>,
    ) -> Self {
        Aggregate {
            kind,
            ident,
            path,
            field,
            attrs,
            filter: None,
            sort: Vec::new(),
            default: None,
            uniq: None,
            include_nil: None,
            public: None,
            description: None,
        }
    }
}

/// `priority: desc` in an aggregate's `sort`.
#[derive(Debug, Clone)]
pub struct SortKey {
    pub field: Ident,
    /// `asc` (default), `desc`, `asc_nils_first`, `desc_nils_last`.
    pub order: Option<Ident>,
}
