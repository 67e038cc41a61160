//! The expression tree: plain data (`Clone`, `Debug`, `PartialEq`) over
//! values, with no knowledge of resources, so that data layers can read it
//! (match on the variants) and descriptions can hold it. What names mean is
//! `resolve.rs`; evaluation is `eval.rs`; SQL is `data_layer/sql/`.

use std::cmp::Ordering;
use std::ops;

use crate::expr::functions::Function;
use crate::info::value::Value;

/// An expression over one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal or pinned value.
    Value(Value),
    /// A field of the record by name: an attribute, else a calculation, else
    /// an aggregate of the resource.
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
    Fragment {
        /// The SQL text, with one `?` per argument.
        sql: String,
        /// The arguments, in the order of the `?`s.
        args: Vec<Expr>,
    },
    /// `representative.name`: a field (attribute, calculation or aggregate)
    /// of the record reached through to-one relationships (`belongs_to`,
    /// `has_one`); nil when there is none. In SQL a correlated subquery, in
    /// memory a lookup in the related rows the domain prefetched.
    Path {
        /// The relationship names, from the resource the expression is over.
        relationship: Vec<String>,
        /// The field read on the last relationship's destination.
        field: String,
    },
    /// An aggregate over related records: a resource's `aggregates` entry
    /// (named by an `Expr::Ref`) or `exists(tickets, status == "open")`.
    Aggregate(Box<Aggregate>),
    /// `parent(x)`: `x` over the record outside the innermost aggregate or
    /// `exists` filter this stands in (`exists(tickets, priority >
    /// parent(threshold))`); `parent(parent(x))` two levels out. Outside
    /// of any such filter it is an error.
    Parent(Box<Expr>),
    /// A filter over one record joined to one related record at the end of
    /// `path`, whose last step is a to-many relationship (Ash's filter
    /// semantics: `comments.title == "x"` keeps a post when some comment's
    /// title is `"x"`). True when `expr` is true for some related record;
    /// paths in `expr` that start with `path` read that record. With
    /// `or_nil`, a record with no related record is also tried once with
    /// nil there (a left join's NULL row), so `is_nil(comments.title)`
    /// keeps posts without comments. Never nil.
    ///
    /// Filters are given this shape by [`Expr::bind_to_many`] (the domain
    /// does it for every read); an expression names to-many paths, never
    /// this node.
    AnyRelated {
        /// Relationship names from the filter's resource; the last one is to-many.
        path: Vec<String>,
        /// The filter, with `path`'s paths reading the joined record.
        expr: Box<Expr>,
        /// Whether a record without related records is tried with nil.
        or_nil: bool,
    },
    /// `profile.first_name`: `expr` over the value of the record's single
    /// embed `attribute`, read as a record of the embedded resource (its
    /// names are the embed's fields, typed as declared: a date inside the
    /// JSON compares as a date). Nil fields when the attribute is nil or a
    /// key is missing. `profile.address.city` nests one in another.
    Embedded {
        /// The embedded attribute (single, not a list) of the record.
        attribute: String,
        /// Over the embedded resource.
        expr: Box<Expr>,
    },
    /// `exists(tags, name == "rust")`: whether `filter` (over the embedded
    /// resource) is true for some item of the list embed `attribute`.
    /// Never nil: false for a nil or empty list.
    AnyEmbedded {
        /// The list embed attribute of the record.
        attribute: String,
        /// Over one item, as a record of the embedded resource.
        filter: Box<Expr>,
    },
}

/// An aggregate over the records at the end of a relationship path.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// What is computed: `count`, `exists`, `sum`, ..
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
    /// `==`: equal under `Value::compare` (numbers across kinds, ci strings
    /// without case); nil when either side is nil or the kinds do not compare.
    Eq,
    /// `!=`: the negation of `==`; nil in the same cases.
    NotEq,
    /// `<`; nil when either side is nil or the kinds do not compare.
    Lt,
    /// `<=`; nil when either side is nil or the kinds do not compare.
    Le,
    /// `>`; nil when either side is nil or the kinds do not compare.
    Gt,
    /// `>=`; nil when either side is nil or the kinds do not compare.
    Ge,
    /// `&&`, `and`: SQL's three-valued `AND`: false if either side is false,
    /// true if both are true, else nil (a non-boolean counts as nil).
    And,
    /// `||`, `or`: SQL's three-valued `OR`: true if either side is true,
    /// false if both are false, else nil (a non-boolean counts as nil).
    Or,
    /// `+`: numbers (integer, float, decimal). Integers stay integers (on
    /// overflow a float, as in SQLite); a float side makes a float, a
    /// decimal side a decimal (a float next to it is converted); nil if
    /// either side is nil or not a number.
    Add,
    /// `-`, as `+`.
    Sub,
    /// `*`, as `+`.
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

    /// `==`, `!=`, `<`, `<=`, `>`, `>=`: the operators that give a boolean from two values.
    pub fn is_comparison(self) -> bool {
        matches!(self, BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge)
    }

    /// `+`, `-`, `*`, `/`.
    pub fn is_arithmetic(self) -> bool {
        matches!(self, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div)
    }
}

impl Expr {
    /// `Expr::Ref`: a field of the record by name.
    pub fn field(name: impl Into<String>) -> Expr {
        Expr::Ref(name.into())
    }

    /// `Expr::Value`: a literal.
    pub fn value(value: impl Into<Value>) -> Expr {
        Expr::Value(value.into())
    }

    /// The literal nil.
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

    /// `left op right`.
    pub fn binary(op: BinaryOp, left: Expr, right: Expr) -> Expr {
        Expr::Binary(op, Box::new(left), Box::new(right))
    }

    /// `self and other`.
    pub fn and(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::And, self, other)
    }

    /// `self or other`.
    pub fn or(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::Or, self, other)
    }

    /// `self <> other`.
    pub fn concat(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::Concat, self, other)
    }

    /// `is_nil(expr)`.
    pub fn is_nil(expr: Expr) -> Expr {
        Expr::IsNil(Box::new(expr))
    }

    /// `expr in [items..]`.
    pub fn in_list(expr: Expr, items: Vec<Expr>) -> Expr {
        Expr::In(Box::new(expr), items)
    }

    /// `function(args..)`.
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

    /// A field of the record at the end of a to-one relationship path, by name.
    pub fn path(relationship: Vec<String>, field: impl Into<String>) -> Expr {
        Expr::Path { relationship, field: field.into() }
    }

    /// `exists(tickets, status == "open")`: whether a related record matches.
    pub fn exists(path: &[&str], filter: Option<Expr>) -> Expr {
        let path = path.iter().map(|s| s.to_string()).collect();
        Expr::Aggregate(Box::new(Aggregate { filter, ..Aggregate::new(AggregateKind::Exists, path, None) }))
    }

    /// `parent(expr)`: `expr` over the record outside the enclosing
    /// aggregate's or `exists`'s filter.
    pub fn parent(expr: Expr) -> Expr {
        Expr::Parent(Box::new(expr))
    }

    /// `attribute.field` into a single embed: `Expr::embedded("profile", Expr::field("first_name"))`.
    pub fn embedded(attribute: impl Into<String>, expr: Expr) -> Expr {
        Expr::Embedded { attribute: attribute.into(), expr: Box::new(expr) }
    }

    /// `exists(attribute, filter)` over the items of a list embed.
    pub fn any_embedded(attribute: impl Into<String>, filter: Expr) -> Expr {
        Expr::AnyEmbedded { attribute: attribute.into(), filter: Box::new(filter) }
    }

    /// Whether a `fragment` occurs anywhere in the expression: it can only
    /// run in SQL.
    pub fn has_fragment(&self) -> bool {
        let mut found = false;
        self.walk(&mut |expr| {
            found |= match expr {
                Expr::Fragment { .. } => true,
                Expr::AnyRelated { expr, .. } | Expr::Parent(expr) => expr.has_fragment(),
                Expr::Embedded { expr, .. } | Expr::AnyEmbedded { filter: expr, .. } => expr.has_fragment(),
                _ => false,
            }
        });
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
            // Nor is `parent(..)`'s expression (over the outer resource), nor
            // an `AnyRelated`'s (its paths read the joined record): resolve.rs
            // walks them with what they mean.
            Expr::Value(_) | Expr::Ref(_) | Expr::Path { .. } | Expr::Aggregate(_) | Expr::Parent(_) => {}
            Expr::AnyRelated { .. } => {}
            // Over the embedded resource.
            Expr::Embedded { .. } | Expr::AnyEmbedded { .. } => {}
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

impl From<Value> for Expr {
    fn from(value: Value) -> Self {
        Expr::Value(value)
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

/// Ash's aggregate kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AggregateKind {
    /// The number of related records (with a field: of non-nil values). Never nil: 0.
    Count,
    /// Whether there is a related record. Never nil: false.
    Exists,
    /// The sum of a field; nil when there is nothing to add (Ash), unless a `default` is given.
    Sum,
    /// The smallest non-nil value of a field; nil when there is none, unless a `default` is given.
    Min,
    /// The largest non-nil value of a field; nil when there is none, unless a `default` is given.
    Max,
    /// The mean of a field: a float (a decimal for decimal fields).
    Avg,
    /// The field of the first related record in the aggregate's `sort`.
    First,
    /// The field of every related record, in the aggregate's `sort`.
    List,
}

impl AggregateKind {
    /// Ash's name of the kind: `"count"`, `"exists"`, ..
    pub fn as_str(self) -> &'static str {
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

    /// Whether the kind aggregates a field (all but `count` and `exists`, where it is optional or absent).
    pub fn needs_field(self) -> bool {
        !matches!(self, AggregateKind::Count | AggregateKind::Exists)
    }
}

/// Sort direction, with Ash's nil placement (`asc` puts nils last, `desc` first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Ascending, nils last (Ash's `:asc`).
    Asc,
    /// Descending, nils first (Ash's `:desc`).
    Desc,
    /// Ascending, nils first (Ash's `:asc_nils_first`).
    AscNilsFirst,
    /// Descending, nils last (Ash's `:desc_nils_last`).
    DescNilsLast,
}

impl SortOrder {
    /// Whether the values go from largest to smallest.
    pub fn is_desc(self) -> bool {
        matches!(self, SortOrder::Desc | SortOrder::DescNilsLast)
    }

    /// Whether nils come before the other values.
    pub fn nils_first(self) -> bool {
        matches!(self, SortOrder::Desc | SortOrder::AscNilsFirst)
    }

    /// The order that lists the same values backwards (nils too): `asc`
    /// (nils last) becomes `desc` (nils first).
    pub fn reversed(self) -> SortOrder {
        match self {
            SortOrder::Asc => SortOrder::Desc,
            SortOrder::Desc => SortOrder::Asc,
            SortOrder::AscNilsFirst => SortOrder::DescNilsLast,
            SortOrder::DescNilsLast => SortOrder::AscNilsFirst,
        }
    }

    /// Ash's order of two values: nils placed by `nils_first`, the rest by
    /// `Value::compare` (values that do not compare are equal).
    pub fn compare(self, a: &Value, b: &Value) -> Ordering {
        let nil_side = if self.nils_first() { Ordering::Less } else { Ordering::Greater };
        match (a.is_nil(), b.is_nil()) {
            (true, true) => Ordering::Equal,
            (true, false) => nil_side,
            (false, true) => nil_side.reverse(),
            (false, false) => {
                let ordering = a.compare(b).unwrap_or(Ordering::Equal);
                if self.is_desc() { ordering.reverse() } else { ordering }
            }
        }
    }
}
