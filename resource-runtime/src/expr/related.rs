//! Relationship paths and aggregates in memory. An in-memory layer cannot
//! join, so the domain fetches the rows an expression reaches before the
//! layer scans ([`Related::prepare`]): each relationship once (one read of
//! its destination, plus one of the join resource for `many_to_many`),
//! indexed by the destination's key. Evaluation then only looks up rows,
//! and no lock of another table is held during a scan.

use std::collections::HashMap;

use super::eval::{Cx, binary, eval_name};
use super::resolve::{Reached, relationship, walk_reached};
use super::{Aggregate, BinaryOp, Expr};
use crate::expr::tree::AggregateKind;
use crate::expr::tree::SortOrder;
use crate::info::error::{Error, Result};
use crate::info::value::{IndexKey, Row, Value};
use crate::info::{RelationshipInfo, RelationshipKind, ResourceInfo};

/// Reads every row of a resource; from the given table for a polymorphic
/// one (a relationship's context table).
pub type Fetch<'a> = dyn FnMut(&'static ResourceInfo, Option<&'static str>) -> Result<Vec<Row>> + 'a;

/// The rows of related records that expressions over one resource reach,
/// by relationship.
#[derive(Debug, Default)]
pub struct Related {
    /// Keyed by the address of the relationship's static description.
    hops: HashMap<usize, Hop>,
}

/// One relationship's destination rows, indexed by their key.
#[derive(Debug)]
struct Hop {
    rows: Vec<Row>,
    /// The destination attribute's value -> positions in `rows`, in order.
    by_key: HashMap<IndexKey, Vec<usize>>,
    /// `many_to_many`: the source key -> the destination keys, from the join rows.
    join: Option<HashMap<IndexKey, Vec<IndexKey>>>,
}

fn address(rel: &'static RelationshipInfo) -> usize {
    rel as *const RelationshipInfo as usize
}

fn key(value: &Value) -> Option<IndexKey> {
    (!value.is_nil()).then(|| value.index_key())
}

fn attribute_index(resource: &ResourceInfo, name: &str, rel: &RelationshipInfo) -> Result<usize> {
    resource.attribute_index(name).ok_or_else(|| {
        Error::DataLayer(format!(
            "relationship `{}` names attribute `{name}`, which {} does not have",
            rel.name, resource.name
        ))
    })
}

impl Related {
    /// Nothing related: paths and aggregates fail to evaluate.
    pub fn new() -> Related {
        Related::default()
    }

    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// Fetches, through `fetch`, the rows that `exprs` (over `resource`)
    /// reach: once per relationship, however many rows are evaluated.
    pub fn prepare(resource: &ResourceInfo, exprs: &[Expr], fetch: &mut Fetch<'_>) -> Result<Related> {
        let mut wanted: Vec<&'static RelationshipInfo> = Vec::new();
        for expr in exprs {
            walk_reached(expr, resource, &mut |reached| {
                if let Reached::Hop(rel) = reached
                    && !wanted.iter().any(|w| std::ptr::eq(*w, rel))
                {
                    wanted.push(rel);
                }
                Ok(())
            })?;
        }
        let mut related = Related::default();
        for rel in wanted {
            let hop = Hop::fetch(rel, fetch)?;
            related.hops.insert(address(rel), hop);
        }
        Ok(related)
    }

    fn hop(&self, rel: &'static RelationshipInfo) -> Result<&Hop> {
        self.hops.get(&address(rel)).ok_or_else(|| {
            Error::DataLayer(format!(
                "relationship `{}` was not prepared: relationship paths and aggregates run in memory only \
                 on rows a domain fetched (read through `Domain`)",
                rel.name
            ))
        })
    }
}

impl Hop {
    fn fetch(rel: &'static RelationshipInfo, fetch: &mut Fetch<'_>) -> Result<Hop> {
        let dest = rel.destination();
        let rows = fetch(dest, rel.context_table)?;
        let col = attribute_index(dest, rel.destination_attribute, rel)?;
        let mut by_key: HashMap<IndexKey, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(k) = row.get(col).and_then(key) {
                by_key.entry(k).or_default().push(i);
            }
        }
        let join = match (&rel.through, rel.kind) {
            (Some(through), RelationshipKind::ManyToMany) => {
                let join_resource = (through.resource)();
                let source = attribute_index(join_resource, through.source_attribute, rel)?;
                let destination = attribute_index(join_resource, through.destination_attribute, rel)?;
                let mut join: HashMap<IndexKey, Vec<IndexKey>> = HashMap::new();
                for row in fetch(join_resource, None)? {
                    if let (Some(s), Some(d)) = (row.get(source).and_then(key), row.get(destination).and_then(key)) {
                        join.entry(s).or_default().push(d);
                    }
                }
                Some(join)
            }
            (None, RelationshipKind::ManyToMany) => {
                return Err(Error::DataLayer(format!("many_to_many `{}` has no join resource", rel.name)));
            }
            _ => None,
        };
        Ok(Hop { rows, by_key, join })
    }

    /// Positions of the rows related to `row` (of `source`), in the
    /// destination's order, each once.
    fn follow(&self, source: &ResourceInfo, rel: &RelationshipInfo, row: &[Value]) -> Result<Vec<usize>> {
        let col = attribute_index(source, rel.source_attribute, rel)?;
        let Some(k) = row.get(col).and_then(key) else { return Ok(Vec::new()) };
        let mut found: Vec<usize> = match &self.join {
            None => self.by_key.get(&k).cloned().unwrap_or_default(),
            Some(join) => join
                .get(&k)
                .into_iter()
                .flatten()
                .flat_map(|d| self.by_key.get(d).into_iter().flatten().copied())
                .collect(),
        };
        if self.join.is_some() {
            found.sort_unstable();
            found.dedup();
        }
        Ok(found)
    }
}

fn related<'a>(cx: Cx<'a>, what: &str) -> Result<&'a Related> {
    cx.related.ok_or_else(|| {
        Error::DataLayer(format!(
            "{what} needs the rows of related records: read through a `Domain` (or give `try_eval_related` a `Related`)"
        ))
    })
}

/// `representative.name`: the field of the record at the end of a to-one
/// path; nil when a step has no record.
pub(crate) fn eval_path(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    path: &[String],
    field: &str,
    row: &[Value],
) -> Result<Value> {
    let related = related(cx, &format!("the path `{}.{field}`", path.join(".")))?;
    let mut source: &ResourceInfo = resource;
    let mut current: &[Value] = row;
    for name in path {
        let rel = relationship(source, name)?;
        if rel.kind.is_to_many() {
            return Err(Error::DataLayer(format!(
                "`{name}` is a {} relationship: aggregate it instead of following it in a path",
                rel.kind.as_str()
            )));
        }
        let hop = related.hop(rel)?;
        let Some(&first) = hop.follow(source, rel, current)?.first() else { return Ok(Value::Nil) };
        current = &hop.rows[first];
        source = rel.destination();
    }
    eval_name(cx, source, field, current)
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
    let cx = Cx { depth: cx.depth + 1, ..cx };
    if let Some(filter) = &aggregate.filter {
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
