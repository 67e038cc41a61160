//! Relationship paths and aggregates in memory. An in-memory layer cannot
//! join, so the domain fetches the rows an expression reaches before the
//! layer scans ([`Related::prepare`]): each relationship once (one read of
//! its destination, plus one of the join resource for `many_to_many`),
//! indexed by the destination's key. Evaluation (`eval/related.rs`) then
//! only looks up rows, and no lock of another table is held during a scan.

use std::collections::HashMap;

use crate::expr::resolve::{Reached, walk_reached};
use crate::expr::tree::Expr;
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
pub(crate) struct Hop {
    pub(crate) rows: Vec<Row>,
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

    /// Whether no relationship's rows were fetched (the expressions reach none).
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

    pub(crate) fn hop(&self, rel: &'static RelationshipInfo) -> Result<&Hop> {
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
    pub(crate) fn follow(&self, source: &ResourceInfo, rel: &RelationshipInfo, row: &[Value]) -> Result<Vec<usize>> {
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
