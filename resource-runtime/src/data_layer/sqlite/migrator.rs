//! Migrating a SQLite database: the runner's seam
//! ([`MigrationDatabase`]) and the CLI's storage ([`SqliteStorage`]).
//!
//! Each step runs on the writer connection as SQLite's documentation asks
//! for schema changes that rebuild tables: `PRAGMA foreign_keys = OFF`
//! *outside* the transaction (inside one it is silently ignored), then
//! `BEGIN IMMEDIATE` (the write lock, so two processes migrating at once
//! apply each step once: the applied list is re-read under it), the SQL,
//! `PRAGMA foreign_key_check` (a violation fails the step), the bookkeeping
//! row, `COMMIT`; foreign keys are switched back on whatever happened.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use super::errors::map_error;
use super::{Sqlite, SqliteOptions};
use crate::data_layer::migration::{
    AppliedMigration, DatabaseStorage, Direction, MIGRATIONS_TABLE, MigrationDatabase, MigrationStep,
};
use crate::info::error::{Error, Result};

impl MigrationDatabase for Sqlite {
    fn applied_migrations(&self) -> Result<Vec<AppliedMigration>> {
        self.repo.with_conn(|conn| {
            ensure_table(conn)?;
            applied(conn)
        })
    }

    fn run_step(&self, step: &MigrationStep<'_>) -> Result<bool> {
        if self.repo.in_transaction() {
            return Err(Error::DataLayer(
                "migrations cannot run inside a transaction: each one opens its own".to_string(),
            ));
        }
        self.repo.with_conn(|conn| run_step(conn, step))
    }
}

fn sql_error(error: rusqlite::Error) -> Error {
    map_error(None, error)
}

fn ensure_table(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS \"{MIGRATIONS_TABLE}\" (\
           \"version\" TEXT NOT NULL PRIMARY KEY, \
           \"name\" TEXT NOT NULL, \
           \"checksum\" TEXT NOT NULL, \
           \"applied_at\" TEXT NOT NULL)"
    ))
    .map_err(sql_error)
}

fn applied(conn: &Connection) -> Result<Vec<AppliedMigration>> {
    let sql = format!("SELECT version, name, checksum, applied_at FROM \"{MIGRATIONS_TABLE}\" ORDER BY version");
    let mut statement = conn.prepare(&sql).map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| {
            Ok(AppliedMigration {
                version: row.get(0)?,
                name: row.get(1)?,
                checksum: row.get(2)?,
                applied_at: row.get(3)?,
            })
        })
        .map_err(sql_error)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_error)
}

fn run_step(conn: &Connection, step: &MigrationStep<'_>) -> Result<bool> {
    ensure_table(conn)?;
    let foreign_keys: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0)).map_err(sql_error)?;
    conn.execute_batch("PRAGMA foreign_keys = OFF").map_err(sql_error)?;
    let result = in_write_transaction(conn, || step_body(conn, step));
    let restored =
        if foreign_keys { conn.execute_batch("PRAGMA foreign_keys = ON").map_err(sql_error) } else { Ok(()) };
    let ran = result?;
    restored?;
    Ok(ran)
}

fn in_write_transaction<T>(conn: &Connection, body: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
    match body() {
        Ok(value) => match conn.execute_batch("COMMIT") {
            Ok(()) => Ok(value),
            Err(error) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(sql_error(error))
            }
        },
        Err(error) => {
            if !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            Err(error)
        }
    }
}

fn step_body(conn: &Connection, step: &MigrationStep<'_>) -> Result<bool> {
    let is_applied = conn
        .query_row(&format!("SELECT 1 FROM \"{MIGRATIONS_TABLE}\" WHERE version = ?1"), [step.version], |_| Ok(()))
        .optional()
        .map_err(sql_error)?
        .is_some();
    if is_applied == (step.direction == Direction::Up) {
        return Ok(false);
    }
    conn.execute_batch(step.sql).map_err(sql_error)?;
    if !conn.is_autocommit() {
        foreign_key_check(conn)?;
    } else {
        return Err(Error::DataLayer(
            "the migration ended the transaction it runs in (a COMMIT or ROLLBACK in its SQL): \
             remove it, the runner wraps each migration in one"
                .to_string(),
        ));
    }
    match step.direction {
        Direction::Up => conn.execute(
            &format!(
                "INSERT INTO \"{MIGRATIONS_TABLE}\" (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)"
            ),
            [step.version, step.name, step.checksum, &now()],
        ),
        Direction::Down => {
            conn.execute(&format!("DELETE FROM \"{MIGRATIONS_TABLE}\" WHERE version = ?1"), [step.version])
        }
    }
    .map_err(sql_error)?;
    Ok(true)
}

/// `PRAGMA foreign_key_check`: the first few violations, named.
fn foreign_key_check(conn: &Connection) -> Result<()> {
    let mut statement = conn.prepare("PRAGMA foreign_key_check").map_err(sql_error)?;
    let violations = statement
        .query_map([], |row| {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            Ok(format!("a row of `{table}` (rowid {}) references a missing row of `{parent}`", rowid.unwrap_or(-1)))
        })
        .map_err(sql_error)?
        .take(5)
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql_error)?;
    if violations.is_empty() {
        return Ok(());
    }
    Err(Error::DataLayer(format!("foreign key check failed: {}", violations.join("; "))))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A SQLite database file, as the CLI's `create`, `drop` and `migrate` see it.
#[derive(Debug, Clone)]
pub struct SqliteStorage {
    path: PathBuf,
}

impl Sqlite {
    /// The database file at `path`, for the CLI (`resource::cli::Project::new(Sqlite::storage("app.db"))`).
    pub fn storage(path: impl Into<PathBuf>) -> SqliteStorage {
        SqliteStorage { path: path.into() }
    }
}

impl SqliteStorage {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file and SQLite's companions in WAL mode.
    fn files(&self) -> [PathBuf; 3] {
        let with_suffix = |suffix: &str| {
            let mut name = self.path.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        [self.path.clone(), with_suffix("-wal"), with_suffix("-shm")]
    }
}

fn io_error(path: &Path, action: &str) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.display().to_string();
    let action = action.to_string();
    move |error| Error::DataLayer(format!("cannot {action} {path}: {error}"))
}

impl DatabaseStorage for SqliteStorage {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn create(&self) -> Result<bool> {
        if self.exists()? {
            return Ok(false);
        }
        if let Some(parent) = self.path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io_error(parent, "create the directory"))?;
        }
        // Opening creates the file and puts it in WAL mode.
        Sqlite::open_with(&self.path, SqliteOptions::file().readers(0))?;
        Ok(true)
    }

    fn drop_storage(&self) -> Result<bool> {
        let existed = self.exists()?;
        for file in self.files() {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(io_error(&file, "delete")(error)),
            }
        }
        Ok(existed)
    }

    fn exists(&self) -> Result<bool> {
        self.path.try_exists().map_err(io_error(&self.path, "look for"))
    }

    fn open(&self) -> Result<Box<dyn MigrationDatabase>> {
        if !self.exists()? {
            return Err(Error::DataLayer(format!(
                "the database {} does not exist: run `create` first",
                self.describe()
            )));
        }
        Ok(Box::new(Sqlite::open_with(&self.path, SqliteOptions::file().readers(0))?))
    }
}
