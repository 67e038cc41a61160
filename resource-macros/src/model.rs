//! The intermediate model both surfaces parse into. No parsing and no code
//! generation here: just the resource as the user declared it, with the span
//! of every name so that the validator can point at it.
//!
//! `#[resource]` and `resource!` each build a `Resource`; `validate` checks it;
//! `expand` turns it into code. An option exists once, here.

use proc_macro2::Span;
use syn::{Attribute as SynAttribute, Expr, Ident, LitStr, Type, Visibility};

mod form;
mod relations;
mod sqlite;

pub use form::Form;
pub use relations::*;
pub use sqlite::*;

/// A resource as declared.
#[derive(Debug, Clone)]
pub struct Resource {
    pub ident: Ident,
    pub vis: Visibility,
    /// Outer attributes to carry over to the record struct (doc comments, derives).
    pub attrs: Vec<SynAttribute>,
    pub data_layer: DataLayer,
    /// `embed_nil_values: false`: an embedded resource's stored JSON leaves
    /// out nil keys (Ash's `embed_nil_values?`, default true).
    pub embed_nil_values: Option<Flag>,
    pub attributes: Vec<Attribute>,
    pub identities: Vec<Identity>,
    pub validations: Vec<Validation>,
    /// `changes { change X on [create]; }`: changes every matching action runs after its own.
    pub changes: Vec<ResourceChange>,
    pub actions: Actions,
    /// `calculations { calculate .. }`.
    pub calculations: Vec<Calculation>,
    /// `relationships { belongs_to ..; has_many .. }`.
    pub relationships: Vec<Relationship>,
    /// `aggregates { count ..; sum .. }`.
    pub aggregates: Vec<Aggregate>,
    /// `sqlite { table: ..; custom_indexes { .. } .. }` (`model/sqlite.rs`).
    pub sqlite: Option<Sqlite>,
    /// Options the surface did not recognise, reported by the validator with a suggestion.
    pub unknown_options: Vec<UnknownOption>,
    /// `crate = my_resource`: the path the generated code reaches the
    /// runtime by, for a renamed dependency; `None` is `::resource`.
    pub crate_path: Option<syn::Path>,
    /// The surface that declared it: only the validator's hints read it, to
    /// show the user's own syntax.
    pub form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataLayerKind {
    Ets,
    Sqlite,
    Postgres,
    Embedded,
}

#[derive(Debug, Clone)]
pub struct DataLayer {
    pub kind: DataLayerKind,
}

/// How an attribute was introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeKind {
    Plain,
    UuidPrimaryKey,
    IntegerPrimaryKey,
    CreateTimestamp,
    UpdateTimestamp,
}

impl AttributeKind {
    /// The kind a keyword of the `attributes` section stands for.
    pub fn from_keyword(keyword: &str) -> Option<AttributeKind> {
        Some(match keyword {
            "attribute" => AttributeKind::Plain,
            "uuid_primary_key" => AttributeKind::UuidPrimaryKey,
            "integer_primary_key" => AttributeKind::IntegerPrimaryKey,
            "create_timestamp" => AttributeKind::CreateTimestamp,
            "update_timestamp" => AttributeKind::UpdateTimestamp,
            _ => return None,
        })
    }
}

/// One attribute. Options the user did not write are `None`; the validator
/// and the generator apply Ash's defaults for the kind.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub ident: Ident,
    pub kind: AttributeKind,
    /// The Rust type as written (`String`, `Option<Decimal>`). For the
    /// shorthand kinds without a written type, the surface fills in the
    /// kind's type (`Uuid`, `i64`, `DateTime<Utc>`) spanned at the name.
    pub ty: Type,
    /// The field's own attributes to carry over (doc comments, serde).
    pub attrs: Vec<SynAttribute>,
    pub allow_nil: Option<Flag>,
    pub public: Option<Flag>,
    pub writable: Option<Flag>,
    pub primary_key: Option<Flag>,
    pub sensitive: Option<Flag>,
    pub generated: Option<Flag>,
    pub default: Option<Expr>,
    pub update_default: Option<Expr>,
    pub description: Option<LitStr>,
    pub constraints: Constraints,
}

impl Attribute {
    /// An attribute with no options written: each takes Ash's default.
    pub fn new(ident: Ident, kind: AttributeKind, ty: Type, attrs: Vec<SynAttribute>) -> Self {
        Attribute {
            ident,
            kind,
            ty,
            attrs,
            allow_nil: None,
            public: None,
            writable: None,
            primary_key: None,
            sensitive: None,
            generated: None,
            default: None,
            update_default: None,
            description: None,
            constraints: Constraints::default(),
        }
    }
}

/// A boolean option and where it was written.
#[derive(Debug, Clone, Copy)]
pub struct Flag {
    pub value: bool,
    pub span: Span,
}

/// Ash's type constraints, as written.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub min_length: Option<Spanned<usize>>,
    pub max_length: Option<Spanned<usize>>,
    /// `match: "regex"`.
    pub pattern: Option<LitStr>,
    pub trim: Option<Flag>,
    pub allow_empty: Option<Flag>,
    pub min: Option<NumberLit>,
    pub max: Option<NumberLit>,
    pub greater_than: Option<NumberLit>,
    pub less_than: Option<NumberLit>,
    /// Embedded resources: `load: [full_name]`, the embed's calculations
    /// computed whenever the value is read into its record.
    pub load: Option<Vec<Ident>>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A numeric literal bound (`min: 0`, `max: -1.5`).
#[derive(Debug, Clone)]
pub enum NumberLit {
    Int(i64, Span),
    Float(f64, Span),
}

/// `identity name [keys] { options }`.
#[derive(Debug, Clone)]
pub struct Identity {
    pub ident: Ident,
    pub keys: Vec<Ident>,
    pub pre_check: Option<Flag>,
    pub eager_check: Option<Flag>,
    pub message: Option<LitStr>,
    pub nils_distinct: Option<Flag>,
    pub field_names: Option<Vec<Ident>>,
}

impl Identity {
    pub fn new(ident: Ident, keys: Vec<Ident>) -> Self {
        Identity {
            ident,
            keys,
            pre_check: None,
            eager_check: None,
            message: None,
            nils_distinct: None,
            field_names: None,
        }
    }
}

/// The `actions` section.
#[derive(Debug, Clone, Default)]
pub struct Actions {
    /// `default_accept [..]`; `None` when not written. `*` means all public writable attributes.
    pub default_accept: Option<Accept>,
    /// `defaults [create, read, update, destroy]`, each with its span.
    pub defaults: Vec<(ActionKind, Span)>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone)]
pub enum Accept {
    /// `*`, and where it was written.
    #[expect(dead_code, reason = "no rule points at `*` yet; the span is kept like every other name's")]
    All(Span),
    List(Vec<Ident>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Create,
    Read,
    Update,
    Destroy,
}

impl ActionKind {
    /// The keyword that declares the kind, also the name of its default action.
    pub fn keyword(self) -> &'static str {
        match self {
            ActionKind::Create => "create",
            ActionKind::Read => "read",
            ActionKind::Update => "update",
            ActionKind::Destroy => "destroy",
        }
    }
}

/// A named action.
#[derive(Debug, Clone)]
pub struct Action {
    pub kind: ActionKind,
    pub ident: Ident,
    pub primary: Option<Flag>,
    /// `None`: the action takes `default_accept`.
    pub accept: Option<Accept>,
    pub require_attributes: Vec<Ident>,
    pub arguments: Vec<Argument>,
    pub changes: Vec<Change>,
    pub validations: Vec<Validation>,
    pub upsert: Option<Flag>,
    pub upsert_identity: Option<Ident>,
    pub upsert_fields: Option<UpsertFields>,
    /// Create upserts: `touch_update_defaults: false` (Ash's `touch_update_defaults?`).
    pub touch_update_defaults: Option<Flag>,
    /// Create upserts: `upsert_condition: expr(..)`, checked against the existing record.
    pub upsert_condition: Option<FilterExpr>,
    /// Read actions: `filter: expr(..)`.
    pub filter: Option<FilterExpr>,
    /// Read actions: `get: true`.
    pub get: Option<Flag>,
    /// Read actions: `get_by: [email]` (Ash's `get_by`): one argument per
    /// attribute, filtered with `==`, one record returned. The span is the key's.
    pub get_by: Option<Spanned<Vec<Ident>>>,
    /// Read actions: `pagination { offset: true, keyset: true, .. }`.
    pub pagination: Option<Pagination>,
}

impl Action {
    /// An action with no options written.
    pub fn new(kind: ActionKind, ident: Ident) -> Self {
        Action {
            kind,
            ident,
            primary: None,
            accept: None,
            require_attributes: Vec::new(),
            arguments: Vec::new(),
            changes: Vec::new(),
            validations: Vec::new(),
            upsert: None,
            upsert_identity: None,
            upsert_fields: None,
            touch_update_defaults: None,
            upsert_condition: None,
            filter: None,
            get: None,
            get_by: None,
            pagination: None,
        }
    }
}

/// `pagination { offset: true, keyset: true, default_limit: 20, max_page_size: 250, countable: true }`
/// (Ash's read action `pagination`). Options not written are `None`.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub offset: Option<Flag>,
    pub keyset: Option<Flag>,
    pub default_limit: Option<Spanned<usize>>,
    pub max_page_size: Option<Spanned<usize>>,
    pub countable: Option<Flag>,
    /// The `pagination` keyword.
    pub span: Span,
    /// An option of it was misspelt (and is reported as unknown): what is
    /// missing may be that option, so no more is said about it.
    pub misspelt: bool,
}

impl Pagination {
    pub fn new(span: Span) -> Self {
        Pagination {
            offset: None,
            keyset: None,
            default_limit: None,
            max_page_size: None,
            countable: None,
            span,
            misspelt: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum UpsertFields {
    ReplaceAll(Span),
    Replace(Vec<Ident>),
    ReplaceAllExcept(Vec<Ident>),
}

/// `argument name: Type { allow_nil, default, sensitive, constraints }`.
#[derive(Debug, Clone)]
pub struct Argument {
    pub ident: Ident,
    pub ty: Type,
    pub allow_nil: Option<Flag>,
    pub sensitive: Option<Flag>,
    pub default: Option<Expr>,
    pub constraints: Constraints,
}

impl Argument {
    pub fn new(ident: Ident, ty: Type) -> Self {
        Argument { ident, ty, allow_nil: None, sensitive: None, default: None, constraints: Constraints::default() }
    }
}

/// A change an action runs.
#[derive(Debug, Clone)]
pub enum Change {
    /// `set_attribute(attr, value)`; `value` may be `arg(name)`.
    SetAttribute { attribute: Ident, value: ChangeValue },
    /// `set_new_attribute(attr, value)`.
    SetNewAttribute { attribute: Ident, value: ChangeValue },
    /// `Slugify { from: "title" }`, `Slugify`, `Slugify::new(..)` or a
    /// function's path: a value of a type implementing `resource::Change`.
    Custom(Expr),
}

/// A change of the `changes` section, with the action kinds it runs on
/// (`None`: Ash's default, create and update).
#[derive(Debug, Clone)]
pub struct ResourceChange {
    pub change: Change,
    pub on: Option<Vec<(ActionKind, Span)>>,
}

#[derive(Debug, Clone)]
pub enum ChangeValue {
    /// A Rust expression evaluated per changeset.
    Expr(Expr),
    /// `arg(name)`: the value of an argument.
    Argument(Ident),
}

/// `validate rule(..) { on: [..], message: ".." }`.
#[derive(Debug, Clone)]
pub struct Validation {
    pub rule: ValidationRule,
    /// `on`, and the span of its key (an action's validation may not have one).
    pub on: Option<Vec<(ActionKind, Span)>>,
    pub on_span: Option<Span>,
    /// Ash's `where`: rules that must pass for this one to run.
    pub conditions: Vec<ValidationRule>,
    pub only_when_valid: Option<Flag>,
    pub message: Option<LitStr>,
}

#[derive(Debug, Clone)]
pub enum ValidationRule {
    Present {
        fields: Vec<Ident>,
        counts: Counts,
    },
    Absent {
        fields: Vec<Ident>,
        counts: Counts,
    },
    StringLength {
        field: Ident,
        min: Option<Spanned<usize>>,
        max: Option<Spanned<usize>>,
        exact: Option<Spanned<usize>>,
    },
    Compare {
        field: Ident,
        comparisons: Vec<(CompareOp, Operand)>,
    },
    Match {
        field: Ident,
        pattern: LitStr,
    },
    OneOf {
        field: Ident,
        values: Vec<Expr>,
    },
    AttributeEquals {
        field: Ident,
        value: Expr,
    },
    AttributeDoesNotEqual {
        field: Ident,
        value: Expr,
    },
    Confirm {
        field: Ident,
        confirmation: Ident,
    },
    /// `Increasing { field: "counter" }`: a value of a type implementing `resource::Validation`.
    Custom(Expr),
}

/// `at_least` / `at_most` / `exactly` of present and absent.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub at_least: Option<Spanned<usize>>,
    pub at_most: Option<Spanned<usize>>,
    pub exactly: Option<Spanned<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
    IsEqual,
}

/// The right side of a compare: another field (an identifier) or a Rust expression.
#[derive(Debug, Clone)]
pub enum Operand {
    Field(Ident),
    Value(Expr),
}

/// An expression in the language of `expr!` (Ash's `expr`): the filter of a
/// read action (`filter: expr(..)`), the body of `expr!(..)`, and later of
/// expression calculations. The parser is `surface/common/filter.rs`, the
/// generator `expand/filter.rs`.
#[derive(Debug, Clone)]
pub enum FilterExpr {
    /// A field reference, checked against the attributes.
    Field(Ident),
    /// A literal (`true`, `"open"`, `3`, `1.5`).
    Lit(syn::Lit),
    /// `nil`.
    Nil(Span),
    /// `^expr`: a Rust value pinned into the expression (also `-3`).
    Pinned(Expr),
    /// `!x`, `not x`.
    Not(Box<FilterExpr>),
    /// `-x` (of an expression; a negative number literal is `Pinned`).
    Neg(Box<FilterExpr>),
    /// `is_nil(x)`.
    IsNil(Box<FilterExpr>),
    Binary(FilterOp, Box<FilterExpr>, Box<FilterExpr>),
    /// `x in [a, b]`, `x in ^list`; the list is a `List` or a `Pinned`.
    In(Box<FilterExpr>, Box<FilterExpr>),
    /// `[a, b]`: only after `in` and as the first argument of `string_join`.
    List(Vec<FilterExpr>, Span),
    /// A function call, with the span of its name. `string_join`'s first
    /// argument is a `List` or a `Pinned` list; `if`'s else is optional.
    Call(FilterFn, Span, Vec<FilterExpr>),
    /// `fragment("sql ? ?", args..)`: the placeholders match the arguments.
    Fragment(LitStr, Vec<FilterExpr>),
    /// `representative.name`: relationship names, then a field of the last
    /// destination (at least two names).
    Path(Vec<Ident>),
    /// `exists(tickets, status == "open")`, `exists(tickets)`: the
    /// relationship path, and a filter over its destination.
    Exists(Vec<Ident>, Option<Box<FilterExpr>>, Span),
    /// `parent(x)`: `x` over the record outside the enclosing `exists` (or
    /// aggregate filter), with the span of `parent`.
    Parent(Box<FilterExpr>, Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterOp {
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Add,
    Sub,
    Mul,
    Div,
    /// `<>`.
    Concat,
}

/// The functions of the expression language (`is_nil` and `fragment` have
/// variants of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterFn {
    Like,
    ILike,
    Contains,
    Lower,
    Upper,
    Length,
    StringJoin,
    Concat,
    Trim,
    StartsWith,
    EndsWith,
    Rem,
    IsDistinctFrom,
    CountNils,
    If,
    Now,
    Today,
    StringPosition,
    StringSplit,
    Round,
    At,
    /// `get_path(json, [keys])`, `json["a"]`, `json[:a]`: the second argument is a `List` or a `Pinned` list.
    GetPath,
    /// `minus(x)`: `-x`.
    Minus,
    /// `ago(n, unit)`: the unit is a string literal (the parser turns `day` and `:day` into `"day"`).
    Ago,
    FromNow,
    DatetimeAdd,
    DateAdd,
    StartOfDay,
    Error,
}

impl FilterExpr {
    /// The span of the expression's first token, where errors about it point.
    pub fn span(&self) -> Span {
        use syn::spanned::Spanned;
        match self {
            FilterExpr::Field(ident) => ident.span(),
            FilterExpr::Lit(lit) => lit.span(),
            FilterExpr::Nil(span)
            | FilterExpr::List(_, span)
            | FilterExpr::Call(_, span, _)
            | FilterExpr::Exists(_, _, span)
            | FilterExpr::Parent(_, span) => *span,
            FilterExpr::Path(names) => names.first().map_or_else(Span::call_site, Ident::span),
            FilterExpr::Pinned(expr) => expr.span(),
            FilterExpr::Fragment(sql, _) => sql.span(),
            FilterExpr::Not(inner) | FilterExpr::Neg(inner) | FilterExpr::IsNil(inner) => inner.span(),
            FilterExpr::Binary(_, left, _) | FilterExpr::In(left, _) => left.span(),
        }
    }

    /// Every field of the resource itself the expression names, in order
    /// (not the names of paths and `exists`: see `relationship_names`;
    /// fields inside `exists` only where `parent(..)` brings them back).
    pub fn fields(&self) -> Vec<&Ident> {
        self.fields_at(0)
    }

    /// The fields named at `level`: 0 is the expression's own resource,
    /// each `exists` goes one level in, each `parent(..)` one out (an
    /// aggregate's filter names the aggregate's resource at -1).
    pub fn fields_at(&self, level: i32) -> Vec<&Ident> {
        let mut fields = Vec::new();
        self.collect(0, level, &mut |node| {
            if let FilterExpr::Field(ident) = node {
                fields.push(ident);
            }
        });
        fields
    }

    /// The first name of every path and `exists` (a relationship of the
    /// resource at `level`, see `fields_at`), in order.
    pub fn relationship_names_at(&self, level: i32) -> Vec<&Ident> {
        let mut names = Vec::new();
        self.collect(0, level, &mut |node| {
            if let FilterExpr::Path(path) | FilterExpr::Exists(path, ..) = node {
                names.extend(path.first());
            }
        });
        names
    }

    /// Every node at `wanted`, `self` being at `level`.
    pub fn collect<'a>(&'a self, level: i32, wanted: i32, visit: &mut dyn FnMut(&'a FilterExpr)) {
        if level == wanted {
            visit(self);
        }
        match self {
            FilterExpr::Exists(_, filter, _) => {
                if let Some(filter) = filter {
                    filter.collect(level + 1, wanted, visit);
                }
            }
            FilterExpr::Parent(inner, _) => inner.collect(level - 1, wanted, visit),
            FilterExpr::Field(_) | FilterExpr::Path(_) => {}
            FilterExpr::Lit(_) | FilterExpr::Nil(_) | FilterExpr::Pinned(_) => {}
            FilterExpr::Not(inner) | FilterExpr::Neg(inner) | FilterExpr::IsNil(inner) => {
                inner.collect(level, wanted, visit)
            }
            FilterExpr::Binary(_, left, right) | FilterExpr::In(left, right) => {
                left.collect(level, wanted, visit);
                right.collect(level, wanted, visit);
            }
            FilterExpr::List(items, _) | FilterExpr::Call(_, _, items) | FilterExpr::Fragment(_, items) => {
                items.iter().for_each(|item| item.collect(level, wanted, visit));
            }
        }
    }
}

impl Validation {
    pub fn new(rule: ValidationRule) -> Self {
        Validation { rule, on: None, on_span: None, conditions: Vec::new(), only_when_valid: None, message: None }
    }
}

/// An option or section name the surface did not know.
#[derive(Debug, Clone)]
pub struct UnknownOption {
    pub ident: Ident,
    /// The options that were allowed where it stood, for "did you mean".
    pub expected: &'static [&'static str],
}
