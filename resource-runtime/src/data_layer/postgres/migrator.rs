//! Migrating a PostgreSQL database: the runner's seam
//! ([`MigrationDatabase`]) and the CLI's storage ([`PostgresStorage`]).
//!
//! Each step is one transaction on one connection (PostgreSQL's DDL is
//! transactional): `BEGIN`, a transaction-level advisory lock on the
//! schema (so two migrators, threads or processes, apply each step once:
//! the applied list is re-read under it), the SQL, the bookkeeping row,
//! `COMMIT`. Foreign keys are checked by each statement as it runs (no
//! check is left for the commit, unless a key is deferrable). The
//! bookkeeping table is SQLite's: `schema_migrations (version, name,
//! checksum, applied_at)`, all text, in the schema the connections use.

use postgres::Config;
use postgres::error::SqlState;

use super::repo::{Conn, batch};
use super::{Postgres, PostgresOptions};
use crate::data_layer::migration::{
    AppliedMigration, DatabaseStorage, Direction, MIGRATIONS_TABLE, MigrationDatabase, MigrationStep,
};
use crate::data_layer::sql::Dialect;
use crate::data_layer::sql::postgres_dialect::POSTGRES;
use crate::info::error::{Error, Result};

use super::errors::map_error;

/// The advisory lock migrators of one schema take (with the schema's hash
/// as its second key); the layer's own locks are 7262515..=7262517.
const MIGRATION_LOCK: &str = "pg_advisory_xact_lock(7262518, hashtext(current_schema()))";

/// Set for the step's transaction only: gone if the migration's SQL ended it.
const MARK: &str = "resource.migrating";

impl MigrationDatabase for Postgres {
    fn applied_migrations(&self) -> Result<Vec<AppliedMigration>> {
        let own = !self.repo.in_transaction();
        self.repo.with_conn(|conn| {
            ensure_table(conn, own)?;
            applied(conn)
        })
    }

    fn run_step(&self, step: &MigrationStep<'_>) -> Result<bool> {
        if self.repo.in_transaction() {
            return Err(Error::DataLayer(
                "migrations cannot run inside a transaction: each one opens its own".to_string(),
            ));
        }
        self.repo.with_conn(|conn| {
            let result = run_step(conn, step);
            if result.is_err() {
                let _ = batch(conn, "ROLLBACK");
            }
            result
        })
    }
}

fn create_table_sql() -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\
           \"version\" text NOT NULL PRIMARY KEY, \
           \"name\" text NOT NULL, \
           \"checksum\" text NOT NULL, \
           \"applied_at\" text NOT NULL)",
        POSTGRES.quote_ident(MIGRATIONS_TABLE)
    )
}

/// Creates the bookkeeping table if missing, under the migrators' lock
/// (two `CREATE TABLE IF NOT EXISTS` at once can both try to create it):
/// in a transaction of its own when `own`, else in the caller's.
fn ensure_table(conn: &mut Conn, own: bool) -> Result<()> {
    let exists: bool = conn
        .client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&POSTGRES.quote_ident(MIGRATIONS_TABLE)])
        .and_then(|row| row.try_get(0))
        .map_err(|e| map_error(None, e))?;
    if exists {
        return Ok(());
    }
    let create = format!("SELECT {MIGRATION_LOCK}; {};", create_table_sql());
    if !own {
        return batch(conn, &create);
    }
    let done = batch(conn, &format!("BEGIN; {create} COMMIT;"));
    if done.is_err() {
        let _ = batch(conn, "ROLLBACK");
    }
    done
}

fn applied(conn: &mut Conn) -> Result<Vec<AppliedMigration>> {
    let sql = format!(
        "SELECT version, name, checksum, applied_at FROM {} ORDER BY version",
        POSTGRES.quote_ident(MIGRATIONS_TABLE)
    );
    let rows = conn.client.query(&sql, &[]).map_err(|e| map_error(None, e))?;
    rows.iter()
        .map(|row| {
            Ok(AppliedMigration {
                version: row.try_get(0)?,
                name: row.try_get(1)?,
                checksum: row.try_get(2)?,
                applied_at: row.try_get(3)?,
            })
        })
        .collect::<std::result::Result<Vec<_>, postgres::Error>>()
        .map_err(|e| map_error(None, e))
}

/// The step in its transaction; the caller rolls back on an error.
fn run_step(conn: &mut Conn, step: &MigrationStep<'_>) -> Result<bool> {
    let table = POSTGRES.quote_ident(MIGRATIONS_TABLE);
    batch(conn, &format!("BEGIN; SELECT {MIGRATION_LOCK}; {}; SET LOCAL {MARK} = 'on'", create_table_sql()))?;
    let is_applied = conn
        .client
        .query_opt(&format!("SELECT 1 FROM {table} WHERE version = $1"), &[&step.version])
        .map_err(|e| map_error(None, e))?
        .is_some();
    if is_applied == (step.direction == Direction::Up) {
        batch(conn, "ROLLBACK")?;
        return Ok(false);
    }
    batch(conn, step.sql)?;
    let mark: Option<String> = conn
        .client
        .query_one(&format!("SELECT current_setting('{MARK}', true)"), &[])
        .and_then(|row| row.try_get(0))
        .map_err(|e| map_error(None, e))?;
    if mark.as_deref() != Some("on") {
        return Err(Error::DataLayer(
            "the migration ended the transaction it runs in (a COMMIT or ROLLBACK in its SQL): \
             remove it, the runner wraps each migration in one"
                .to_string(),
        ));
    }
    match step.direction {
        Direction::Up => conn.client.execute(
            &format!("INSERT INTO {table} (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)"),
            &[&step.version, &step.name, &step.checksum, &now()],
        ),
        Direction::Down => conn.client.execute(&format!("DELETE FROM {table} WHERE version = $1"), &[&step.version]),
    }
    .map_err(|e| map_error(None, e))?;
    batch(conn, "COMMIT")?;
    Ok(true)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A PostgreSQL database on a server, as the CLI's `create`, `drop` and
/// `migrate` see it: `create` and `drop` connect to the server's
/// `postgres` maintenance database (as `mix ash_postgres.create` does) and
/// create or drop the URL's database.
#[derive(Debug, Clone)]
pub struct PostgresStorage {
    url: String,
    config: Config,
    options: PostgresOptions,
}

impl Postgres {
    /// The database at `url`, for the CLI
    /// (`resource::cli::Project::new(Postgres::storage(url)?)`). An
    /// unreadable URL is an error now rather than at the first command.
    pub fn storage(url: &str) -> Result<PostgresStorage> {
        Postgres::storage_with(url, PostgresOptions::default())
    }

    /// The database at `url`, opened with `options` to migrate (its
    /// `schema` is where the tables and `schema_migrations` go, so that
    /// two repos can share a database in two schemas; `drop` still drops
    /// the whole database, every schema in it).
    pub fn storage_with(url: &str, options: PostgresOptions) -> Result<PostgresStorage> {
        let config: Config =
            url.parse().map_err(|e| Error::DataLayer(format!("postgres: cannot read the URL: {e}")))?;
        Ok(PostgresStorage { url: url.to_string(), config, options: options.pool_size(1) })
    }
}

/// The database that holds the others' catalog, which `create` and `drop` connect to.
const MAINTENANCE_DATABASE: &str = "postgres";

impl PostgresStorage {
    /// The database's name: the URL's, else the user's (libpq's default).
    pub fn database(&self) -> Result<String> {
        match (self.config.get_dbname(), self.config.get_user()) {
            (Some(name), _) | (None, Some(name)) => Ok(name.to_string()),
            (None, None) => Err(Error::DataLayer(format!(
                "postgres: the URL names no database (nor user): add one (postgres://user@host/app) to {}",
                self.describe()
            ))),
        }
    }

    /// A client on the maintenance database of the same server.
    fn maintenance(&self) -> Result<postgres::Client> {
        let mut config = self.config.clone();
        config.dbname(MAINTENANCE_DATABASE);
        config.connect_timeout(self.options.connect_timeout);
        config.connect(postgres::NoTls).map_err(|e| {
            let mut error = map_error(None, e);
            if let Error::Unavailable { message } | Error::Database { message, .. } = &mut error {
                message
                    .push_str(&format!(" (the maintenance database `{MAINTENANCE_DATABASE}` of {})", self.describe()));
            }
            error
        })
    }

    fn exists_on(&self, client: &mut postgres::Client) -> Result<bool> {
        let name = self.database()?;
        let row = client
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
            .map_err(|e| map_error(None, e))?;
        Ok(row.is_some())
    }
}

impl DatabaseStorage for PostgresStorage {
    /// `database "app" on localhost:5432` (no password).
    fn describe(&self) -> String {
        let database = self.config.get_dbname().or(self.config.get_user()).unwrap_or("?");
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|host| match host {
                postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        let host = if hosts.is_empty() { "localhost".to_string() } else { hosts.join(",") };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let schema = self.options.schema.as_ref().map(|s| format!(", schema \"{s}\"")).unwrap_or_default();
        format!("database \"{database}\"{schema} on {host}:{port}")
    }

    fn create(&self) -> Result<bool> {
        let mut client = self.maintenance()?;
        if self.exists_on(&mut client)? {
            return Ok(false);
        }
        let sql = format!("CREATE DATABASE {}", POSTGRES.quote_ident(&self.database()?));
        match client.batch_execute(&sql) {
            Ok(()) => Ok(true),
            // Another process created it since the look.
            Err(error) if error.code() == Some(&SqlState::DUPLICATE_DATABASE) => Ok(false),
            Err(error) if error.code() == Some(&SqlState::UNIQUE_VIOLATION) => Ok(false),
            Err(error) => Err(map_error(None, error)),
        }
    }

    fn drop_storage(&self) -> Result<bool> {
        let name = self.database()?;
        if name == MAINTENANCE_DATABASE {
            return Err(Error::DataLayer(format!(
                "{} is the server's maintenance database, which `drop` does not drop: name another database in \
                 the URL",
                self.describe()
            )));
        }
        let mut client = self.maintenance()?;
        if !self.exists_on(&mut client)? {
            return Ok(false);
        }
        match client.batch_execute(&format!("DROP DATABASE IF EXISTS {}", POSTGRES.quote_ident(&name))) {
            Ok(()) => Ok(true),
            Err(error) if error.code() == Some(&SqlState::OBJECT_IN_USE) => Err(Error::DataLayer(format!(
                "cannot drop {}: other sessions are connected to it (stop the programs using it)",
                self.describe()
            ))),
            Err(error) => Err(map_error(None, error)),
        }
    }

    fn exists(&self) -> Result<bool> {
        let mut client = self.maintenance()?;
        self.exists_on(&mut client)
    }

    fn open(&self) -> Result<Box<dyn MigrationDatabase>> {
        if !self.exists()? {
            return Err(Error::DataLayer(format!("the {} does not exist: run `create` first", self.describe())));
        }
        Ok(Box::new(Postgres::connect_with(&self.url, self.options.clone())?))
    }
}
