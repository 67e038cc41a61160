//! What the names of an expression refer to beyond the row's attributes:
//! calculations (whose expressions are inlined), aggregates, and the
//! resources at the end of relationship paths. Shared by evaluation (`eval.rs`,
//! `related.rs`), the SQL compiler (`sql.rs`, `sql_related.rs`) and the
//! domain, which prefetches related rows for in-memory layers.

use crate::expr::functions::Function;
use crate::expr::tree::{Aggregate, Expr};
use crate::expr::tree::{AggregateKind, BinaryOp};
use crate::info::error::{Error, Result};
use crate::info::value::Value;
use crate::info::{AggregateInfo, AttributeInfo, CalculationInfo, RelationshipInfo, ResourceInfo, Type};

/// How deep calculations may name calculations before it is taken for a cycle.
pub(crate) const MAX_DEPTH: usize = 32;

/// What a name means on a resource.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Named {
    Attribute(usize, &'static AttributeInfo),
    Calculation(&'static CalculationInfo),
    Aggregate(&'static AggregateInfo),
}

/// Attributes first, then calculations, then aggregates.
pub(crate) fn lookup(resource: &ResourceInfo, name: &str) -> Option<Named> {
    if let Some((i, attribute)) = resource.attributes.iter().enumerate().find(|(_, a)| a.name == name) {
        return Some(Named::Attribute(i, attribute));
    }
    if let Some(calculation) = resource.calculation(name) {
        return Some(Named::Calculation(calculation));
    }
    resource.aggregate(name).map(Named::Aggregate)
}

pub(crate) fn unknown_name(resource: &ResourceInfo, name: &str) -> Error {
    let hint = if resource.relationship(name).is_some() {
        format!(" (`{name}` is a relationship: name one of its fields, `{name}.field`, or aggregate it)")
    } else {
        String::new()
    };
    Error::DataLayer(format!("{} has no attribute `{name}` to use in an expression{hint}", resource.name))
}

pub(crate) fn too_deep(resource: &ResourceInfo, name: &str) -> Error {
    Error::DataLayer(format!(
        "calculation `{name}` of {} refers to itself (or nests more than {MAX_DEPTH} calculations)",
        resource.name
    ))
}

/// The relationship `name` of `resource`, or an error naming the ones it has.
pub(crate) fn relationship(resource: &ResourceInfo, name: &str) -> Result<&'static RelationshipInfo> {
    resource.relationship(name).ok_or_else(|| {
        let known: Vec<&str> = resource.relationships.iter().map(|r| r.name).collect();
        let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
        Error::DataLayer(format!("{} has no relationship `{name}` (its relationships: {known})", resource.name))
    })
}

/// The relationships of `path`, in order, with the resource each leads to.
pub(crate) fn hops(
    resource: &ResourceInfo,
    path: &[String],
) -> Result<Vec<(&'static RelationshipInfo, &'static ResourceInfo)>> {
    let mut out = Vec::with_capacity(path.len());
    let mut current: &ResourceInfo = resource;
    for name in path {
        let rel = relationship(current, name)?;
        let dest = rel.destination();
        out.push((rel, dest));
        current = dest;
    }
    Ok(out)
}

/// The resources of a to-one path (`representative.manager`); a to-many
/// relationship on the way is an error that says what such a path means.
pub(crate) fn to_one_hops(
    resource: &ResourceInfo,
    path: &[String],
) -> Result<Vec<(&'static RelationshipInfo, &'static ResourceInfo)>> {
    let hops = hops(resource, path)?;
    if let Some((rel, _)) = hops.iter().find(|(rel, _)| rel.kind.is_to_many()) {
        return Err(to_many_value(rel, path));
    }
    Ok(hops)
}

/// A path through a to-many relationship where one value is needed.
pub(crate) fn to_many_value(rel: &RelationshipInfo, path: &[String]) -> Error {
    Error::DataLayer(format!(
        "`{}` is a {} relationship: the path `{}` has many values; in a filter it means \"some related \
         record\", but here one value is needed (a calculation, a sort, a computed value): aggregate it \
         (`exists({}, ..)`, or a `first`, `list` or other `aggregates` entry) instead",
        rel.name,
        rel.kind.as_str(),
        path.join("."),
        path.join("."),
    ))
}

/// The static type of a name: an attribute's, a calculation's, an aggregate's.
pub(crate) fn name_type(resource: &ResourceInfo, name: &str, depth: usize) -> Option<Type> {
    match lookup(resource, name)? {
        Named::Attribute(_, attribute) => Some(attribute.ty),
        Named::Calculation(calculation) => Some(calculation.ty),
        Named::Aggregate(aggregate) if depth < MAX_DEPTH => {
            let dest = last_resource(resource, aggregate.path.iter().copied())?;
            let field = aggregate.field.and_then(|field| name_type(dest, field, depth + 1));
            aggregate.kind.value_type(field)
        }
        Named::Aggregate(_) => None,
    }
}

pub(crate) fn path_type(resource: &ResourceInfo, path: &[String], field: &str) -> Option<Type> {
    let dest = last_resource(resource, path.iter().map(String::as_str))?;
    name_type(dest, field, 0)
}

pub(crate) fn aggregate_type(resource: &ResourceInfo, aggregate: &Aggregate) -> Option<Type> {
    let dest = last_resource(resource, aggregate.path.iter().map(String::as_str))?;
    let field = aggregate.field.as_deref().and_then(|field| name_type(dest, field, 0));
    aggregate.kind.value_type(field)
}

fn last_resource<'a>(resource: &ResourceInfo, path: impl Iterator<Item = &'a str>) -> Option<&'static ResourceInfo> {
    let mut current: Option<&'static ResourceInfo> = None;
    for name in path {
        let rel = match current {
            None => resource.relationship(name)?,
            Some(dest) => dest.relationship(name)?,
        };
        current = Some(rel.destination());
    }
    current
}

/// Something an expression reaches, reported by [`walk_reached`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reached<'e> {
    /// A node of an expression (calculations' expressions included).
    Node(&'e Expr),
    /// A relationship followed (by a path or an aggregate).
    Hop(&'static RelationshipInfo),
}

/// Walks `expr` over `resource` and everything it reaches: the expressions
/// of the calculations it names, the relationships its paths and aggregates
/// follow, and on their far side the fields, filters and sorts named there.
/// Fails on a name that resolves to nothing, a path through a to-many
/// relationship where it has no "some related record" meaning (outside an
/// [`Expr::AnyRelated`] over it), a `parent(..)` outside any aggregate or
/// `exists` filter, and a calculation that refers to itself.
pub(crate) fn walk_reached(
    expr: &Expr,
    resource: &ResourceInfo,
    visit: &mut dyn FnMut(Reached<'_>) -> Result<()>,
) -> Result<()> {
    walk(expr, resource, 0, &Scope::default(), visit)
}

/// What names mean where the walk is: the resources outside the enclosing
/// aggregate filters (for `parent(..)`, innermost last), and the to-many
/// paths bound by enclosing `AnyRelated`s.
#[derive(Debug, Clone, Default)]
struct Scope<'s> {
    outer: Vec<(&'s ResourceInfo, Scope<'s>)>,
    bound: Vec<&'s [String]>,
}

fn walk<'s>(
    expr: &'s Expr,
    resource: &'s ResourceInfo,
    depth: usize,
    scope: &Scope<'s>,
    visit: &mut dyn FnMut(Reached<'_>) -> Result<()>,
) -> Result<()> {
    let mut result = Ok(());
    expr.walk(&mut |node| {
        if result.is_ok() {
            result = visit_node(node, resource, depth, scope, visit);
        }
    });
    result
}

fn visit_node<'s>(
    node: &'s Expr,
    resource: &'s ResourceInfo,
    depth: usize,
    scope: &Scope<'s>,
    visit: &mut dyn FnMut(Reached<'_>) -> Result<()>,
) -> Result<()> {
    visit(Reached::Node(node))?;
    match node {
        Expr::Ref(name) => visit_name(resource, name, depth, scope, visit),
        Expr::Path { relationship, field } => {
            let hops = hops(resource, relationship)?;
            let mut dest: &ResourceInfo = resource;
            for (i, &(rel, to)) in hops.iter().enumerate() {
                if rel.kind.is_to_many() && !scope.bound.contains(&&relationship[..=i]) {
                    return Err(to_many_value(rel, relationship));
                }
                visit(Reached::Hop(rel))?;
                dest = to;
            }
            visit_name(dest, field, depth + 1, &Scope::default(), visit)
        }
        Expr::Aggregate(aggregate) => visit_aggregate(aggregate, resource, depth, scope, visit),
        Expr::AnyRelated { path, expr, .. } => {
            for &(rel, _) in &hops(resource, path)? {
                visit(Reached::Hop(rel))?;
            }
            let mut inner = scope.clone();
            inner.bound.push(path);
            walk(expr, resource, depth + 1, &inner, visit)
        }
        Expr::Parent(inner) => match scope.outer.split_last() {
            Some(((outer, outer_scope), _)) => walk(inner, outer, depth + 1, outer_scope, visit),
            None => Err(parent_outside()),
        },
        Expr::Embedded { attribute, expr } | Expr::AnyEmbedded { attribute, filter: expr } => {
            let list = matches!(node, Expr::AnyEmbedded { .. });
            let embed = crate::expr::embedded::embed_of(resource, attribute, list)?;
            if list {
                expr.check_filter(embed)?;
            }
            // `parent(..)` inside reads the record holding the embed.
            let mut outer = scope.outer.clone();
            outer.push((resource, Scope { outer: scope.outer.clone(), bound: scope.bound.clone() }));
            walk(expr, embed, depth + 1, &Scope { outer, bound: Vec::new() }, visit)
        }
        _ => Ok(()),
    }
}

/// `parent(..)` where there is no outer record.
pub(crate) fn parent_outside() -> Error {
    Error::DataLayer(
        "parent(..) refers to the record outside an `exists(..)` or aggregate filter, and is used outside of one"
            .to_string(),
    )
}

fn visit_name<'s>(
    resource: &'s ResourceInfo,
    name: &str,
    depth: usize,
    scope: &Scope<'s>,
    visit: &mut dyn FnMut(Reached<'_>) -> Result<()>,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(too_deep(resource, name));
    }
    match lookup(resource, name) {
        None => Err(unknown_name(resource, name)),
        Some(Named::Attribute(..)) => Ok(()),
        Some(Named::Calculation(calculation)) => {
            let expr = (calculation.expr)();
            walk(&expr, resource, depth + 1, &Scope { outer: scope.outer.clone(), bound: Vec::new() }, visit)
        }
        Some(Named::Aggregate(aggregate)) => {
            let Expr::Aggregate(aggregate) = aggregate.to_expr() else { unreachable!("to_expr makes an aggregate") };
            visit_aggregate(&aggregate, resource, depth + 1, scope, visit)
        }
    }
}

fn visit_aggregate<'s>(
    aggregate: &Aggregate,
    resource: &'s ResourceInfo,
    depth: usize,
    scope: &Scope<'s>,
    visit: &mut dyn FnMut(Reached<'_>) -> Result<()>,
) -> Result<()> {
    if aggregate.path.is_empty() {
        return Err(Error::DataLayer(format!("an aggregate on {} has no relationship path", resource.name)));
    }
    let hops = hops(resource, &aggregate.path)?;
    let mut dest: &'static ResourceInfo = hops[0].1;
    for &(rel, to) in &hops {
        visit(Reached::Hop(rel))?;
        dest = to;
    }
    match (&aggregate.field, aggregate.kind.needs_field()) {
        (Some(field), _) => visit_name(dest, field, depth + 1, &Scope::default(), visit)?,
        (None, true) => {
            return Err(Error::DataLayer(format!(
                "a {} aggregate over `{}` needs a field to aggregate",
                aggregate.kind.as_str(),
                aggregate.path.join(".")
            )));
        }
        (None, false) => {}
    }
    if aggregate.kind == AggregateKind::Exists && aggregate.field.is_some() {
        return Err(Error::DataLayer("an exists aggregate takes no field".to_string()));
    }
    if let Some(filter) = &aggregate.filter {
        filter.check_filter(dest)?;
        let filter = filter.bound_to_many(dest)?;
        let mut outer = scope.outer.clone();
        outer.push((resource, Scope { outer: Vec::new(), bound: scope.bound.clone() }));
        // The outer scope keeps its own parents, for `parent(parent(..))`.
        if let Some((_, last)) = outer.last_mut() {
            last.outer = scope.outer.clone();
        }
        walk(&filter, dest, depth + 1, &Scope { outer, bound: Vec::new() }, visit)?;
    }
    for (name, _) in &aggregate.sort {
        visit_name(dest, name, depth + 1, &Scope::default(), visit)?;
    }
    Ok(())
}

impl Expr {
    /// The expression with every calculation and aggregate it names on
    /// `resource` put in place (`Expr::Ref("status_subject")` becomes the
    /// calculation's expression, `Expr::Ref("open_tickets")` an
    /// `Expr::Aggregate`), so that an in-memory scan builds them once.
    pub(crate) fn inline_names(&self, resource: &ResourceInfo) -> Result<Expr> {
        inline(self, resource, 0)
    }
}

fn inline(expr: &Expr, resource: &ResourceInfo, depth: usize) -> Result<Expr> {
    let boxed = |e: &Expr| inline(e, resource, depth).map(Box::new);
    let all = |items: &[Expr]| items.iter().map(|e| inline(e, resource, depth)).collect::<Result<Vec<_>>>();
    Ok(match expr {
        Expr::Ref(name) => match lookup(resource, name) {
            Some(Named::Calculation(calculation)) if depth < MAX_DEPTH => {
                inline(&(calculation.expr)(), resource, depth + 1)?
            }
            Some(Named::Calculation(_)) => return Err(too_deep(resource, name)),
            Some(Named::Aggregate(aggregate)) => aggregate.to_expr(),
            Some(Named::Attribute(..)) | None => expr.clone(),
        },
        // `parent(..)`'s expression is over another resource.
        Expr::Value(_) | Expr::Path { .. } | Expr::Aggregate(_) | Expr::Parent(_) => expr.clone(),
        Expr::Embedded { .. } | Expr::AnyEmbedded { .. } => expr.clone(),
        Expr::AnyRelated { path, expr, or_nil } => {
            Expr::AnyRelated { path: path.clone(), expr: boxed(expr)?, or_nil: *or_nil }
        }
        Expr::Not(inner) => Expr::Not(boxed(inner)?),
        Expr::IsNil(inner) => Expr::IsNil(boxed(inner)?),
        Expr::Binary(op, left, right) => Expr::Binary(*op, boxed(left)?, boxed(right)?),
        Expr::In(left, items) => Expr::In(boxed(left)?, all(items)?),
        Expr::Call(function, args) => Expr::Call(*function, all(args)?),
        Expr::If(cond, then, otherwise) => Expr::If(boxed(cond)?, boxed(then)?, boxed(otherwise)?),
        Expr::Fragment { sql, args } => Expr::Fragment { sql: sql.clone(), args: all(args)? },
    })
}

impl Expr {
    /// The filter with its paths through to-many relationships given Ash's
    /// meaning: the filter is about one record joined to one related record
    /// per to-many relationship (a left join), and keeps the record when
    /// some such combination passes. So `comments.title == "x"` keeps posts
    /// with a comment titled `"x"`; `comments.points > 10 &&
    /// comments.title == "x"` asks it of the same comment;
    /// `!(comments.title == "x")` keeps posts with a comment titled
    /// otherwise; `is_nil(comments.title)` also keeps posts without
    /// comments (the join's NULL row). Each to-many prefix of the paths
    /// becomes an [`Expr::AnyRelated`] around the whole filter, shortest
    /// first. Paths inside calculations, aggregates and `parent(..)` are
    /// not bound (there, a to-many path is an error). The domain does this
    /// for every read's filter and for aggregates' filters; a filter with
    /// nothing to bind is returned as it is.
    pub fn bind_to_many(&self, resource: &ResourceInfo) -> Result<Expr> {
        self.bound_to_many(resource).map(std::borrow::Cow::into_owned)
    }

    pub(crate) fn bound_to_many(&self, resource: &ResourceInfo) -> Result<std::borrow::Cow<'_, Expr>> {
        let mut prefixes: Vec<Vec<String>> = Vec::new();
        let mut failed = None;
        self.walk(&mut |node| {
            let Expr::Path { relationship, .. } = node else { return };
            match hops(resource, relationship) {
                Ok(hops) => {
                    for (i, (rel, _)) in hops.iter().enumerate() {
                        let prefix = &relationship[..=i];
                        if rel.kind.is_to_many() && !prefixes.iter().any(|p| p == prefix) {
                            prefixes.push(prefix.to_vec());
                        }
                    }
                }
                Err(error) => failed = failed.take().or(Some(error)),
            }
        });
        if let Some(error) = failed {
            return Err(error);
        }
        if prefixes.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(self));
        }
        // Shortest outermost, so that `comments.tags` is joined from the joined comment.
        prefixes.sort_by_key(Vec::len);
        let mut bound = self.clone();
        for prefix in prefixes.into_iter().rev() {
            let or_nil = !falsy_without(self, &prefix);
            bound = Expr::AnyRelated { path: prefix, expr: Box::new(bound), or_nil };
        }
        Ok(std::borrow::Cow::Owned(bound))
    }
}

/// Whether `expr` is nil when the paths through `prefix` are nil.
fn nil_without(expr: &Expr, prefix: &[String]) -> bool {
    let nil = |e: &Expr| nil_without(e, prefix);
    match expr {
        Expr::Path { relationship, .. } => relationship.starts_with(prefix),
        Expr::Value(Value::Nil) => true,
        Expr::Binary(BinaryOp::And, left, _) => nil(left),
        Expr::Binary(BinaryOp::Or, left, right) => nil(left) && nil(right),
        Expr::Binary(_, left, right) => nil(left) || nil(right),
        Expr::Not(inner) => nil(inner),
        Expr::In(left, items) => !items.is_empty() && nil(left),
        Expr::If(_, then, otherwise) => nil(then) && nil(otherwise),
        Expr::Call(function, args) => function.nil_in_nil_out() && args.iter().any(nil),
        _ => false,
    }
}

/// Whether `expr` is nil or false (keeps no record) when the paths through
/// `prefix` are nil: then a record without related records needs no try
/// with nil.
fn falsy_without(expr: &Expr, prefix: &[String]) -> bool {
    let falsy = |e: &Expr| falsy_without(e, prefix);
    nil_without(expr, prefix)
        || match expr {
            Expr::Value(Value::Bool(false)) => true,
            Expr::Binary(BinaryOp::And, left, right) => falsy(left) || falsy(right),
            Expr::Binary(BinaryOp::Or, left, right) => falsy(left) && falsy(right),
            Expr::Not(inner) => nil_without(inner, prefix),
            Expr::If(_, then, otherwise) => falsy(then) && falsy(otherwise),
            _ => false,
        }
}

/// Calls `f` with every other resource `expr` (over `resource`) reaches:
/// the destinations of its paths and aggregates (with the relationship's
/// context table, if any), and join resources.
pub(crate) fn reached_resources(
    expr: &Expr,
    resource: &ResourceInfo,
    f: &mut dyn FnMut(&'static ResourceInfo, Option<&'static str>) -> Result<()>,
) -> Result<()> {
    walk_reached(expr, resource, &mut |reached| match reached {
        Reached::Hop(rel) => {
            f(rel.destination(), rel.context_table)?;
            match &rel.through {
                Some(through) => f((through.resource)(), None),
                None => Ok(()),
            }
        }
        Reached::Node(_) => Ok(()),
    })
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
            Expr::Ref(name) => name_type(resource, name, 0),
            Expr::Not(_) | Expr::IsNil(_) | Expr::In(..) => Some(Type::Boolean),
            Expr::Binary(op, left, right) => match op {
                BinaryOp::Concat => Some(Type::String),
                // The value is one of the operands: their type when they
                // share it (booleans, or `first_name || "anon"`).
                BinaryOp::And | BinaryOp::Or => {
                    let (left, right) = (left.static_type(resource), right.static_type(resource));
                    match (left, right) {
                        (Some(l), Some(r)) if l == r => Some(l),
                        (Some(ty), None) | (None, Some(ty)) => Some(ty),
                        _ => None,
                    }
                }
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
            Expr::Call(function, args) => Some(match function {
                Function::Like | Function::ILike | Function::Contains => Type::Boolean,
                Function::StartsWith | Function::EndsWith | Function::IsDistinctFrom => Type::Boolean,
                Function::Trim => Type::String,
                Function::Rem | Function::CountNils => Type::Integer,
                Function::Lower | Function::Upper | Function::StringJoin | Function::Concat => Type::String,
                Function::Length => Type::Integer,
                Function::Now => Type::UtcDatetime,
                Function::Today => Type::Date,
                Function::StringPosition => Type::Integer,
                Function::StringSplit => Type::Json,
                Function::Round => match args.first().and_then(|arg| arg.static_type(resource)) {
                    Some(ty @ (Type::Integer | Type::Float | Type::Decimal)) => ty,
                    _ => return None,
                },
                Function::Ago | Function::FromNow | Function::DatetimeAdd | Function::StartOfDay => Type::UtcDatetime,
                Function::DateAdd => Type::Date,
                Function::At | Function::GetPath | Function::Error => return None,
            }),
            Expr::If(_, then, otherwise) => then.static_type(resource).or_else(|| otherwise.static_type(resource)),
            // Over the outer resource, which is not known here.
            Expr::Fragment { .. } | Expr::Parent(_) => None,
            Expr::AnyRelated { .. } | Expr::AnyEmbedded { .. } => Some(Type::Boolean),
            Expr::Embedded { attribute, expr } => {
                expr.static_type(crate::expr::embedded::embed_of(resource, attribute, false).ok()?)
            }
            Expr::Path { relationship, field } => path_type(resource, relationship, field),
            Expr::Aggregate(aggregate) => aggregate_type(resource, aggregate),
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

impl AggregateKind {
    /// The type of the aggregate's value, given the type of its field.
    pub fn value_type(self, field: Option<Type>) -> Option<Type> {
        match self {
            AggregateKind::Count => Some(Type::Integer),
            AggregateKind::Exists => Some(Type::Boolean),
            AggregateKind::List => Some(Type::Json),
            AggregateKind::Avg => Some(if field == Some(Type::Decimal) { Type::Decimal } else { Type::Float }),
            AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max | AggregateKind::First => field,
        }
    }
}
