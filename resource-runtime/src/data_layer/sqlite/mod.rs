//! The SQLite data layer (rusqlite, bundled SQLite).
//!
//! ```no_run
//! # use resource_runtime::{Domain, Sqlite};
//! # fn main() -> resource_runtime::Result<()> {
//! let db = Sqlite::open("app.db")?; // WAL, busy timeout 5 s, foreign keys on
//! // db.create_schema([Ticket::info()])?;  // until migrations exist
//! let app = Domain::new().with_sqlite(db.clone()) /* .register::<Ticket>() */ .build()?;
//! # Ok(()) }
//! ```
//!
//! Every write is one statement with bound parameters (`INSERT`; `UPDATE`
//! requiring the row to be what the caller saw, else `UPDATE` then the row
//! read back by its key in the same turn of the writer, `update.rs`;
//! `INSERT .. ON CONFLICT .. DO UPDATE .. RETURNING`, `DELETE`; a bulk's
//! creates, multi-row `INSERT`s, `bulk.rs`), its text kept per thread
//! (`texts.rs`) and its prepared statement per connection (`conn.rs`);
//! actions run inside
//! [`DataLayer::transaction`], so their checks and their write commit together. Storage types, transactions and errors are
//! described in `docs/sqlite.md`.

mod bulk;
mod codec;
mod computed;
mod conn;
mod connect;
mod decimal_text;
pub mod dialect;
mod errors;
mod foreign_keys;
mod functions;
mod migrator;
mod options;
mod pool;
mod repo;
mod rows;
pub mod schema;
mod texts;
mod update;

#[cfg(test)]
mod bulk_tests;
#[cfg(test)]
mod codec_tests;
#[cfg(test)]
mod conn_tests;
#[cfg(test)]
pub(crate) mod embedded_tests;
#[cfg(test)]
pub(crate) mod expr_tests;
#[cfg(test)]
mod pool_tests;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::Arc;

pub use codec::datetime_text;
pub use connect::register_functions;
pub use dialect::{CI_COLLATION, DECIMAL_COLLATION, SQLITE, SqliteDialect};
pub use functions::{compare_ci_text, compare_decimal_text};
pub use migrator::SqliteStorage;
pub use options::SqliteOptions;
/// The rusqlite this layer is built on, for [`Sqlite::with_connection`].
pub use rusqlite;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, params_from_iter};

use crate::data_layer::query::DataQuery;
use crate::data_layer::sql::statements;
use crate::data_layer::sql::table::{self, TableDef, TableSql};
use crate::data_layer::{Capabilities, DataLayer, EachRow, Target, hand_over};
use crate::domain::DomainBuilder;
use crate::info::DataLayerKind;
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};

use crate::data_layer::sql::foreign_keys::Written;
use errors::map_error;
use repo::{Access, Repo};
use rows::{Columns, check_cols, decode_row, encode, encode_key, encode_row, not_found, rowid_alias, stored_changes};
use texts::Sql;

/// A SQLite database. Cheap to clone (the clones share its connections) and
/// `Send + Sync`. A file database has one writer connection and a pool of
/// reader connections (`SqliteOptions::readers`): reads outside a
/// transaction run in parallel; in memory there is one connection.
#[derive(Clone)]
pub struct Sqlite {
    repo: Arc<Repo>,
}

impl std::fmt::Debug for Sqlite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sqlite").field("path", &self.repo.path).field("options", &self.repo.options).finish()
    }
}

impl Sqlite {
    /// Opens (creating if needed) the database file at `path`: WAL journal,
    /// `synchronous = NORMAL`, a 5 s busy timeout, foreign keys on,
    /// case-sensitive `LIKE`. Tables are not created: run the migrations or
    /// call [`Sqlite::create_schema`].
    pub fn open(path: impl AsRef<Path>) -> Result<Sqlite> {
        Sqlite::open_with(path, SqliteOptions::file())
    }

    /// Opens the database file at `path` with `options`.
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<Sqlite> {
        Ok(Sqlite { repo: Arc::new(Repo::open(Some(path.as_ref()), options)?) })
    }

    /// A private in-memory database, gone when the last clone is dropped.
    /// Registering a resource creates its table.
    pub fn memory() -> Result<Sqlite> {
        Sqlite::memory_with(SqliteOptions::memory())
    }

    /// A private in-memory database opened with `options`.
    pub fn memory_with(options: SqliteOptions) -> Result<Sqlite> {
        Ok(Sqlite { repo: Arc::new(Repo::open(None, options)?) })
    }

    /// The database file; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.repo.path.as_deref()
    }

    /// The options the database was opened with.
    pub fn options(&self) -> &SqliteOptions {
        &self.repo.options
    }

    /// Creates the tables of `resources` that do not exist yet, all in one
    /// transaction: what the generated migration of the same resources
    /// makes of an empty database (`data_layer::sql::table`, the builder
    /// both use): each table with its columns (`migration_types`,
    /// `migration_defaults`, without `migration_ignore_attributes`) and
    /// foreign keys, its identities' unique indexes (`identity_index_names`,
    /// `skip_unique_indexes`, `base_filter_sql`), its custom indexes and
    /// references' indexes, and, after every table, its custom statements'
    /// `up`s. Resources sharing a table make one table, as in migrations;
    /// a polymorphic resource's tables are those the given resources'
    /// relationships name. An existing table is left as it is, indexes and
    /// statements included: changing it is the migrations' work.
    pub fn create_schema(&self, resources: impl IntoIterator<Item = &'static ResourceInfo>) -> Result<()> {
        let resources: Vec<&'static ResourceInfo> = resources.into_iter().collect();
        let declared = table::declare(&SQLITE, &resources, &resources)?;
        for target in declared.targets.values().flatten() {
            // Known to the foreign key explanations, as registered ones are.
            self.repo.register(*target);
        }
        let tables: Vec<&TableDef> = declared.tables.values().collect();
        self.create_tables(&tables)
    }

    /// Creates those of `tables` that do not exist, in one transaction:
    /// each one's table and indexes, then the custom statements of all.
    fn create_tables(&self, tables: &[&TableDef]) -> Result<()> {
        self.repo.transaction(&mut || {
            self.repo.with_conn(|conn| {
                let fail = |e| map_error(None, e);
                let mut setup = Vec::new();
                for table in tables {
                    let exists = conn
                        .prepare_cached("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1 COLLATE NOCASE")
                        .and_then(|mut statement| statement.exists([&table.table]))
                        .map_err(fail)?;
                    if exists {
                        continue;
                    }
                    let TableSql { ddl, setup: up } = table.create_statements(&SQLITE, false);
                    ddl.iter().try_for_each(|sql| conn.execute_batch(sql).map_err(fail))?;
                    setup.extend(up);
                }
                setup.iter().try_for_each(|sql| conn.execute_batch(sql).map_err(fail))
            })
        })
    }

    /// Runs SQL text as is (several statements allowed) on the writer
    /// connection, inside the current transaction if this thread has one.
    /// For migrations and tests; action values never go through here.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        self.repo.with_conn(|conn| conn.execute_batch(sql).map_err(|e| map_error(None, e)))
    }

    /// Runs `f` with the writer connection (an escape hatch), inside the
    /// current transaction if this thread has one.
    pub fn with_connection<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        self.repo.with_conn(|conn| f(conn).map_err(|e| map_error(None, e)))
    }

    /// How many statements this database has run through the layer (reads,
    /// writes, schema; not `BEGIN`/`COMMIT`), for tests and diagnostics:
    /// a read with loads runs one per relationship level.
    pub fn statements_run(&self) -> u64 {
        self.repo.statements()
    }

    /// Whether the resource's table (or a polymorphic one's given table) exists.
    pub fn has_table<'a>(&self, target: impl Into<Target<'a>>) -> Result<bool> {
        let target = target.into();
        self.repo.with_reader(|conn| {
            let mut statement = conn
                .prepare_cached("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1")
                .map_err(|e| map_error(None, e))?;
            statement.exists([target.table_name()]).map_err(|e| map_error(None, e))
        })
    }

    /// [`Sqlite::query`] for a statement that selects only the attributes
    /// `select` (in that order); the others are nil in the rows.
    fn query_columns(
        &self,
        access: Access,
        target: Target<'_>,
        select: Option<&[usize]>,
        sql: &str,
        params: &[ToSqlOutput<'_>],
    ) -> Result<Vec<Row>> {
        log_statement(sql, params);
        self.repo.with(access, |conn| {
            let fail = |e| map_error(Some(target), e);
            let mut statement = conn.prepare_cached(sql).map_err(fail)?;
            let mut rows = statement.query(params_from_iter(params)).map_err(fail)?;
            let mut out = Vec::new();
            while let Some(row) = rows.next().map_err(fail)? {
                out.push(decode_row(target.resource, select, row)?);
            }
            Ok(out)
        })
    }

    /// Runs one statement on `resource` and returns the number of rows it changed.
    fn execute<'s>(&self, target: Target<'_>, sql: impl Into<Sql<'s>>, params: &[ToSqlOutput<'_>]) -> Result<usize> {
        let sql = sql.into();
        log_statement(sql.text, params);
        self.repo.with_conn(|conn| conn.execute_for(target, sql, params))
    }

    /// Runs a read of full rows and hands each to `each` column by column
    /// as it is stepped to, or only the first (a get's statement stops
    /// there, as rusqlite's `query_row`). Whether there was a row.
    fn each_row<'s>(
        &self,
        target: Target<'_>,
        sql: impl Into<Sql<'s>>,
        params: &[ToSqlOutput<'_>],
        first_only: bool,
        each: &mut EachRow<'_>,
    ) -> Result<bool> {
        let sql = sql.into();
        log_statement(sql.text, params);
        self.repo.with_reader(|conn| {
            conn.with_statement(Some(target), sql, |statement| {
                let fail = |e| map_error(Some(target), e);
                let mut rows = statement.query(params_from_iter(params)).map_err(fail)?;
                let mut any = false;
                while let Some(row) = rows.next().map_err(fail)? {
                    any = true;
                    each(&mut Columns { resource: target.resource, row, next: 0 })?;
                    if first_only {
                        break;
                    }
                }
                Ok(any)
            })
        })
    }

    /// The row with these key values, handed to `found` (`DataLayer::get_each`).
    fn lookup(&self, target: Target<'_>, keys: &[usize], values: &[Value], found: &mut EachRow<'_>) -> Result<bool> {
        let resource = target.resource;
        check_cols(resource, keys)?;
        if keys.is_empty() || keys.len() != values.len() {
            let (k, v) = (keys.len(), values.len());
            return Err(Error::DataLayer(format!("get on {} with {k} keys and {v} values", resource.name)));
        }
        if values.iter().any(Value::is_nil) {
            return Ok(false);
        }
        let sql = texts::get(target, keys);
        // Keys are one or two values: bound from the stack, not a `Vec` per get.
        const ON_STACK: usize = 4;
        if values.len() > ON_STACK {
            let params: Vec<ToSqlOutput<'_>> = values.iter().map(codec::param).collect();
            return self.each_row(target, &sql, &params, true, found);
        }
        let mut texts: [codec::UuidText; ON_STACK] = [[0; 36]; ON_STACK];
        let mut params: [ToSqlOutput<'_>; ON_STACK] = std::array::from_fn(|_| ToSqlOutput::Borrowed(ValueRef::Null));
        for ((param, value), text) in params.iter_mut().zip(values).zip(&mut texts) {
            *param = codec::param_in(value, text);
        }
        self.each_row(target, &sql, &params[..values.len()], true, found)
    }

    /// Runs one statement (a read, or a write with `RETURNING`) and decodes its first row.
    fn one(&self, access: Access, target: Target<'_>, sql: &str, params: &[ToSqlOutput<'_>]) -> Result<Option<Row>> {
        Ok(self.query_columns(access, target, None, sql, params)?.into_iter().next())
    }

    /// The `INSERT` of a create (see `DataLayer::create`). Returns what
    /// the stored row holds that `row` does not hold as it is: the values a
    /// read decodes into something else than was bound (a uuid given as a
    /// string, an integer for a decimal, a datetime cut to microseconds),
    /// and the rowid SQLite assigned to a nil integer primary key.
    fn insert(&self, target: Target<'_>, row: &[Value]) -> Result<Vec<(usize, Value)>> {
        let resource = target.resource;
        let params = encode_row(resource, row)?;
        let sql = texts::insert(target);
        log_statement(&sql, &params);
        let rowid = self.repo.with_conn(|conn| {
            conn.execute_for(target, &sql, &params)?;
            Ok(conn.last_insert_rowid())
        })?;
        stored_changes(resource, row, &params, Some(rowid))
    }

    /// The `INSERT .. ON CONFLICT .. DO UPDATE .. RETURNING` of an upsert.
    fn upsert_row(
        &self,
        target: Target<'_>,
        row: &[Value],
        conflict_keys: &[usize],
        update_fields: &[usize],
    ) -> Result<Row> {
        let resource = target.resource;
        check_cols(resource, conflict_keys.iter().chain(update_fields))?;
        let params = encode_row(resource, row)?;
        let sql = statements::upsert(&SQLITE, target, conflict_keys, update_fields)?;
        self.one(Access::Write, target, &sql, &params)?
            .ok_or_else(|| Error::DataLayer(format!("upsert into {} returned no row", target.table_name())))
    }
}

/// Each statement as a debug event (target `resource::sqlite`) inside the
/// action's span, as AshSqlite's debug logs; free when no subscriber wants it.
fn log_statement(sql: &str, params: &[ToSqlOutput<'_>]) {
    if tracing::enabled!(target: "resource::sqlite", tracing::Level::DEBUG) {
        let shown: Vec<String> = params.iter().map(show_param).collect();
        tracing::debug!(target: "resource::sqlite", params = %shown.join(", "), "{sql}");
    }
}

/// A bound parameter as a person reads it: text quoted, blobs by size.
fn show_param(param: &ToSqlOutput<'_>) -> String {
    use rusqlite::types::{Value as Owned, ValueRef};
    let value = match param {
        ToSqlOutput::Borrowed(value) => *value,
        ToSqlOutput::Owned(owned) => match owned {
            Owned::Null => ValueRef::Null,
            Owned::Integer(i) => ValueRef::Integer(*i),
            Owned::Real(r) => ValueRef::Real(*r),
            Owned::Text(t) => ValueRef::Text(t.as_bytes()),
            Owned::Blob(b) => ValueRef::Blob(b),
        },
        _ => return "?".to_string(),
    };
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

impl DataLayer for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            native_identities: true,
            transactions: true,
            upsert: true,
            computes_related: true,
            native_foreign_keys: true,
            batched_creates: true,
        }
    }

    /// Checks the description (a primary key, identity keys that exist, a
    /// table a schema can hold); with `create_schema` on, creates the table
    /// if it does not exist, as [`Sqlite::create_schema`] does.
    fn register(&self, target: Target<'_>) -> Result<()> {
        let table = schema::table_def(target)?;
        self.repo.register(target);
        if self.repo.options.create_schema {
            return self.create_tables(&[&table]);
        }
        // Still checked: the description can be stored.
        Ok(())
    }

    /// A plain `INSERT` (no `RETURNING`: its temporary table for the
    /// returned rows was more than half of the statement's CPU).
    /// The row returned is the one a read would give back: each bound
    /// parameter decoded as reads decode its column (the given value
    /// itself where that decoding is the identity, `read_as_bound`). That is what is stored,
    /// since every column gets a value (no column default applies) of the
    /// column's own storage class (no affinity conversion); a nil integer
    /// primary key is the rowid SQLite assigned.
    fn create(&self, target: Target<'_>, row: Row) -> Result<Row> {
        let inserted = self.insert(target, &row);
        let decoded = self.explained(target, inserted, || Written::Create(&row))?;
        // The given values are the stored ones (`insert`), but for these.
        let mut row = row;
        for (i, value) in decoded {
            row[i] = value;
        }
        Ok(row)
    }

    /// Multi-row `INSERT`s in chunks, each under a savepoint; a chunk that
    /// fails is redone one row at a time, so the rows and the error are
    /// those of `create` one by one (`bulk.rs`).
    fn create_many(&self, target: Target<'_>, rows: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        self.insert_many(target, rows, created)
    }

    fn upsert(&self, target: Target<'_>, row: Row, conflict_keys: &[usize], update_fields: &[usize]) -> Result<Row> {
        let upserted = self.upsert_row(target, &row, conflict_keys, update_fields);
        self.explained(target, upserted, || Written::Upsert { row: &row, conflict_keys, update_fields })
    }

    fn read(&self, target: Target<'_>, query: &DataQuery) -> Result<Vec<Row>> {
        let (sql, values) = statements::select(&SQLITE, target, query)?;
        let params: Vec<ToSqlOutput<'_>> = values.iter().map(codec::param).collect();
        if !query.computed.is_empty() {
            return computed::query(self, target, query, &sql, &params);
        }
        self.query_columns(Access::Read, target, query.select.as_deref(), &sql, &params)
    }

    /// `SELECT COUNT(*) ..`.
    fn count(&self, target: Target<'_>, query: &DataQuery) -> Result<usize> {
        let resource = target.resource;
        let (sql, values) = statements::count(&SQLITE, target, query)?;
        let params: Vec<ToSqlOutput<'_>> = values.iter().map(codec::param).collect();
        log_statement(&sql, &params);
        let count: i64 = self.repo.with_reader(|conn| {
            let fail = |e| map_error(Some(target), e);
            let mut statement = conn.prepare_cached(&sql).map_err(fail)?;
            statement.query_row(params_from_iter(&params), |row| row.get(0)).map_err(fail)
        })?;
        usize::try_from(count).map_err(|_| Error::DataLayer(format!("COUNT(*) of {} returned {count}", resource.name)))
    }

    /// Relationship paths and aggregates compile to subqueries.
    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> Result<Option<Row>> {
        let mut found = None;
        let count = target.resource.attributes.len();
        self.lookup(target, keys, values, &mut |columns| {
            let mut row = Vec::with_capacity(count);
            for _ in 0..count {
                row.push(columns.next_value()?);
            }
            found = Some(row);
            Ok(())
        })?;
        Ok(found)
    }

    fn get_each(&self, target: Target<'_>, keys: &[usize], values: &[Value], found: &mut EachRow<'_>) -> Result<bool> {
        self.lookup(target, keys, values, found)
    }

    /// Full rows decoded column by column into `each` (no `Vec` per row);
    /// a query with `select` or `computed` values as `read`.
    fn read_each(&self, target: Target<'_>, query: &DataQuery, each: &mut EachRow<'_>) -> Result<()> {
        if query.select.is_some() || !query.computed.is_empty() {
            return hand_over(target, self.read(target, query)?, each);
        }
        let (sql, values) = statements::select(&SQLITE, target, query)?;
        let params: Vec<ToSqlOutput<'_>> = values.iter().map(codec::param).collect();
        self.each_row(target, &sql, &params, false, each).map(|_| ())
    }

    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let updated = self.update_row(target, pk, changes);
        self.explained(target, updated, || Written::Update { pk, changes })
    }

    /// One `UPDATE` that also proves the stored row was `seen`, so the
    /// returned row needs no read-back (`update.rs`); else as `update`.
    fn update_seen(&self, target: Target<'_>, pk: &[Value], seen: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let updated = self.update_seen_row(target, pk, seen, changes);
        self.explained(target, updated, || Written::Update { pk, changes })
    }

    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> Result<()> {
        let resource = target.resource;
        let mut key_text: codec::UuidText = [0; 36];
        let params = encode_key(resource, pk, &mut key_text)?;
        let deleted = self.execute(target, &texts::delete(target), params.as_slice());
        match self.explained(target, deleted, || Written::Destroy { pk })? {
            0 => Err(not_found(resource, pk)),
            _ => Ok(()),
        }
    }

    fn transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        self.repo.transaction(f)
    }
}

/// Sugar for giving a domain its SQLite database.
impl DomainBuilder {
    /// The database of resources that declare `data_layer: Sqlite` and name
    /// no repo (or a repo the domain was not given); resources that declare
    /// `Ets` stay in memory. A `with_data_layer` override still wins over it.
    /// The same as `with_layer_for(DataLayerKind::Sqlite, sqlite)`.
    pub fn with_sqlite(self, sqlite: Sqlite) -> Self {
        self.with_layer_for(DataLayerKind::Sqlite, sqlite)
    }
}
