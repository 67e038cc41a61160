//! ETS reads beyond plain columns: computed values (loaded calculations and
//! aggregates, evaluated per returned row), sorts by calculations and
//! aggregates, and index lookups for the `key in [..]` filters relationship
//! loads make (`id in [..]` on the primary key is lookups, not a scan).

use std::cmp::Ordering;

use super::{NIL, Table, merge_sort};
use crate::expr::related::Related;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::ResourceInfo;
use crate::info::error::Result;
use crate::info::value::{Row, Value};
use crate::{data_layer::query::DataQuery, expr::tree::SortOrder};

/// Whether `expr` names anything but attributes (calculations, aggregates)
/// or reaches other resources: then it is inlined once before a scan.
pub(super) fn names_more_than_attributes(expr: &Expr, resource: &ResourceInfo) -> bool {
    let mut more = false;
    expr.walk(&mut |node| {
        more |= match node {
            Expr::Ref(name) => resource.attribute(name).is_none(),
            Expr::Path { .. } | Expr::Aggregate(_) => true,
            _ => false,
        }
    });
    more
}

/// The positions of the only rows that can pass `filter`, when one of its
/// top-level conjuncts is `key == value` or `key in [values]` on a column
/// with a unique single-column index (the primary key, an identity).
pub(super) fn index_candidates(table: &Table, filter: &Expr) -> Option<Vec<usize>> {
    match filter {
        Expr::Binary(BinaryOp::And, left, right) => {
            index_candidates(table, left).or_else(|| index_candidates(table, right))
        }
        Expr::Binary(BinaryOp::Eq, left, right) => match (&**left, &**right) {
            (Expr::Ref(name), Expr::Value(value)) | (Expr::Value(value), Expr::Ref(name)) => {
                lookups(table, name, std::slice::from_ref(value).iter())
            }
            _ => None,
        },
        Expr::In(left, items) => {
            let Expr::Ref(name) = &**left else { return None };
            let values: Option<Vec<&Value>> = items
                .iter()
                .map(|item| match item {
                    Expr::Value(value) => Some(value),
                    _ => None,
                })
                .collect();
            lookups(table, name, values?.into_iter())
        }
        _ => None,
    }
}

fn lookups<'a>(table: &Table, name: &str, values: impl Iterator<Item = &'a Value>) -> Option<Vec<usize>> {
    let col = table.resource.attribute_index(name)?;
    let index = table.indexes.on(&[col])?;
    let mut positions: Vec<usize> =
        values.filter_map(|value| index.lookup(&table.rows, std::iter::once(value))).collect();
    positions.sort_unstable();
    positions.dedup();
    Some(positions)
}

/// A sort key: a column, or an expression (a calculation or aggregate, inlined).
enum Key {
    Column(usize),
    Computed(Expr),
}

/// A read with computed values or sorts by calculations and aggregates.
pub(super) fn read(table: &Table, query: &DataQuery, related: &Related) -> Result<Vec<Row>> {
    let resource = table.resource;
    let keys = query
        .sort
        .iter()
        .map(|(name, order)| {
            let key = match resource.attribute_index(name) {
                Some(col) => Key::Column(col),
                None => {
                    // `profile.first_name` is that field inside the embed.
                    let expr = crate::expr::embedded::sort_expr(resource, name);
                    // An unknown name fails here, as a sort by an unknown attribute does.
                    expr.check_eval(resource).map_err(|_| {
                        crate::info::error::Error::DataLayer(format!(
                            "cannot sort {} by unknown attribute {name}",
                            resource.name
                        ))
                    })?;
                    Key::Computed(expr.inline_names(resource)?)
                }
            };
            Ok((key, *order))
        })
        .collect::<Result<Vec<(Key, SortOrder)>>>()?;
    let hits = table.filtered(query, related)?;
    let mut order: Vec<usize> = (0..hits.len()).collect();
    if !keys.is_empty() {
        let mut values: Vec<Vec<Value>> = Vec::with_capacity(hits.len());
        for row in &hits {
            let row_keys = keys
                .iter()
                .map(|(key, _)| match key {
                    Key::Column(col) => Ok(row.get(*col).unwrap_or(&NIL).clone()),
                    Key::Computed(expr) => expr.try_eval_related(related, resource, row),
                })
                .collect::<Result<Vec<_>>>()?;
            values.push(row_keys);
        }
        merge_sort(&mut order, |&a, &b| {
            let by = keys.iter().enumerate().map(|(k, (_, sort))| sort.compare(&values[a][k], &values[b][k]));
            by.into_iter().find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
        });
    }
    let computed = query
        .computed
        .iter()
        .map(|expr| {
            expr.check_eval(resource)?;
            expr.inline_names(resource)
        })
        .collect::<Result<Vec<_>>>()?;
    let limit = query.limit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for i in order.into_iter().skip(query.offset).take(limit) {
        let row = hits[i];
        let mut full = super::project(row, query.select.as_deref());
        full.reserve(computed.len());
        for expr in &computed {
            full.push(expr.try_eval_related(related, resource, row)?);
        }
        out.push(full);
    }
    Ok(out)
}
