//! Expressions as data: the tree that filters, calculations and validations
//! are made of (Ash's `expr`). `expr!(price < 1 && like(name, "%an%"))`
//! builds one; so do the field handles (`product::price.lt(..)`) and the
//! constructors below.
//!
//! The same tree is evaluated in memory (`eval.rs`: the ETS layer, embedded
//! resources) and compiled to parameterised SQL (`sql.rs`: SQLite). Nil
//! follows SQL's three-valued logic in both. `docs/expressions.md` describes
//! the language, its nil semantics and its SQL.
//!
//! The tree is plain data (`Clone`, `Debug`, `PartialEq`) so that data layers
//! can read it: match on the variants. New kinds of expression (relationship
//! paths, aggregates) are new variants; `eval.rs` and `sql.rs` each have one
//! exhaustive `match` to extend.

use std::ops;

use crate::error::{Error, Result};
use crate::field::{Field, Relation};
use crate::info::{AggregateKind, ResourceInfo, Type};
use crate::query::SortOrder;
use crate::resource::Resource;
use crate::value::Value;

mod eval;
pub mod functions;
pub mod related;
mod resolve;
pub mod sql;
mod sql_related;

#[cfg(test)]
mod related_tests;
#[cfg(test)]
mod sql_tests;
#[cfg(test)]
mod tests;

pub use functions::Function;
pub(crate) use resolve::reached_resources;

/// An expression over one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal or pinned value.
    Value(Value),
    /// A reference to an attribute by name.
    Ref(String),
    /// `!x`, `not x`: nil stays nil.
    Not(Box<Expr>),
    /// Comparisons, `and`/`or`, arithmetic and `<>` (concatenation).
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `is_nil(x)`: true or false, never nil.
    IsNil(Box<Expr>),
    /// `x in [a, b]`: as SQL's `IN`, nil when `x` is nil or when nothing
    /// matched and the list holds a nil; false for an empty list.
    In(Box<Expr>, Vec<Expr>),
    /// A function call: `like(name, "%an%")`, `lower(x)`, `now()`.
    Call(Function, Vec<Expr>),
    /// `if(cond, then, else)`: `then` when `cond` is true, else `else`
    /// (also when `cond` is nil).
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `fragment("sql with ? placeholders", args..)`: SQL written by the
    /// developer, each `?` replaced by one argument (fields or bound values).
    /// `\?` is a literal question mark. Only SQL data layers can run it.
    Fragment { sql: String, args: Vec<Expr> },
    /// `representative.name`: a field (attribute, calculation or aggregate)
    /// of the record reached through to-one relationships (`belongs_to`,
    /// `has_one`); nil when there is none. In SQL a correlated subquery, in
    /// memory a lookup in the related rows the domain prefetched.
    Path { relationship: Vec<String>, field: String },
    /// An aggregate over related records: a resource's `aggregates` entry
    /// (named by an `Expr::Ref`) or `exists(tickets, status == "open")`.
    Aggregate(Box<Aggregate>),
}

/// An aggregate over the records at the end of a relationship path.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub kind: AggregateKind,
    /// Relationship names, from the resource the expression is over.
    pub path: Vec<String>,
    /// The destination's field (attribute or calculation); `count` and
    /// `exists` may go without.
    pub field: Option<String>,
    /// Only the related records where this holds (an expression over the destination).
    pub filter: Option<Expr>,
    /// `first` and `list`: the order of the related records.
    pub sort: Vec<(String, SortOrder)>,
    /// The value when there is nothing to aggregate (instead of nil).
    pub default: Option<Value>,
    /// `count` and `list`: distinct values only.
    pub uniq: bool,
    /// `first` and `list`: keep nil values.
    pub include_nil: bool,
}

impl Aggregate {
    /// An aggregate of `kind` over `path` with Ash's defaults for the rest.
    pub fn new(kind: AggregateKind, path: Vec<String>, field: Option<String>) -> Aggregate {
        Aggregate { kind, path, field, filter: None, sort: Vec::new(), default: None, uniq: false, include_nil: false }
    }
}

/// The operators of `Expr::Binary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    /// `+`: numbers (integer, float, decimal).
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`: always a true division (`7 / 2` is `3.5`); by zero it is nil.
    Div,
    /// `<>`: string concatenation (Ash's `<>`); nil if either side is nil.
    Concat,
}

impl BinaryOp {
    /// The operator as `expr!` writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Concat => "<>",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(self, BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge)
    }

    pub fn is_arithmetic(self) -> bool {
        matches!(self, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div)
    }
}

impl Expr {
    /// `expr!`'s closures, run against `R`'s field handles:
    /// `Expr::of::<Product>(expr!(price < 1))`.
    pub fn of<R: Resource>(build: impl FnOnce(&R::Fields) -> Expr) -> Expr {
        build(R::fields())
    }

    pub fn field(name: impl Into<String>) -> Expr {
        Expr::Ref(name.into())
    }

    pub fn value(value: impl Into<Value>) -> Expr {
        Expr::Value(value.into())
    }

    pub fn nil() -> Expr {
        Expr::Value(Value::Nil)
    }

    /// One `Expr::Value` per item: the items of a pinned list (`x in ^list`).
    pub fn values<I>(items: I) -> Vec<Expr>
    where
        I: IntoIterator,
        I::Item: Into<Value>,
    {
        items.into_iter().map(Expr::value).collect()
    }

    pub fn binary(op: BinaryOp, left: Expr, right: Expr) -> Expr {
        Expr::Binary(op, Box::new(left), Box::new(right))
    }

    pub fn and(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::And, self, other)
    }

    pub fn or(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::Or, self, other)
    }

    /// `self <> other`.
    pub fn concat(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::Concat, self, other)
    }

    pub fn is_nil(expr: Expr) -> Expr {
        Expr::IsNil(Box::new(expr))
    }

    /// `expr in [items..]`.
    pub fn in_list(expr: Expr, items: Vec<Expr>) -> Expr {
        Expr::In(Box::new(expr), items)
    }

    pub fn call(function: Function, args: Vec<Expr>) -> Expr {
        Expr::Call(function, args)
    }

    /// `string_join([items..], separator)`: the non-nil items as text, joined.
    pub fn string_join(items: Vec<Expr>, separator: Expr) -> Expr {
        let mut args = Vec::with_capacity(items.len() + 1);
        args.push(separator);
        args.extend(items);
        Expr::Call(Function::StringJoin, args)
    }

    /// `if(cond, then, otherwise)`.
    pub fn if_else(cond: Expr, then: Expr, otherwise: Expr) -> Expr {
        Expr::If(Box::new(cond), Box::new(then), Box::new(otherwise))
    }

    /// `fragment("sql ? ?", args..)`.
    pub fn fragment(sql: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Fragment { sql: sql.into(), args }
    }

    /// `representative.name` through the typed handles `expr!` writes:
    /// `Expr::related(&["representative"], fields.representative.fields().name)`.
    pub fn related<R, T>(path: &[&str], field: Field<R, T>) -> Expr {
        Expr::path(path.iter().map(|s| s.to_string()).collect(), field.name)
    }

    /// A field of the record at the end of a to-one relationship path, by name.
    pub fn path(relationship: Vec<String>, field: impl Into<String>) -> Expr {
        Expr::Path { relationship, field: field.into() }
    }

    /// `exists(tickets, status == "open")`: whether a related record matches.
    pub fn exists(path: &[&str], filter: Option<Expr>) -> Expr {
        let path = path.iter().map(|s| s.to_string()).collect();
        Expr::Aggregate(Box::new(Aggregate { filter, ..Aggregate::new(AggregateKind::Exists, path, None) }))
    }

    /// `exists(..)` through a typed relationship handle, with a filter over
    /// the destination's field handles: `Expr::exists_in(ticket::tags, |t| t.name.eq("bug"))`.
    pub fn exists_in<R, D: crate::ResourceFields>(
        relation: Relation<R, D>,
        filter: impl FnOnce(&D::Fields) -> Expr,
    ) -> Expr {
        Expr::exists(&[relation.name], Some(filter(D::fields())))
    }

    /// Whether a `fragment` occurs anywhere in the expression: it can only
    /// run in SQL.
    pub fn has_fragment(&self) -> bool {
        let mut found = false;
        self.walk(&mut |expr| found |= matches!(expr, Expr::Fragment { .. }));
        found
    }

    /// Calls `visit` on this expression and on every expression inside it,
    /// parents before children. It stays on this resource: an aggregate's
    /// filter (over the destination) is not entered, nor are the
    /// expressions of calculations named.
    pub fn walk(&self, visit: &mut impl FnMut(&Expr)) {
        visit(self);
        match self {
            // An aggregate's filter is over another resource: not walked here.
            Expr::Value(_) | Expr::Ref(_) | Expr::Path { .. } | Expr::Aggregate(_) => {}
            Expr::Not(inner) | Expr::IsNil(inner) => inner.walk(visit),
            Expr::Binary(_, left, right) => {
                left.walk(visit);
                right.walk(visit);
            }
            Expr::In(left, items) => {
                left.walk(visit);
                items.iter().for_each(|item| item.walk(visit));
            }
            Expr::Call(_, args) | Expr::Fragment { args, .. } => args.iter().for_each(|arg| arg.walk(visit)),
            Expr::If(cond, then, otherwise) => {
                cond.walk(visit);
                then.walk(visit);
                otherwise.walk(visit);
            }
        }
    }
}

impl Expr {
    /// The type of the expression's value, as far as it can be known without
    /// a row: attributes have theirs, comparisons and logic are booleans,
    /// arithmetic widens (integer, float, decimal; `/` is never an integer),
    /// `if` takes its branches'. `None` for nil, fragments and branches of
    /// unknown type. The SQL compiler uses it to pick casts and collations.
    pub fn static_type(&self, resource: &ResourceInfo) -> Option<Type> {
        match self {
            Expr::Value(value) => value_type(value),
            Expr::Ref(name) => resolve::name_type(resource, name, 0),
            Expr::Not(_) | Expr::IsNil(_) | Expr::In(..) => Some(Type::Boolean),
            Expr::Binary(op, left, right) => match op {
                BinaryOp::Concat => Some(Type::String),
                op if op.is_arithmetic() => {
                    let tys = [left.static_type(resource), right.static_type(resource)];
                    if tys.contains(&Some(Type::Decimal)) {
                        Some(Type::Decimal)
                    } else if *op == BinaryOp::Div || tys.contains(&Some(Type::Float)) {
                        Some(Type::Float)
                    } else {
                        Some(Type::Integer)
                    }
                }
                _ => Some(Type::Boolean),
            },
            Expr::Call(function, _) => Some(match function {
                Function::Like | Function::ILike | Function::Contains => Type::Boolean,
                Function::Lower | Function::Upper | Function::StringJoin | Function::Concat => Type::String,
                Function::Length => Type::Integer,
                Function::Now => Type::UtcDatetime,
                Function::Today => Type::Date,
            }),
            Expr::If(_, then, otherwise) => then.static_type(resource).or_else(|| otherwise.static_type(resource)),
            Expr::Fragment { .. } => None,
            Expr::Path { relationship, field } => resolve::path_type(resource, relationship, field),
            Expr::Aggregate(aggregate) => resolve::aggregate_type(resource, aggregate),
        }
    }

    /// Checks that the expression can be a filter: its value is a boolean
    /// (or of a type not known before it runs, like a fragment's). A filter
    /// `price` or `name <> "x"` is a mistake that SQL would read as "truthy".
    pub fn check_filter(&self, resource: &ResourceInfo) -> Result<()> {
        match self.static_type(resource) {
            None | Some(Type::Boolean) => Ok(()),
            Some(ty) => Err(Error::DataLayer(format!(
                "a filter must be a boolean expression, but this one is of type {}",
                ty.ash_name()
            ))),
        }
    }
}

fn value_type(value: &Value) -> Option<Type> {
    Some(match value {
        Value::Nil => return None,
        Value::Bool(_) => Type::Boolean,
        Value::Int(_) => Type::Integer,
        Value::Float(_) => Type::Float,
        Value::Decimal(_) => Type::Decimal,
        Value::String(_) => Type::String,
        Value::CiString(_) => Type::CiString,
        Value::Uuid(_) => Type::Uuid,
        Value::Date(_) => Type::Date,
        Value::DateTime(_) => Type::UtcDatetime,
        Value::Atom(_) => Type::Atom(&[]),
        Value::Json(_) => Type::Json,
    })
}

impl From<Value> for Expr {
    fn from(value: Value) -> Self {
        Expr::Value(value)
    }
}

/// A field handle as an expression: a reference to its attribute.
impl<R, T> From<Field<R, T>> for Expr {
    fn from(field: Field<R, T>) -> Self {
        Expr::Ref(field.name.to_string())
    }
}

impl ops::Not for Expr {
    type Output = Expr;
    fn not(self) -> Expr {
        Expr::Not(Box::new(self))
    }
}

macro_rules! arithmetic {
    ($($trait:ident $method:ident $op:ident),*) => {$(
        impl ops::$trait for Expr {
            type Output = Expr;
            fn $method(self, other: Expr) -> Expr {
                Expr::binary(BinaryOp::$op, self, other)
            }
        }
    )*};
}

arithmetic!(Add add Add, Sub sub Sub, Mul mul Mul, Div div Div);
