//! The ETS-like in-memory data layer. One table per resource: rows are kept
//! contiguously for fast scans, with a hash index on the primary key and one
//! per identity (and per unique custom index over plain columns) for
//! lookups and uniqueness checks. Each table has its own
//! lock, and every write checks uniqueness and writes under the same write
//! lock, so identities hold however many threads race.
//!
//! Transactions (`transaction.rs`) keep an undo log (`undo.rs`): one open
//! transaction per store, owned by the thread that began it. `docs/ets.md`
//! says what other threads see.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::data_layer::{Capabilities, DataLayer, EachRow, Target, custom_index};
use crate::expr::related::Related;
use crate::info::error::{Error, FieldError, Result};
use crate::info::value::{Row, Value};
use crate::info::{ResourceInfo, Type};
use crate::typed::resource::RowValues;
use crate::{data_layer::query::DataQuery, expr::tree::SortOrder};

/// The in-memory store. `Send + Sync`: share one behind an `Arc`.
#[derive(Default)]
pub struct Ets {
    /// Keyed by the address of the resource's static `ResourceInfo`
    /// (foldhash: SipHash of the address was a tenth of a get).
    tables: RwLock<HashMap<usize, Stores, foldhash::fast::RandomState>>,
    /// Reads served (see `reads_run`).
    reads: std::sync::atomic::AtomicU64,
    /// The open transaction, if any, and its undo log.
    transactions: Transactions,
}

/// A resource's tables: its own, and a polymorphic resource's named ones.
#[derive(Default)]
struct Stores {
    own: Option<Arc<RwLock<Table>>>,
    named: HashMap<Box<str>, Arc<RwLock<Table>>>,
}

impl Ets {
    /// An empty store.
    pub fn new() -> Self {
        Ets::default()
    }

    /// How many reads this store has served (each one scan of a table, or
    /// index lookups), for tests and diagnostics: a read with loads makes
    /// one per relationship level.
    pub fn reads_run(&self) -> u64 {
        self.reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn table(&self, target: Target<'_>) -> Result<Arc<RwLock<Table>>> {
        let tables = self.tables.read().unwrap_or_else(PoisonError::into_inner);
        let stores = tables.get(&address(target.resource));
        let table = match target.table {
            None => stores.and_then(|s| s.own.clone()),
            Some(name) => stores.and_then(|s| s.named.get(name).cloned()),
        };
        table.ok_or_else(|| Error::NoSuchResource {
            resource: match target.table {
                None => target.resource.name.to_string(),
                Some(name) => format!("{} (table {name})", target.resource.name),
            },
        })
    }

    /// `f` on the table, once no other thread's open transaction has written to it.
    fn reading<T>(&self, target: Target<'_>, f: impl FnOnce(&Table) -> Result<T>) -> Result<T> {
        let table = self.table(target)?;
        self.transactions.read(&table, f)
    }

    /// `f` on the table, inside this thread's transaction (its inverse is
    /// logged) or after any other thread's transaction has ended.
    fn writing<T>(&self, target: Target<'_>, f: impl FnOnce(&mut Table) -> Result<(T, Undo)>) -> Result<T> {
        self.transactions.write(self.table(target)?, f)
    }
}

/// A stored row handed over value by value, each copied as it is taken.
struct Copied<'a>(std::slice::Iter<'a, Value>);

impl RowValues for Copied<'_> {
    fn next_value(&mut self) -> Result<Value> {
        let next = self.0.next().cloned();
        next.ok_or_else(|| Error::DataLayer("a stored row has fewer values than its resource has attributes".into()))
    }
}

/// A table's lock, for reading. Every write to a table checks before it
/// changes anything and calls no user code, so a poisoned lock (a panic
/// elsewhere in the holding thread) still guards a whole table: take it.
fn read_lock(table: &RwLock<Table>) -> RwLockReadGuard<'_, Table> {
    table.read().unwrap_or_else(PoisonError::into_inner)
}

/// A table's lock, for writing (see `read_lock` on poisoning).
fn write_lock(table: &RwLock<Table>) -> RwLockWriteGuard<'_, Table> {
    table.write().unwrap_or_else(PoisonError::into_inner)
}

fn address(resource: &'static ResourceInfo) -> usize {
    resource as *const ResourceInfo as usize
}

impl DataLayer for Ets {
    fn name(&self) -> &'static str {
        "ets"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            native_identities: true,
            transactions: true,
            upsert: true,
            computes_related: false,
            native_foreign_keys: false,
            batched_creates: false,
        }
    }

    fn register(&self, target: Target<'_>) -> Result<()> {
        let mut tables = self.tables.write().unwrap_or_else(PoisonError::into_inner);
        let stores = tables.entry(address(target.resource)).or_default();
        match target.table {
            None if stores.own.is_none() => stores.own = Some(Arc::new(RwLock::new(Table::new(target.resource)?))),
            Some(name) if !stores.named.contains_key(name) => {
                let table = Arc::new(RwLock::new(Table::new(target.resource)?));
                stores.named.insert(name.into(), table);
            }
            _ => {}
        }
        Ok(())
    }

    fn create(&self, target: Target<'_>, row: Row) -> Result<Row> {
        self.writing(target, |table| table.insert(row))
    }

    fn upsert(&self, target: Target<'_>, row: Row, conflict_keys: &[usize], update_fields: &[usize]) -> Result<Row> {
        self.writing(target, |table| table.upsert(row, conflict_keys, update_fields))
    }

    fn read(&self, target: Target<'_>, query: &DataQuery) -> Result<Vec<Row>> {
        self.read_related(target, query, &Related::new())
    }

    fn read_related(&self, target: Target<'_>, query: &DataQuery, related: &Related) -> Result<Vec<Row>> {
        self.reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.reading(target, |table| table.read(query, related))
    }

    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> Result<Option<Row>> {
        self.reading(target, |table| Ok(table.get(keys, values)?.cloned()))
    }

    /// The stored row's values copied straight into `found`'s record (no row copied first).
    fn get_each(&self, target: Target<'_>, keys: &[usize], values: &[Value], found: &mut EachRow<'_>) -> Result<bool> {
        self.reading(target, |table| match table.get(keys, values)? {
            Some(row) => found(&mut Copied(row.iter())).map(|()| true),
            None => Ok(false),
        })
    }

    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        self.writing(target, |table| table.update(pk, changes))
    }

    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> Result<()> {
        self.writing(target, |table| Ok(((), table.destroy(pk)?)))
    }

    /// One transaction per store at a time, owned by the thread that began
    /// it; nested ones are savepoints. An `Err` or a panic from `f` undoes
    /// its writes (the panic then goes on).
    fn transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        self.transactions.run(f)
    }

    /// Kept until this thread's outermost transaction on the store is about
    /// to commit (dropped if its savepoint rolls back); now outside one.
    fn check_at_commit(&self, check: crate::data_layer::CommitCheck) -> Result<()> {
        self.transactions.check_at_commit(check)
    }
}

/// Indexes whose hashes of a new row an insert keeps on the stack (more:
/// each hash is computed twice, for the check and the insert).
const HASHES_ON_STACK: usize = 8;

/// Rows a table can hold: index entries keep positions in 32 bits.
const MAX_ROWS: usize = u32::MAX as usize;

/// One resource's rows and unique indexes.
struct Table {
    resource: &'static ResourceInfo,
    /// Insertion order, except that a destroy moves the last row into the hole.
    rows: Vec<Row>,
    indexes: Indexes,
    /// The last value handed out per generated column.
    next_generated: HashMap<usize, i64>,
    /// The serial of the last transaction that wrote here (0: none): while
    /// it is open, other threads do not read this table.
    written_in: u64,
    /// Full scans done to find a row, so tests can tell an index was used.
    #[cfg(test)]
    scans: std::sync::atomic::AtomicUsize,
}

impl Table {
    fn new(resource: &'static ResourceInfo) -> Result<Table> {
        let pk: Vec<_> = resource.attributes.iter().enumerate().filter(|(_, a)| a.primary_key).collect();
        if pk.is_empty() {
            return Err(Error::DataLayer(format!("resource {} has no primary key", resource.name)));
        }
        let pk_fields = pk.iter().map(|(_, a)| a.name).collect();
        let pk = UniqueIndex::new(pk, true, pk_fields, "has already been taken");
        let mut identities = Vec::with_capacity(resource.identities.len());
        for identity in resource.identities {
            let attrs = identity.keys.iter().map(|key| {
                let found = resource.attributes.iter().enumerate().find(|(_, a)| a.name == *key);
                found.ok_or_else(|| {
                    let (name, resource) = (identity.name, resource.name);
                    Error::DataLayer(format!("identity {name} of resource {resource} names unknown attribute {key}"))
                })
            });
            let attrs = attrs.collect::<Result<Vec<_>>>()?;
            let fields = identity.error_fields().to_vec();
            identities.push(UniqueIndex::new(attrs, identity.nils_distinct, fields, identity.message()));
        }
        // Unique custom indexes over plain columns hold here too, as in SQL
        // (nils distinct, as SQL's unique indexes have them); those over SQL
        // expressions or with a SQL `where` only a SQL database can enforce.
        for (index, columns) in custom_index::in_memory(resource) {
            let attrs = columns.iter().map(|column| {
                resource.attributes.iter().enumerate().find(|(_, a)| a.name == *column).ok_or_else(|| {
                    Error::DataLayer(format!(
                        "a custom index of resource {} names unknown attribute {column}",
                        resource.name
                    ))
                })
            });
            let attrs = attrs.collect::<Result<Vec<_>>>()?;
            let fields = custom_index::error_fields(resource, index);
            identities.push(UniqueIndex::new(attrs, true, fields, custom_index::message(index)));
        }
        Ok(Table {
            resource,
            rows: Vec::new(),
            indexes: Indexes { pk, identities },
            next_generated: HashMap::new(),
            written_in: 0,
            #[cfg(test)]
            scans: Default::default(),
        })
    }

    /// Stores a new row, unless its primary key or an identity is taken.
    fn insert(&mut self, mut row: Row) -> Result<(Row, Undo)> {
        self.check_row(&row)?;
        let counters = self.generate_values(&mut row);
        let pos = self.rows.len();
        // Each index's hash of the row, for the check and the insert.
        let mut hashes = [None; HASHES_ON_STACK];
        let on_stack = self.indexes.len() <= HASHES_ON_STACK;
        if on_stack {
            for (hash, index) in hashes.iter_mut().zip(self.indexes.iter()) {
                *hash = index.hash_of(&row);
            }
        }
        let hash_at = |i: usize, index: &UniqueIndex| if on_stack { hashes[i] } else { index.hash_of(&row) };
        let checked = if pos >= MAX_ROWS {
            let name = self.resource.name;
            Err(Error::DataLayer(format!("the ets table of {name} is full ({MAX_ROWS} rows)")))
        } else {
            self.check_keys(&row, None, hash_at)
        };
        if let Err(error) = checked {
            // A refused row hands out no value (as SQLite's max(rowid) + 1).
            self.next_generated.extend(counters);
            return Err(error);
        }
        for (i, index) in self.indexes.iter_mut().enumerate() {
            let hash = if on_stack { hashes[i] } else { index.hash_of(&row) };
            index.insert_hashed(hash, pos);
        }
        self.rows.push(row.clone());
        Ok((row, Undo::Inserted { counters }))
    }

    /// Fills nil `generated` integer attributes (integer primary keys) with
    /// one more than the largest value seen, as an autoincrement would.
    /// Returns the counters it moved, with their former values.
    fn generate_values(&mut self, row: &mut Row) -> Vec<(usize, i64)> {
        let mut moved = Vec::new();
        for (col, attribute) in self.resource.attributes.iter().enumerate() {
            if !(attribute.generated && attribute.ty == Type::Integer) {
                continue;
            }
            let largest = self.next_generated.entry(col).or_insert(0);
            let before = *largest;
            match row[col] {
                Value::Nil => {
                    *largest += 1;
                    row[col] = Value::Int(*largest);
                }
                Value::Int(given) => *largest = (*largest).max(given),
                _ => {}
            }
            if *largest != before {
                moved.push((col, before));
            }
        }
        moved
    }

    /// Replaces the row at `pos`, moving only the index entries whose key changed.
    fn rewrite(&mut self, pos: usize, new: Row) -> Result<(Row, Undo)> {
        self.check_unique(&new, Some(pos))?;
        let Some(slot) = self.rows.get_mut(pos) else {
            return Err(Error::DataLayer(format!("ets row {pos} of {} is gone", self.resource.name)));
        };
        let old = std::mem::replace(slot, new.clone());
        self.indexes.move_keys(&old, &new, pos);
        Ok((new, Undo::Rewritten { pos, old }))
    }

    fn upsert(&mut self, row: Row, conflict_keys: &[usize], update_fields: &[usize]) -> Result<(Row, Undo)> {
        self.check_row(&row)?;
        self.check_cols(conflict_keys.iter().chain(update_fields))?;
        if conflict_keys.is_empty() {
            return Err(Error::DataLayer(format!("upsert into {} needs conflict keys", self.resource.name)));
        }
        let values: Vec<&Value> = conflict_keys.iter().map(|&k| row.get(k).unwrap_or(&NIL)).collect();
        let Some(pos) = self.find(conflict_keys, &values) else {
            return self.insert(row);
        };
        let mut merged = self.rows.get(pos).cloned().unwrap_or_default();
        for &field in update_fields {
            if let (Some(slot), Some(value)) = (merged.get_mut(field), row.get(field)) {
                *slot = value.clone();
            }
        }
        self.rewrite(pos, merged)
    }

    fn read(&self, query: &DataQuery, related: &Related) -> Result<Vec<Row>> {
        if !query.computed.is_empty() || query.sort.iter().any(|(name, _)| self.resource.attribute(name).is_none()) {
            return computed::read(self, query, related);
        }
        let sort = self.resolve_sort(&query.sort)?;
        let limit = query.limit.unwrap_or(usize::MAX);
        let mut hits = self.filtered(query, related)?;
        if !sort.is_empty() {
            merge_sort(&mut hits, |a, b| compare_rows(a, b, &sort));
        }
        let page = hits.into_iter().skip(query.offset).take(limit);
        Ok(page.map(|row| project(row, query.select.as_deref())).collect())
    }

    /// The rows passing the query's filter (and keyset), in storage order.
    fn filtered(&self, query: &DataQuery, related: &Related) -> Result<Vec<&Row>> {
        let with_keyset;
        let filter = if query.after.is_some() {
            with_keyset = query.filter_with_keyset(self.resource);
            with_keyset.as_ref()
        } else {
            query.filter.as_ref()
        };
        let Some(filter) = filter else { return Ok(self.rows.iter().collect()) };
        // A filter that is no boolean, a `fragment` (SQL only) or an
        // unknown name fails even on an empty table.
        filter.check_filter(self.resource)?;
        filter.check_eval(self.resource)?;
        let inlined;
        let filter = if related.is_empty() && !computed::names_more_than_attributes(filter, self.resource) {
            filter
        } else {
            inlined = filter.inline_names(self.resource)?;
            &inlined
        };
        let candidates = computed::index_candidates(self, filter);
        let mut hits = Vec::new();
        let rows: Box<dyn Iterator<Item = &Row>> = match &candidates {
            Some(positions) => Box::new(positions.iter().filter_map(|&pos| self.rows.get(pos))),
            None => Box::new(self.rows.iter()),
        };
        for row in rows {
            if filter.matches_related(related, self.resource, row)? {
                hits.push(row);
            }
        }
        Ok(hits)
    }

    fn get(&self, keys: &[usize], values: &[Value]) -> Result<Option<&Row>> {
        self.check_cols(keys)?;
        if keys.is_empty() || keys.len() != values.len() {
            let (k, v) = (keys.len(), values.len());
            return Err(Error::DataLayer(format!("get on {} with {k} keys and {v} values", self.resource.name)));
        }
        if values.iter().any(Value::is_nil) {
            return Ok(None);
        }
        Ok(self.find(keys, values).and_then(|pos| self.rows.get(pos)))
    }

    fn update(&mut self, pk: &[Value], changes: &[(usize, Value)]) -> Result<(Row, Undo)> {
        self.check_cols(changes.iter().map(|(col, _)| col))?;
        let pos = self.position_by_pk(pk)?;
        let mut new = self.rows.get(pos).cloned().unwrap_or_default();
        for (col, value) in changes {
            if let Some(slot) = new.get_mut(*col) {
                *slot = value.clone();
            }
        }
        self.rewrite(pos, new)
    }

    fn destroy(&mut self, pk: &[Value]) -> Result<Undo> {
        let pos = self.position_by_pk(pk)?;
        if pos >= self.rows.len() {
            return Err(Error::DataLayer(format!("ets row {pos} of {} is gone", self.resource.name)));
        }
        let row = self.rows.swap_remove(pos);
        for index in self.indexes.iter_mut() {
            index.remove(&row, pos);
        }
        // The former last row now sits at `pos`: point its entries there.
        if let Some(moved) = self.rows.get(pos) {
            self.indexes.moved(moved, self.rows.len(), pos);
        }
        Ok(Undo::Destroyed { pos, row })
    }

    /// The position of the row whose `keys` equal `values`: through the unique
    /// index on exactly those keys if there is one, else by a scan.
    fn find(&self, keys: &[usize], values: &[impl std::borrow::Borrow<Value>]) -> Option<usize> {
        if let Some(index) = self.indexes.on(keys) {
            let value_of = |col: &usize| keys.iter().position(|k| k == col).and_then(|i| values.get(i));
            let probe = index.cols.iter().map(|col| value_of(col).map_or(&NIL, |v| v.borrow()));
            return index.lookup(&self.rows, probe);
        }
        #[cfg(test)]
        self.scans.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let equal =
            |row: &Row| keys.iter().zip(values).all(|(&k, v)| row.get(k).is_some_and(|r| r.loose_eq(v.borrow())));
        self.rows.iter().position(equal)
    }

    /// The position of the row with primary key `pk`, or `NotFound`.
    fn position_by_pk(&self, pk: &[Value]) -> Result<usize> {
        let index = &self.indexes.pk;
        if pk.len() != index.cols.len() {
            let (want, got) = (index.cols.len(), pk.len());
            let name = self.resource.name;
            return Err(Error::DataLayer(format!("{name} has {want} primary key fields, got {got} values")));
        }
        let found = if pk.iter().any(Value::is_nil) { None } else { index.lookup(&self.rows, pk.iter()) };
        found.ok_or_else(|| Error::NotFound {
            resource: self.resource.name,
            lookup: index.fields.iter().zip(pk).map(|(f, v)| (f.to_string(), v.clone())).collect(),
        })
    }

    /// Every reason `row` cannot be stored (at `this`, or as a new row).
    fn check_unique(&self, row: &[Value], this: Option<usize>) -> Result<()> {
        self.check_keys(row, this, |_, index| index.hash_of(row))
    }

    /// `check_unique`, given each index's hash of `row` (by position in `Indexes::iter`).
    fn check_keys(
        &self,
        row: &[Value],
        this: Option<usize>,
        hash_at: impl Fn(usize, &UniqueIndex) -> Option<u32>,
    ) -> Result<()> {
        let pk = &self.indexes.pk;
        let missing = pk.cols.iter().zip(&pk.fields).filter(|(col, _)| row.get(**col).is_none_or(Value::is_nil));
        let missing = missing.map(|(_, field)| FieldError::required(*field));
        let indexes = self.indexes.iter().enumerate();
        let taken = indexes.filter(|&(i, index)| index.taken(&self.rows, row, hash_at(i, index), this));
        let errors: Vec<FieldError> = missing.chain(taken.map(|(_, index)| index.error())).collect();
        if errors.is_empty() { Ok(()) } else { Err(Error::Invalid(errors)) }
    }

    fn check_row(&self, row: &[Value]) -> Result<()> {
        let (want, got) = (self.resource.attributes.len(), row.len());
        if want == got {
            return Ok(());
        }
        Err(Error::DataLayer(format!("{} rows have {want} values, got {got}", self.resource.name)))
    }

    fn check_cols<'a>(&self, cols: impl IntoIterator<Item = &'a usize>) -> Result<()> {
        let count = self.resource.attributes.len();
        match cols.into_iter().find(|&&col| col >= count) {
            Some(col) => Err(Error::DataLayer(format!("{} has no attribute at index {col}", self.resource.name))),
            None => Ok(()),
        }
    }

    /// Sort keys as (attribute index, order); an unknown attribute is an error.
    fn resolve_sort(&self, sort: &[(String, SortOrder)]) -> Result<Vec<(usize, SortOrder)>> {
        let resolve = |(name, order): &(String, SortOrder)| match self.resource.attribute_index(name) {
            Some(col) => Ok((col, *order)),
            None => Err(Error::DataLayer(format!("cannot sort {} by unknown attribute {name}", self.resource.name))),
        };
        sort.iter().map(resolve).collect()
    }
}

/// A copy of `row`, of only the attributes `select` names (the others nil)
/// when it names some.
fn project(row: &Row, select: Option<&[usize]>) -> Row {
    let Some(select) = select else { return row.clone() };
    let mut projected = vec![Value::Nil; row.len()];
    for &col in select {
        if let (Some(slot), Some(value)) = (projected.get_mut(col), row.get(col)) {
            slot.clone_from(value);
        }
    }
    projected
}

fn compare_rows(a: &[Value], b: &[Value], sort: &[(usize, SortOrder)]) -> Ordering {
    let by = |&(col, order): &(usize, SortOrder)| order.compare(a.get(col).unwrap_or(&NIL), b.get(col).unwrap_or(&NIL));
    sort.iter().map(by).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
}

/// A stable bottom-up merge sort. Not `slice::sort_by`: that may panic when the
/// comparison is not a total order, and `Value::compare` is not one (NaN,
/// values of mixed kinds).
fn merge_sort<T: Copy>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let n = items.len();
    let mut merged = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        merged.clear();
        for start in (0..n).step_by(2 * width) {
            let (left, right) = items[start..(start + 2 * width).min(n)].split_at(width.min(n - start));
            let (mut i, mut j) = (0, 0);
            while let (Some(l), Some(r)) = (left.get(i), right.get(j)) {
                // Take from the right only when strictly less: that keeps it stable.
                if cmp(r, l) == Ordering::Less {
                    merged.push(*r);
                    j += 1;
                } else {
                    merged.push(*l);
                    i += 1;
                }
            }
            merged.extend_from_slice(&left[i..]);
            merged.extend_from_slice(&right[j..]);
        }
        std::mem::swap(items, &mut merged);
        width = width.saturating_mul(2);
    }
}

mod computed;
mod index;
mod transaction;
mod undo;

use index::{Indexes, NIL, UniqueIndex};
use transaction::Transactions;
use undo::Undo;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod transaction_tests;
