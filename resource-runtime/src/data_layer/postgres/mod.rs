//! The PostgreSQL data layer (the `postgres` crate, an r2d2 pool), feature `postgres`.
//!
//! ```no_run
//! # use resource_runtime::{Domain, Postgres};
//! # fn main() -> resource_runtime::Result<()> {
//! let db = Postgres::connect("postgres://app@localhost/app")?;
//! // db.create_schema([Ticket::info()])?;  // or run the migrations (docs/migrations.md)
//! let app = Domain::new().with_postgres(db.clone()) /* .register::<Ticket>() */ .build()?;
//! # Ok(()) }
//! ```
//!
//! The same shared SQL as SQLite (`data_layer/sql/`), in PostgreSQL's
//! dialect (`sql/postgres_dialect.rs`): every write is one statement with
//! bound parameters (`INSERT .. RETURNING`, `UPDATE .. RETURNING`,
//! `INSERT .. ON CONFLICT .. DO UPDATE .. RETURNING`, `DELETE`); actions
//! run inside [`DataLayer::transaction`]. Types, transactions and errors
//! are described in `docs/postgres.md`.

mod bulk;
mod codec;
mod errors;
mod foreign_keys;
mod migrator;
mod options;
mod repo;
mod texts;

#[cfg(all(test, feature = "sqlite"))]
mod expr_tests;

use std::sync::Arc;

pub use errors::FOREIGN_KEY_FAILED;
pub use migrator::PostgresStorage;
pub use options::PostgresOptions;
/// The postgres crate this layer is built on, for [`Postgres::with_client`].
pub use postgres;

use postgres::types::ToSql;

use crate::data_layer::query::DataQuery;
use crate::data_layer::sql::postgres_dialect::{POSTGRES, SETUP};
use crate::data_layer::sql::table::{self, TableDef, TableSql};
use crate::data_layer::sql::{Dialect, statements};
use crate::data_layer::{Capabilities, DataLayer, Target};
use crate::domain::DomainBuilder;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};
use crate::info::{DataLayerKind, ResourceInfo, Type};

use crate::data_layer::sql::foreign_keys::Written;
use codec::{Cell, Param};
use errors::map_error;
use repo::{Conn, Repo, batch};

/// A PostgreSQL database: a pool of connections to one server and schema.
/// Cheap to clone (the clones share the pool) and `Send + Sync`.
#[derive(Clone)]
pub struct Postgres {
    repo: Arc<Repo>,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Postgres").field("options", &self.repo.options).finish()
    }
}

impl Postgres {
    /// Connects to the server at `url` (`postgres://user:password@host:port/db`,
    /// or `host=/run/postgresql user=app dbname=app`) with the default
    /// options, and creates the layer's collation and functions in its
    /// schema. Tables are not created: run the migrations or call
    /// [`Postgres::create_schema`].
    pub fn connect(url: &str) -> Result<Postgres> {
        Postgres::connect_with(url, PostgresOptions::default())
    }

    /// Connects to the server at `url` with `options`.
    pub fn connect_with(url: &str, options: PostgresOptions) -> Result<Postgres> {
        let config: postgres::Config =
            url.parse().map_err(|e| Error::DataLayer(format!("postgres: cannot read the URL: {e}")))?;
        let schema = options.schema.clone();
        let db = Postgres { repo: Arc::new(Repo::open(config, options)?) };
        db.setup(schema.as_deref())?;
        Ok(db)
    }

    /// The schema (if given) and what the compiled SQL calls, under an
    /// advisory lock: concurrent `CREATE OR REPLACE`s of one function fail.
    fn setup(&self, schema: Option<&str>) -> Result<()> {
        let create = schema.map(|s| format!("CREATE SCHEMA IF NOT EXISTS {};\n", POSTGRES.quote_ident(s)));
        let sql =
            format!("BEGIN;\nSELECT pg_advisory_xact_lock(7262515);\n{}{SETUP}\nCOMMIT;", create.unwrap_or_default());
        let done = self.repo.with_conn(|conn| {
            let done = batch(conn, &sql);
            if done.is_err() {
                let _ = batch(conn, "ROLLBACK");
            }
            done
        });
        match done {
            // A read-only replica has what its primary was given.
            Err(Error::ReadOnly { .. }) => Ok(()),
            done => done,
        }
    }

    /// The options the database was connected with.
    pub fn options(&self) -> &PostgresOptions {
        &self.repo.options
    }

    /// Drops the schema the options named, with everything in it (for
    /// tests that give each domain a schema of its own).
    pub fn drop_schema(&self) -> Result<()> {
        let Some(schema) = &self.repo.options.schema else {
            return Err(Error::DataLayer("postgres: no schema was named to drop".into()));
        };
        self.execute_batch(&format!("DROP SCHEMA IF EXISTS {} CASCADE", POSTGRES.quote_ident(schema)))
    }

    /// Creates the tables of `resources` that do not exist yet, in one
    /// transaction, as [`Sqlite::create_schema`](crate::Sqlite) does: the
    /// tables the migration generator would create, with their indexes,
    /// foreign keys and custom statements.
    pub fn create_schema(&self, resources: impl IntoIterator<Item = &'static ResourceInfo>) -> Result<()> {
        let resources: Vec<&'static ResourceInfo> = resources.into_iter().collect();
        let declared = table::declare(&POSTGRES, &resources, &resources)?;
        for target in declared.targets.values().flatten() {
            self.repo.register(*target);
        }
        let tables: Vec<&TableDef> = declared.tables.values().collect();
        self.create_tables(&tables)
    }

    /// Creates those of `tables` that do not exist, in one transaction.
    fn create_tables(&self, tables: &[&TableDef]) -> Result<()> {
        let mut body = || {
            self.repo.with_conn(|conn| {
                // One creator at a time: `IF NOT EXISTS` is no lock.
                batch(conn, "SELECT pg_advisory_xact_lock(7262516)")?;
                // A reference is checked when it is declared: the foreign
                // keys come after every table, whatever their order.
                let (mut references, mut setup) = (Vec::new(), Vec::new());
                for table in tables {
                    let statement =
                        conn.prepare("SELECT to_regclass($1) IS NOT NULL").map_err(|e| map_error(None, e))?;
                    let name = POSTGRES.quote_ident(&table.table);
                    let exists: bool = conn
                        .client
                        .query_one(&statement, &[&name])
                        .and_then(|row| row.try_get(0))
                        .map_err(|e| map_error(None, e))?;
                    if exists {
                        continue;
                    }
                    let (TableSql { ddl, setup: up }, keys) = table.create_statements_then_references(&POSTGRES);
                    ddl.iter().try_for_each(|sql| batch(conn, sql))?;
                    references.extend(keys);
                    setup.extend(up);
                }
                references.iter().chain(&setup).try_for_each(|sql| batch(conn, sql))
            })
        };
        self.transaction(&mut body)
    }

    /// Runs SQL text as is (several statements allowed), inside the
    /// current transaction if this thread has one. For migrations and
    /// tests; action values never go through here.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        self.repo.with_conn(|conn| batch(conn, sql))
    }

    /// Runs `f` with a client (an escape hatch), inside the current
    /// transaction if this thread has one.
    pub fn with_client<T>(
        &self,
        f: impl FnOnce(&mut postgres::Client) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        self.repo.with_conn(|conn| f(&mut conn.client).map_err(|e| map_error(None, e)))
    }

    /// How many statements this database has run through the layer.
    pub fn statements_run(&self) -> u64 {
        self.repo.statements()
    }

    /// Whether the resource's table (or a polymorphic one's given table) exists.
    pub fn has_table<'a>(&self, target: impl Into<Target<'a>>) -> Result<bool> {
        let name = POSTGRES.quote_ident(target.into().table_name());
        self.with_client(|client| client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])?.try_get(0))
    }

    /// Runs `sql` and decodes each row: the attributes `select` names (in
    /// that order; all when `None`), then one value per `computed` type.
    fn query(
        &self,
        target: Target<'_>,
        select: Option<&[usize]>,
        computed: &[Option<Type>],
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<Row>> {
        log_statement(sql, params);
        let resource = target.resource;
        self.repo.with_conn(|conn| {
            let rows = run_query(conn, sql, params).map_err(|e| map_error(Some(target), e))?;
            let width = select.map_or(resource.attributes.len(), <[usize]>::len);
            rows.iter()
                .map(|row| {
                    let mut values = decode_row(resource, select, row)?;
                    for (j, ty) in computed.iter().enumerate() {
                        let Cell(stored) = row.try_get(width + j).map_err(|e| map_error(Some(target), e))?;
                        values.push(match ty {
                            Some(ty) => codec::decode(*ty, stored).map_err(|message| {
                                Error::DataLayer(format!("{}: a computed value: {message}", resource.name))
                            })?,
                            None => stored,
                        });
                    }
                    Ok(values)
                })
                .collect()
        })
    }

    /// Runs a statement and returns the number of rows it changed.
    fn execute(&self, target: Target<'_>, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        log_statement(sql, params);
        self.repo.with_conn(|conn| {
            let statement = conn.prepare(sql).map_err(|e| map_error(Some(target), e))?;
            let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
            conn.client.execute(&statement, &params).map_err(|e| map_error(Some(target), e))
        })
    }

    fn one(&self, target: Target<'_>, sql: &str, params: &[Param<'_>]) -> Result<Option<Row>> {
        Ok(self.query(target, None, &[], sql, params)?.into_iter().next())
    }

    /// `INSERT .. RETURNING ..`; a nil key the database generates is left
    /// out, so that its identity column fills it.
    fn insert(&self, target: Target<'_>, row: &[Value]) -> Result<Row> {
        let resource = target.resource;
        let row = &stored_row(resource, row)?;
        let generated = generated_key(resource).filter(|&col| row[col].is_nil());
        let cols: Vec<usize> = (0..resource.attributes.len()).filter(|&col| Some(col) != generated).collect();
        let sql = texts::insert(target, &cols, generated.is_some(), 1);
        let params: Vec<Param<'_>> = cols.iter().map(|&c| Param(&row[c])).collect();
        self.one(target, &sql, &params)?
            .ok_or_else(|| Error::DataLayer(format!("insert into {} returned no row", target.table_name())))
    }

    fn upsert_row(
        &self,
        target: Target<'_>,
        row: &[Value],
        conflict_keys: &[usize],
        update_fields: &[usize],
    ) -> Result<Row> {
        let resource = target.resource;
        check_cols(resource, conflict_keys.iter().chain(update_fields))?;
        let row = stored_row(resource, row)?;
        let sql = statements::upsert(&POSTGRES, target, conflict_keys, update_fields)?;
        let params: Vec<Param<'_>> = row.iter().map(|value| Param(value)).collect();
        self.one(target, &sql, &params)?
            .ok_or_else(|| Error::DataLayer(format!("upsert into {} returned no row", target.table_name())))
    }

    fn update_row(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let resource = target.resource;
        check_cols(resource, changes.iter().map(|(col, _)| col))?;
        check_pk(resource, pk)?;
        if changes.is_empty() {
            let keys: Vec<usize> = resource.primary_key().collect();
            let params: Vec<Param<'_>> = pk.iter().map(Param).collect();
            return self
                .one(target, &statements::get(&POSTGRES, target, &keys), &params)?
                .ok_or_else(|| not_found(resource, pk));
        }
        let values = changes
            .iter()
            .map(|(col, value)| {
                let attribute = &resource.attributes[*col];
                codec::stored(attribute.ty, value).map_err(|message| Error::ValueType {
                    resource: resource.name,
                    field: attribute.name,
                    message,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut params: Vec<Param<'_>> = values.iter().map(|value| Param(value)).collect();
        params.extend(pk.iter().map(Param));
        let cols: Vec<usize> = changes.iter().map(|(col, _)| *col).collect();
        self.one(target, &statements::update(&POSTGRES, target, &cols), &params)?.ok_or_else(|| not_found(resource, pk))
    }

    /// The error of a failed `COMMIT`: a deferred foreign key's field error.
    fn commit_error(&self, error: Error) -> Error {
        foreign_keys::explain_constraint(&self.repo.registered(), &error).unwrap_or(error)
    }
}

/// Runs `sql` with `params` on `conn`, prepared once per connection.
fn run_query(
    conn: &mut Conn,
    sql: &str,
    params: &[Param<'_>],
) -> std::result::Result<Vec<postgres::Row>, postgres::Error> {
    let statement = conn.prepare(sql)?;
    let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
    conn.client.query(&statement, &params)
}

/// The attributes at the start of a result row, decoded by their types:
/// every attribute in order, or only `select`'s (the rest nil).
fn decode_row(resource: &'static ResourceInfo, select: Option<&[usize]>, row: &postgres::Row) -> Result<Row> {
    let decode = |position: usize, col: usize| -> Result<Value> {
        let attribute = &resource.attributes[col];
        let Cell(stored) = row.try_get(position).map_err(|e| map_error(Some(resource.into()), e))?;
        codec::decode(attribute.ty, stored).map_err(|message| Error::ValueType {
            resource: resource.name,
            field: attribute.name,
            message,
        })
    };
    match select {
        None => (0..resource.attributes.len()).map(|col| decode(col, col)).collect(),
        Some(cols) => {
            let mut values = vec![Value::Nil; resource.attributes.len()];
            for (position, &col) in cols.iter().enumerate() {
                if col >= values.len() {
                    return Err(Error::DataLayer(format!("{} has no attribute at index {col}", resource.name)));
                }
                values[col] = decode(position, col)?;
            }
            Ok(values)
        }
    }
}

/// Each statement as a debug event (target `resource::postgres`) inside
/// the action's span, as on SQLite; free when no subscriber wants it.
fn log_statement(sql: &str, params: &[Param<'_>]) {
    if tracing::enabled!(target: "resource::postgres", tracing::Level::DEBUG) {
        let shown: Vec<String> = params.iter().map(|Param(value)| value.to_string()).collect();
        tracing::debug!(target: "resource::postgres", params = %shown.join(", "), "{sql}");
    }
}

/// The single integer primary key the database fills in (`generated`), if any.
fn generated_key(resource: &ResourceInfo) -> Option<usize> {
    let mut pk = resource.primary_key();
    match (pk.next(), pk.next()) {
        (Some(col), None) if resource.attributes[col].ty == Type::Integer && resource.attributes[col].generated => {
            Some(col)
        }
        _ => None,
    }
}

/// The row has one value per attribute, each fitting its column: the
/// values to bind (`codec::stored`: embeds in their canonical form).
fn stored_row<'r>(resource: &'static ResourceInfo, row: &'r [Value]) -> Result<Vec<std::borrow::Cow<'r, Value>>> {
    let (want, got) = (resource.attributes.len(), row.len());
    if want != got {
        return Err(Error::DataLayer(format!("{} rows have {want} values, got {got}", resource.name)));
    }
    resource
        .attributes
        .iter()
        .zip(row)
        .map(|(attribute, value)| {
            codec::stored(attribute.ty, value).map_err(|message| Error::ValueType {
                resource: resource.name,
                field: attribute.name,
                message,
            })
        })
        .collect()
}

fn check_cols<'a>(resource: &'static ResourceInfo, cols: impl IntoIterator<Item = &'a usize>) -> Result<()> {
    let count = resource.attributes.len();
    match cols.into_iter().find(|&&col| col >= count) {
        Some(col) => Err(Error::DataLayer(format!("{} has no attribute at index {col}", resource.name))),
        None => Ok(()),
    }
}

/// A full primary key, or `NotFound` when one of its values is nil.
fn check_pk(resource: &'static ResourceInfo, pk: &[Value]) -> Result<()> {
    let count = resource.primary_key().count();
    if count != pk.len() {
        let got = pk.len();
        return Err(Error::DataLayer(format!("{} has {count} primary key fields, got {got} values", resource.name)));
    }
    if pk.iter().any(Value::is_nil) {
        return Err(not_found(resource, pk));
    }
    Ok(())
}

fn not_found(resource: &'static ResourceInfo, pk: &[Value]) -> Error {
    let names = resource.primary_key().map(|i| resource.attributes[i].name.to_string());
    Error::NotFound { resource: resource.name, lookup: names.zip(pk.iter().cloned()).collect() }
}

impl DataLayer for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
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

    /// Checks the description; with `create_schema` on, creates the table
    /// if it does not exist.
    fn register(&self, target: Target<'_>) -> Result<()> {
        let table = crate::data_layer::sql::ddl::table_def(&POSTGRES, target)?;
        self.repo.register(target);
        if self.repo.options.create_schema {
            return self.create_tables(&[&table]);
        }
        Ok(())
    }

    fn create(&self, target: Target<'_>, row: Row) -> Result<Row> {
        let created = self.insert(target, &row);
        self.explained(target, created, || Written::Create(&row))
    }

    /// Multi-row `INSERT`s, a chunk that fails redone row by row (`bulk.rs`).
    fn create_many(&self, target: Target<'_>, rows: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        self.insert_many(target, rows, created)
    }

    fn upsert(&self, target: Target<'_>, row: Row, conflict_keys: &[usize], update_fields: &[usize]) -> Result<Row> {
        let upserted = self.upsert_row(target, &row, conflict_keys, update_fields);
        self.explained(target, upserted, || Written::Upsert { row: &row, conflict_keys, update_fields })
    }

    fn read(&self, target: Target<'_>, query: &DataQuery) -> Result<Vec<Row>> {
        let (sql, values) = statements::select(&POSTGRES, target, query)?;
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        let types: Vec<Option<Type>> = query.computed.iter().map(|expr| expr.static_type(target.resource)).collect();
        self.query(target, query.select.as_deref(), &types, &sql, &params)
    }

    fn count(&self, target: Target<'_>, query: &DataQuery) -> Result<usize> {
        let (sql, values) = statements::count(&POSTGRES, target, query)?;
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        log_statement(&sql, &params);
        let count: i64 = self.repo.with_conn(|conn| {
            let rows = run_query(conn, &sql, &params).map_err(|e| map_error(Some(target), e))?;
            let row = rows.first().ok_or_else(|| Error::DataLayer("COUNT(*) returned no row".into()))?;
            row.try_get(0).map_err(|e| map_error(Some(target), e))
        })?;
        usize::try_from(count)
            .map_err(|_| Error::DataLayer(format!("COUNT(*) of {} returned {count}", target.resource.name)))
    }

    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> Result<Option<Row>> {
        let resource = target.resource;
        check_cols(resource, keys)?;
        if keys.is_empty() || keys.len() != values.len() {
            let (k, v) = (keys.len(), values.len());
            return Err(Error::DataLayer(format!("get on {} with {k} keys and {v} values", resource.name)));
        }
        if values.iter().any(Value::is_nil) {
            return Ok(None);
        }
        let sql = statements::get(&POSTGRES, target, keys);
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        self.one(target, &sql, &params)
    }

    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let updated = self.update_row(target, pk, changes);
        self.explained(target, updated, || Written::Update { pk, changes })
    }

    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> Result<()> {
        let resource = target.resource;
        check_pk(resource, pk)?;
        let params: Vec<Param<'_>> = pk.iter().map(Param).collect();
        let deleted = self.execute(target, &statements::delete(&POSTGRES, target), &params);
        match self.explained(target, deleted, || Written::Destroy { pk })? {
            0 => Err(not_found(resource, pk)),
            _ => Ok(()),
        }
    }

    fn transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        self.repo.transaction(f, &|error| self.commit_error(error))
    }
}

/// Sugar for giving a domain its PostgreSQL database.
impl DomainBuilder {
    /// The database of resources that declare `data_layer: Postgres` and
    /// name no repo (or a repo the domain was not given). The same as
    /// `with_layer_for(DataLayerKind::Postgres, postgres)`.
    pub fn with_postgres(self, postgres: Postgres) -> Self {
        self.with_layer_for(DataLayerKind::Postgres, postgres)
    }
}
