//! Relationship paths and aggregates evaluated in memory, over the rows the
//! domain prefetched ([`Related`]).

use super::{Bound, Cx, Outer, binary, eval_name};
use crate::expr::related::Related;
use crate::expr::resolve::{hops, relationship, to_many_value};
use crate::expr::tree::{Aggregate, AggregateKind, BinaryOp, Expr, SortOrder};
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::value::Value;

fn related<'a>(cx: Cx<'a>, what: &str) -> Result<&'a Related> {
    cx.related.ok_or_else(|| {
        Error::DataLayer(format!(
            "{what} needs the rows of related records: read through a `Domain` (or give `try_eval_related` a `Related`)"
        ))
    })
}

/// `representative.name`: the field of the record at the end of a to-one
/// path (or of one joined by an `AnyRelated`); nil when a step has no record.
pub(crate) fn eval_path(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    path: &[String],
    field: &str,
    row: &[Value],
) -> Result<Value> {
    match walk_path(cx, resource, row, path)? {
        Some((source, current)) => eval_name(cx.elsewhere(), source, field, current),
        None => Ok(Value::Nil),
    }
}

/// The record at the end of `path` (to-one steps, after the longest bound
/// prefix), or `None` when a step has none.
fn walk_path<'a>(
    cx: Cx<'a>,
    resource: &'a ResourceInfo,
    row: &'a [Value],
    path: &[String],
) -> Result<Option<(&'a ResourceInfo, &'a [Value])>> {
    let (mut source, mut current, start) = match Bound::longest(cx.bound, path) {
        Some(Bound { row: None, .. }) => return Ok(None),
        Some(&Bound { path: bound, row: Some(joined), .. }) => {
            let dest = hops(resource, bound)?.last().map_or(resource, |&(_, dest)| dest);
            (dest, joined, bound.len())
        }
        None => (resource, row, 0),
    };
    if start == path.len() {
        return Ok(Some((source, current)));
    }
    let related = related(cx, &format!("the path `{}`", path.join(".")))?;
    for name in &path[start..] {
        let rel = relationship(source, name)?;
        if rel.kind.is_to_many() {
            return Err(to_many_value(rel, path));
        }
        let hop = related.hop(rel)?;
        let Some(&first) = hop.follow(source, rel, current)?.first() else { return Ok(None) };
        current = &hop.rows[first];
        source = rel.destination();
    }
    Ok(Some((source, current)))
}

/// `Expr::AnyRelated`: whether `expr` passes with some record at the end of
/// `path` joined (or, with `or_nil` and none there, with the NULL row).
pub(crate) fn eval_any(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    path: &[String],
    expr: &Expr,
    or_nil: bool,
    row: &[Value],
) -> Result<Value> {
    let Some((last, before)) = path.split_last() else {
        return expr.eval_in(cx, resource, row);
    };
    let mut joined: Vec<&[Value]> = Vec::new();
    if let Some((source, current)) = walk_path(cx, resource, row, before)? {
        let related = related(cx, &format!("the path `{}`", path.join(".")))?;
        let rel = relationship(source, last)?;
        let hop = related.hop(rel)?;
        joined = hop.follow(source, rel, current)?.into_iter().map(|i| hop.rows[i].as_slice()).collect();
    }
    let passes = |with: Option<&[Value]>| -> Result<bool> {
        let bound = Bound { path, row: with, next: cx.bound };
        Ok(matches!(expr.eval_in(Cx { bound: Some(&bound), ..cx }, resource, row)?, Value::Bool(true)))
    };
    for with in &joined {
        if passes(Some(with))? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(joined.is_empty() && or_nil && passes(None)?))
}

/// An aggregate over the records at the end of `aggregate.path`.
pub(crate) fn eval_aggregate(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    aggregate: &Aggregate,
    row: &[Value],
) -> Result<Value> {
    let related = related(cx, &format!("the aggregate over `{}`", aggregate.path.join(".")))?;
    let mut source: &ResourceInfo = resource;
    let mut rows: Vec<&[Value]> = vec![row];
    for name in &aggregate.path {
        let rel = relationship(source, name)?;
        let hop = related.hop(rel)?;
        let mut positions = Vec::new();
        for current in &rows {
            positions.extend(hop.follow(source, rel, current)?);
        }
        if rows.len() > 1 {
            positions.sort_unstable();
            positions.dedup();
        }
        rows = positions.iter().map(|&i| hop.rows[i].as_slice()).collect();
        source = rel.destination();
    }
    let dest = source;
    let outer = Outer { resource, row, cx };
    let cx = Cx { depth: cx.depth + 1, parent: Some(&outer), bound: None, ..cx };
    if let Some(filter) = &aggregate.filter {
        let filter = filter.bound_to_many(dest)?;
        let mut kept = Vec::with_capacity(rows.len());
        for current in rows {
            if matches!(filter.eval_in(cx, dest, current)?, Value::Bool(true)) {
                kept.push(current);
            }
        }
        rows = kept;
    }
    if !aggregate.sort.is_empty() {
        rows = sorted(cx, dest, rows, &aggregate.sort)?;
    }
    let values = |rows: &[&[Value]]| -> Result<Vec<Value>> {
        let field = aggregate.field.as_deref().unwrap_or_default();
        rows.iter().map(|current| eval_name(cx, dest, field, current)).collect()
    };
    let or_default = |value: Option<Value>| value.or_else(|| aggregate.default.clone()).unwrap_or(Value::Nil);
    Ok(match aggregate.kind {
        AggregateKind::Exists => Value::Bool(!rows.is_empty()),
        AggregateKind::Count => match aggregate.field {
            None => Value::Int(rows.len() as i64),
            Some(_) => {
                let mut present: Vec<Value> = values(&rows)?.into_iter().filter(|v| !v.is_nil()).collect();
                if aggregate.uniq {
                    distinct(&mut present);
                }
                Value::Int(present.len() as i64)
            }
        },
        AggregateKind::Sum => {
            let present = values(&rows)?.into_iter().filter(|v| !v.is_nil());
            or_default(present.reduce(|total, v| binary(BinaryOp::Add, &total, &v)))
        }
        AggregateKind::Min | AggregateKind::Max => {
            let wanted = if aggregate.kind == AggregateKind::Min {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            };
            let present = values(&rows)?.into_iter().filter(|v| !v.is_nil());
            or_default(present.reduce(|best, v| if v.compare(&best) == Some(wanted) { v } else { best }))
        }
        AggregateKind::Avg => or_default(average(values(&rows)?)),
        AggregateKind::First => {
            let mut present = values(&rows)?.into_iter().filter(|v| aggregate.include_nil || !v.is_nil());
            or_default(present.next())
        }
        AggregateKind::List => {
            let mut present: Vec<Value> =
                values(&rows)?.into_iter().filter(|v| aggregate.include_nil || !v.is_nil()).collect();
            if aggregate.uniq {
                distinct(&mut present);
            }
            Value::Json(serde_json::Value::Array(present.iter().map(Value::to_json).collect()))
        }
    })
}

/// The rows ordered by the sort keys (stable).
fn sorted<'r>(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    rows: Vec<&'r [Value]>,
    sort: &[(String, SortOrder)],
) -> Result<Vec<&'r [Value]>> {
    let mut keyed: Vec<(Vec<Value>, &'r [Value])> = Vec::with_capacity(rows.len());
    for row in rows {
        let keys = sort.iter().map(|(name, _)| eval_name(cx, resource, name, row)).collect::<Result<Vec<_>>>()?;
        keyed.push((keys, row));
    }
    let order = |a: &(Vec<Value>, &[Value]), b: &(Vec<Value>, &[Value])| {
        let by = sort.iter().zip(a.0.iter().zip(&b.0)).map(|((_, order), (x, y))| order.compare(x, y));
        by.into_iter().find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
    };
    // Insertion sort keeps equal rows in order and needs no total order.
    let mut out: Vec<(Vec<Value>, &'r [Value])> = Vec::with_capacity(keyed.len());
    for item in keyed {
        let at = out.iter().rposition(|existing| order(existing, &item).is_le()).map_or(0, |p| p + 1);
        out.insert(at, item);
    }
    Ok(out.into_iter().map(|(_, row)| row).collect())
}

/// Keeps the first of each group of equal values (as identities compare them).
fn distinct(values: &mut Vec<Value>) {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.index_key()));
}

/// The mean of the non-nil values: a decimal for decimals, else a float.
fn average(values: Vec<Value>) -> Option<Value> {
    let present: Vec<Value> = values.into_iter().filter(|v| !v.is_nil()).collect();
    if present.is_empty() {
        return None;
    }
    let count = present.len();
    if present.iter().any(|v| matches!(v, Value::Decimal(_))) {
        let total = present.into_iter().reduce(|total, v| binary(BinaryOp::Add, &total, &v))?;
        return Some(binary(BinaryOp::Div, &total, &Value::Int(count as i64)));
    }
    let mut total = 0.0;
    for value in &present {
        total += match value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            _ => return Some(Value::Nil),
        };
    }
    Some(Value::Float(total / count as f64))
}
