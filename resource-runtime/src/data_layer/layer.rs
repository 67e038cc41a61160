//! The one trait the action runner talks to, and the capabilities a layer
//! declares. ETS-like, SQLite and embedded storage implement it; a
//! PostgreSQL layer would too.

use crate::expr::related::Related;
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use std::sync::Arc;

use crate::data_layer::query::DataQuery;
use crate::info::value::{Row, Value};
use crate::typed::resource::RowValues;

/// What a data layer can do natively. The read and write paths decide by
/// these, never by a layer's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Unique identities are enforced by the layer itself, atomically with writes.
    pub native_identities: bool,
    /// Several operations can be committed or rolled back together
    /// ([`DataLayer::transaction`] does more than run its body).
    pub transactions: bool,
    /// [`DataLayer::upsert`] is one atomic operation of the layer.
    pub upsert: bool,
    /// The layer evaluates relationship paths and aggregates itself (SQL
    /// joins and subqueries). When it does not, the domain prefetches the
    /// related rows a query reaches and calls [`DataLayer::read_related`].
    pub computes_related: bool,
    /// Foreign keys (`data_layer::foreign_key::foreign_keys`) are enforced
    /// by the layer itself, with their `on_delete` and `on_update` actions,
    /// and its violations are reported as field errors. When they are not,
    /// the write path checks and applies them inside the action's
    /// transaction (`write/foreign_key.rs`).
    pub native_foreign_keys: bool,
    /// [`DataLayer::create_many`] writes many rows for less than one
    /// `create` each (the multi-row `INSERT`s of PostgreSQL and SQLite). Only then does
    /// `Domain::bulk_create` hold creates back to write them together; on
    /// other layers it writes each as its changeset arrives.
    pub batched_creates: bool,
}

/// A check run when a transaction is about to commit (a deferred foreign
/// key's, [`DataLayer::check_at_commit`]); an `Err` rolls the transaction
/// back and is its error.
pub type CommitCheck = Box<dyn FnOnce() -> Result<()>>;

/// Anything the domain can store resources in: a data layer by value
/// (`Sqlite::open(path)?`, `Ets::new()`), or one already shared.
pub trait IntoDataLayer {
    /// The layer, shared.
    fn into_data_layer(self) -> Arc<dyn DataLayer>;
}

impl<L: DataLayer> IntoDataLayer for L {
    fn into_data_layer(self) -> Arc<dyn DataLayer> {
        Arc::new(self)
    }
}

impl IntoDataLayer for Arc<dyn DataLayer> {
    fn into_data_layer(self) -> Arc<dyn DataLayer> {
        self
    }
}

impl<L: DataLayer> IntoDataLayer for Arc<L> {
    fn into_data_layer(self) -> Arc<dyn DataLayer> {
        self
    }
}

/// What a data layer call reads or writes: a resource, in its own table,
/// or, for a polymorphic resource (AshSqlite's `polymorphic?`), in a table
/// named per call (a relationship's context table, `Query::table`).
///
/// `Target::from(&INFO)` (or `(&INFO).into()`) is the resource's own table.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The resource whose rows these are.
    pub resource: &'static ResourceInfo,
    /// The table, when it is not the resource's own (`None`: its own).
    pub table: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// `resource` in `table`; its own table when `table` is `None` or its own name.
    pub fn new(resource: &'static ResourceInfo, table: Option<&'a str>) -> Target<'a> {
        let table = table.filter(|table| *table != resource.table_name());
        Target { resource, table }
    }

    /// The SQL table name: the one given, else the resource's own.
    pub fn table_name(&self) -> &'a str {
        match self.table {
            Some(table) => table,
            None => self.resource.table_name(),
        }
    }
}

impl From<&'static ResourceInfo> for Target<'static> {
    fn from(resource: &'static ResourceInfo) -> Self {
        Target { resource, table: None }
    }
}

/// What a typed read does with each row a layer hands over ([`DataLayer::read_each`]).
pub type EachRow<'a> = dyn FnMut(&mut dyn RowValues) -> Result<()> + 'a;

/// Hands each of `rows` (full rows of `target`'s resource) to `each`,
/// checking its length first as `Resource::from_row` does.
pub fn hand_over(target: Target<'_>, rows: Vec<Row>, each: &mut EachRow<'_>) -> Result<()> {
    let expected = target.resource.attributes.len();
    for row in rows {
        if row.len() != expected {
            let (name, len) = (target.resource.name, row.len());
            return Err(Error::DataLayer(format!("{name}: a row has {len} values, expected {expected}")));
        }
        each(&mut row.into_iter())?;
    }
    Ok(())
}

/// A row's values, in order, handed over one by one.
impl RowValues for std::vec::IntoIter<Value> {
    fn next_value(&mut self) -> Result<Value> {
        self.next().ok_or_else(|| Error::DataLayer("a row has fewer values than its resource has attributes".into()))
    }
}

/// Storage for the records of registered resources.
///
/// Each call names its [`Target`]: the resource, and the table where it is
/// not the resource's own. Rows are full rows in attribute order. A unique violation (identity or
/// primary key) is reported as `Error::Invalid` with a `Taken` field error on
/// the identity's fields and its message; nothing is written in that case.
/// A layer with `native_foreign_keys` reports a key referencing nothing as
/// `Error::Invalid` on the key ("does not exist") and a destroy leaving
/// referencing rows as "would leave records behind" on the referenced
/// attribute (`data_layer::foreign_key`); the write path checks them on the
/// others.
///
/// Each write call (`create`, `upsert`, `update`, `destroy`) is atomic: it
/// writes all of its effect or, when it fails, nothing, and a thread's write
/// outside a transaction waits for another thread's open transaction as a
/// transaction would. An action that is one such call and nothing else (no
/// hooks, no pre-checks, no foreign keys the write path checks) runs
/// without a transaction of its own.
pub trait DataLayer: Send + Sync + 'static {
    /// A short name for messages (`"ets"`, `"sqlite"`).
    fn name(&self) -> &'static str;

    /// What the layer does natively; the read and write paths decide by it.
    fn capabilities(&self) -> Capabilities;

    /// Prepares storage for a resource (tables, indexes). Idempotent.
    fn register(&self, target: Target<'_>) -> Result<()>;

    /// Inserts a new row. A duplicate primary key or identity is an error.
    fn create(&self, target: Target<'_>, row: Row) -> Result<Row>;

    /// Inserts `rows` in order, as [`DataLayer::create`] would one by one,
    /// pushing each stored row onto `created`. Stops at the first row that
    /// fails, with the error `create` gives for it; `created` then holds the
    /// rows written before it (the caller's transaction undoes them).
    /// `Domain::bulk_create` calls it for changesets whose write is one
    /// `create` and nothing else. The default calls `create` per row; a
    /// layer may write many rows per statement (PostgreSQL does).
    fn create_many(&self, target: Target<'_>, rows: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        for row in rows {
            created.push(self.create(target, row)?);
        }
        Ok(())
    }

    /// Inserts `row`, or when a row with equal values in `conflict_keys`
    /// (attribute indices) exists, overwrites that row's `update_fields` with
    /// the values from `row`. Returns the stored row.
    fn upsert(&self, target: Target<'_>, row: Row, conflict_keys: &[usize], update_fields: &[usize]) -> Result<Row>;

    /// Rows matching the query's filter and keyset (`after`: the rows
    /// after those sort values), sorted, then offset and limited; each row
    /// followed by the query's `computed` values. With `select`, only those
    /// attributes are read and the others are nil.
    fn read(&self, target: Target<'_>, query: &DataQuery) -> Result<Vec<Row>>;

    /// `read`'s rows handed to `each` one at a time, value by value, for a
    /// query without `select` or `computed` values: what a typed read
    /// builds its records from, without a `Vec` per row. The default reads
    /// the rows and hands each over.
    fn read_each(&self, target: Target<'_>, query: &DataQuery, each: &mut EachRow<'_>) -> Result<()> {
        hand_over(target, self.read(target, query)?, each)
    }

    /// How many rows `query`'s filter (and keyset) keeps, ignoring its sort,
    /// limit, offset and computed values. The default reads them.
    fn count(&self, target: Target<'_>, query: &DataQuery) -> Result<usize> {
        Ok(self.read(target, query)?.len())
    }

    /// `read`, with the rows of related records that the query's
    /// expressions reach (relationship paths, aggregates) prefetched in
    /// `related`. The default ignores them.
    fn read_related(&self, target: Target<'_>, query: &DataQuery, related: &Related) -> Result<Vec<Row>> {
        let _ = related;
        self.read(target, query)
    }

    /// The row whose attributes `keys` (indices; the primary key or an
    /// identity's keys) equal `values`. Uses an index, not a scan.
    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> Result<Option<Row>>;

    /// `get`'s row, if there is one, handed to `found` value by value (as
    /// [`DataLayer::read_each`]); whether there was one. The default calls `get`.
    fn get_each(&self, target: Target<'_>, keys: &[usize], values: &[Value], found: &mut EachRow<'_>) -> Result<bool> {
        match self.get(target, keys, values)? {
            Some(row) => hand_over(target, vec![row], found).map(|()| true),
            None => Ok(false),
        }
    }

    /// Writes `changes` (attribute index, new value) to the row with primary
    /// key `pk` and returns the updated row; `NotFound` if there is none.
    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row>;

    /// [`DataLayer::update`] of a row the caller last saw as `seen` (every
    /// attribute, in order; its key is `pk`): the same write, the same
    /// errors and the same returned row, the one the store holds after the
    /// write whether or not it still equalled `seen`. A layer may use
    /// `seen` to return that row without reading it back (SQLite). The
    /// default calls `update`.
    fn update_seen(&self, target: Target<'_>, pk: &[Value], seen: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let _ = seen;
        self.update(target, pk, changes)
    }

    /// Deletes the row with primary key `pk`; `NotFound` if there is none.
    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> Result<()>;

    /// Runs `f` so that everything it writes through this layer is committed
    /// together when it returns `Ok`, and rolled back when it returns `Err`
    /// (or panics). Calls to the layer from inside `f` on the same thread join
    /// the transaction; a nested `transaction` is a savepoint where the layer
    /// supports it. Other threads wait for the transaction to finish.
    ///
    /// The default just runs `f`: a layer without transactions
    /// (`capabilities().transactions == false`) cannot undo writes. ETS and
    /// SQLite have them.
    fn transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        f()
    }

    /// Runs `check` just before this thread's outermost transaction on the
    /// layer commits (a `DEFERRABLE INITIALLY DEFERRED` constraint's time);
    /// its `Err` rolls the transaction back and becomes the transaction's
    /// error. A check registered inside a savepoint that rolls back is
    /// dropped. Outside a transaction it runs now.
    ///
    /// The default runs it now: a layer without transactions has no commit
    /// to wait for. ETS keeps them; a layer with `native_foreign_keys`
    /// defers in its database and is never asked.
    fn check_at_commit(&self, check: CommitCheck) -> Result<()> {
        check()
    }
}

impl dyn DataLayer {
    /// [`DataLayer::transaction`] for a closure that returns a value.
    pub fn transact<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let mut body = Some(f);
        let mut out = None;
        self.transaction(&mut || {
            let body = body.take().ok_or_else(|| Error::DataLayer("a transaction body ran twice".into()))?;
            out = Some(body()?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::DataLayer("a transaction committed without running its body".into()))
    }
}
