//! Reads with loads, for any data layer. Calculations and aggregates are
//! computed values of the read itself (`DataQuery::computed`: selected
//! expressions in SQL, evaluated per row in memory). Relationships are
//! loaded afterwards, one read per relationship and level however many
//! records there are (no N+1): the keys of all the records, then
//! `destination_attribute in [keys]` on the destination (and, for
//! `many_to_many`, one read of the join resource first), then the results
//! grouped back by key. Nested loads recurse, one more read per level.
//!
//! For layers that do not evaluate relationship paths and aggregates
//! themselves (ETS), the rows a query's expressions reach are fetched first
//! (`Related::prepare`), one read per relationship.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::data_layer::query::DataQuery;
use crate::data_layer::{DataLayer, EachRow, Target, hand_over};
use crate::domain::Domain;
use crate::expr::related::Related;
use crate::expr::tree::Expr;
use crate::info::error::{Error, Result};
use crate::info::value::{IndexKey, Row, Value};
use crate::info::{RelationshipInfo, RelationshipKind, ResourceInfo};
use crate::read::load::{Load, Loadable, loadable};
use crate::typed::record::{LoadedValue, Record};

/// Keys per `in [..]` list; more keys take more reads.
const KEYS_PER_READ: usize = 4096;

impl Domain {
    /// The rows of `target` matching `query`, each followed by its computed values.
    pub(crate) fn read_rows(&self, target: Target<'_>, query: &DataQuery) -> Result<Vec<Row>> {
        let info = target.resource;
        let bound;
        let query = match bind_to_many(info, query)? {
            Some(with) => {
                bound = with;
                &bound
            }
            None => query,
        };
        check_table(target)?;
        let layer = &self.registered(info)?.layer;
        if !reads_further(info, query) {
            return layer.read(target, query);
        }
        let exprs = expressions(info, query);
        if layer.capabilities().computes_related {
            self.check_same_layer(info, layer, &exprs)?;
            return layer.read(target, query);
        }
        let related = Related::prepare(info, &exprs, &mut |dest, table| {
            let dest = self.target(dest, table)?;
            self.read_rows(dest, &DataQuery::default())
        })?;
        layer.read_related(target, query, &related)
    }

    /// `read_rows`, each row handed to `each` value by value, for a query
    /// without `select` or `computed` values: a read of the resource's own
    /// attributes goes to the layer's `read_each` (no `Vec` per row), any
    /// other through `read_rows`.
    pub(crate) fn read_rows_each(&self, target: Target<'_>, query: &DataQuery, each: &mut EachRow<'_>) -> Result<()> {
        let info = target.resource;
        if !reads_further(info, query) && bind_to_many(info, query)?.is_none() {
            check_table(target)?;
            return self.registered(info)?.layer.read_each(target, query, each);
        }
        hand_over(target, self.read_rows(target, query)?, each)
    }

    /// How many rows of `target` `query`'s filter (and keyset) keeps.
    pub(crate) fn count_rows(&self, target: Target<'_>, query: &DataQuery) -> Result<usize> {
        let info = target.resource;
        let bound;
        let query = match bind_to_many(info, query)? {
            Some(with) => {
                bound = with;
                &bound
            }
            None => query,
        };
        let layer = &self.registered(info)?.layer;
        let further = query.filter.iter().any(|filter| reaches_further(filter, info));
        if !further || layer.capabilities().computes_related {
            if further {
                self.check_same_layer(info, layer, &expressions(info, query))?;
            }
            return layer.count(target, query);
        }
        Ok(self.read_rows(target, query)?.len())
    }

    /// A layer that joins in SQL can only reach resources it stores (and
    /// the tables of polymorphic ones must exist: they are registered here).
    fn check_same_layer(&self, info: &ResourceInfo, layer: &Arc<dyn DataLayer>, exprs: &[Expr]) -> Result<()> {
        for expr in exprs {
            crate::expr::resolve::reached_resources(expr, info, &mut |reached, table| {
                self.target(reached, table)?;
                let other = self.data_layer(reached)?;
                if Arc::ptr_eq(&other, layer) {
                    return Ok(());
                }
                Err(Error::DataLayer(format!(
                    "{} and {} are stored in different data layers: a filter, sort or load of {} cannot reach {}",
                    info.name, reached.name, info.name, reached.name
                )))
            })?;
        }
        Ok(())
    }

    /// Checks every name of a tree of loads before anything is read, so a
    /// misspelt nested load fails even when there is nothing to load it on.
    pub(crate) fn check_loads(info: &ResourceInfo, loads: &[Load]) -> Result<()> {
        for load in loads {
            if let Loadable::Relationship(rel) = loadable(info, load)? {
                Domain::check_loads(rel.destination(), &load.loads)?;
            }
        }
        Ok(())
    }

    /// `read_rows` with `loads` loaded on each record.
    pub(crate) fn read_records(&self, target: Target<'_>, mut query: DataQuery, loads: &[Load]) -> Result<Vec<Record>> {
        let info = target.resource;
        let mut computed: Vec<&'static str> = Vec::new();
        let mut relationships: Vec<(&'static RelationshipInfo, &Load)> = Vec::new();
        for load in loads {
            match loadable(info, load)? {
                Loadable::Attribute => {}
                Loadable::Computed(name) => {
                    if !computed.contains(&name) {
                        computed.push(name);
                    }
                }
                Loadable::Relationship(rel) => relationships.push((rel, load)),
            }
        }
        query.computed = computed.iter().map(|name| Expr::Ref(name.to_string())).collect();
        let width = info.attributes.len();
        let mut records: Vec<Record> = self
            .read_rows(target, &query)?
            .into_iter()
            .map(|mut row| {
                let values = row.split_off(width.min(row.len()));
                let loaded = computed.iter().copied().zip(values.into_iter().map(LoadedValue::Value)).collect();
                Record { row, loaded }
            })
            .collect();
        for (rel, load) in relationships {
            self.load_relationship(info, rel, load, &mut records)?;
        }
        Ok(records)
    }

    /// Loads `rel` on every record with one read of the destination (two
    /// for `many_to_many`), however many records there are.
    fn load_relationship(
        &self,
        source: &'static ResourceInfo,
        rel: &'static RelationshipInfo,
        load: &Load,
        records: &mut [Record],
    ) -> Result<()> {
        let dest_target = self.target(rel.destination(), rel.context_table)?;
        let dest = dest_target.resource;
        let source_col = attribute(source, rel.source_attribute, rel)?;
        let keys = distinct_keys(records.iter().map(|record| record.row.get(source_col)));
        // The related records, by the source key they belong to, in the query's order.
        let mut groups: HashMap<IndexKey, Vec<Record>> = HashMap::new();
        match rel.kind {
            RelationshipKind::BelongsTo | RelationshipKind::HasOne | RelationshipKind::HasMany => {
                let dest_col = attribute(dest, rel.destination_attribute, rel)?;
                let found =
                    self.read_by_keys(dest_target, rel.destination_attribute, &keys, &load.query, &load.loads)?;
                for record in found {
                    if let Some(key) = key(record.row.get(dest_col)) {
                        groups.entry(key).or_default().push(record);
                    }
                }
            }
            RelationshipKind::ManyToMany => {
                let through = rel
                    .through
                    .as_ref()
                    .ok_or_else(|| Error::DataLayer(format!("many_to_many `{}` has no join resource", rel.name)))?;
                let join = (through.resource)();
                let (join_source, join_dest) = (
                    attribute(join, through.source_attribute, rel)?,
                    attribute(join, through.destination_attribute, rel)?,
                );
                let pairs: Vec<(IndexKey, Value)> = self
                    .read_by_keys(join.into(), through.source_attribute, &keys, &DataQuery::default(), &[])?
                    .into_iter()
                    .filter_map(|record| {
                        let source_key = key(record.row.get(join_source))?;
                        let dest_value = record.row.get(join_dest).filter(|v| !v.is_nil())?.clone();
                        Some((source_key, dest_value))
                    })
                    .collect();
                let dest_keys = distinct_keys(pairs.iter().map(|(_, value)| Some(value)));
                let dest_col = attribute(dest, rel.destination_attribute, rel)?;
                let found =
                    self.read_by_keys(dest_target, rel.destination_attribute, &dest_keys, &load.query, &load.loads)?;
                // Each source key's destination keys; the records keep the query's order.
                let mut linked: HashMap<IndexKey, HashSet<IndexKey>> = HashMap::new();
                for (source_key, dest_value) in &pairs {
                    linked.entry(source_key.clone()).or_default().insert(dest_value.index_key());
                }
                for (source_key, dest_keys) in linked {
                    let mine =
                        found.iter().filter(|r| key(r.row.get(dest_col)).is_some_and(|k| dest_keys.contains(&k)));
                    groups.insert(source_key, mine.cloned().collect());
                }
            }
        }
        let (offset, limit) = (load.query.offset, load.query.limit.unwrap_or(usize::MAX));
        for record in records.iter_mut() {
            let group = key(record.row.get(source_col)).and_then(|k| groups.get(&k));
            let related = group.into_iter().flatten().skip(offset).take(limit).cloned();
            let value = if rel.kind.is_to_many() {
                LoadedValue::Many(related.collect())
            } else {
                LoadedValue::One(related.into_iter().next().map(Box::new))
            };
            record.loaded.push((rel.name, value));
        }
        Ok(())
    }

    /// The records of `info` whose `attribute` is one of `keys` and that
    /// match `query` (its sort kept; limit and offset are the caller's).
    fn read_by_keys(
        &self,
        target: Target<'_>,
        attribute: &str,
        keys: &[Value],
        query: &DataQuery,
        loads: &[Load],
    ) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        for chunk in keys.chunks(KEYS_PER_READ) {
            // Padded to a power of two (repeating a key), so that the SQL text,
            // and the prepared statement, is shared by reads of similar size.
            let mut items = Expr::values(chunk.iter().cloned());
            let padded = items.len().next_power_of_two();
            let last = items.last().cloned().unwrap_or_else(Expr::nil);
            items.resize(padded, last);
            let within = Expr::in_list(Expr::field(attribute), items);
            let filter = match &query.filter {
                Some(filter) => within.and(filter.clone()),
                None => within,
            };
            let query = DataQuery { filter: Some(filter), limit: None, offset: 0, ..query.clone() };
            out.extend(self.read_records(target, query, loads)?);
        }
        Ok(out)
    }
}

/// The expressions of a query: filter, computed values, sorts by name.
fn expressions(info: &ResourceInfo, query: &DataQuery) -> Vec<Expr> {
    let mut exprs: Vec<Expr> = query.filter.iter().cloned().collect();
    exprs.extend(query.computed.iter().cloned());
    exprs.extend(query.sort.iter().map(|(name, _)| crate::expr::embedded::sort_expr(info, name)));
    exprs
}

/// Whether `expr` may reach other resources: it names something that is
/// no attribute of `info` (a calculation may follow a relationship), a
/// path or an aggregate.
/// The query with its filter's to-many paths bound (`Expr::bind_to_many`,
/// Ash's "some related record"), if it has any.
fn bind_to_many(info: &ResourceInfo, query: &DataQuery) -> Result<Option<DataQuery>> {
    let Some(filter) = &query.filter else { return Ok(None) };
    Ok(match filter.bound_to_many(info)? {
        std::borrow::Cow::Owned(filter) => Some(DataQuery { filter: Some(filter), ..query.clone() }),
        std::borrow::Cow::Borrowed(_) => None,
    })
}

/// A polymorphic resource without a table of its own is read in a table the query names.
fn check_table(target: Target<'_>) -> Result<()> {
    let info = target.resource;
    if info.sql.polymorphic && info.sql.table.is_none() && target.table.is_none() {
        return Err(Error::DataLayer(format!(
            "{} is polymorphic: read it with `Query::table(..)` or through a relationship with a context table",
            info.name
        )));
    }
    Ok(())
}

/// Whether `query` needs more than `info`'s own rows: relationship paths,
/// aggregates, computed values, a sort by something not an attribute.
fn reads_further(info: &ResourceInfo, query: &DataQuery) -> bool {
    query.filter.iter().any(|filter| reaches_further(filter, info))
        || !query.computed.is_empty()
        || query.sort.iter().any(|(name, _)| info.attribute(name).is_none())
}

fn reaches_further(expr: &Expr, info: &ResourceInfo) -> bool {
    let mut further = false;
    expr.walk(&mut |node| {
        further |= match node {
            Expr::Ref(name) => info.attribute(name).is_none(),
            Expr::Path { .. } | Expr::Aggregate(_) | Expr::AnyRelated { .. } | Expr::Parent(_) => true,
            _ => false,
        }
    });
    further
}

fn attribute(resource: &ResourceInfo, name: &str, rel: &RelationshipInfo) -> Result<usize> {
    resource.attribute_index(name).ok_or_else(|| {
        Error::DataLayer(format!(
            "relationship `{}` names attribute `{name}`, which {} does not have",
            rel.name, resource.name
        ))
    })
}

fn key(value: Option<&Value>) -> Option<IndexKey> {
    value.filter(|v| !v.is_nil()).map(Value::index_key)
}

/// The non-nil values, each once, in order.
fn distinct_keys<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> Vec<Value> {
    let mut seen = HashSet::new();
    values.flatten().filter(|v| !v.is_nil() && seen.insert(v.index_key())).cloned().collect()
}
