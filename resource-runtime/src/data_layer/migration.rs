//! What the migration runner asks of a database (the seam between
//! `migrate/` and each SQL database's folder): its list of applied
//! migrations, and applying or reverting one migration atomically under the
//! database's write lock. And what the CLI asks of a database's storage:
//! creating and dropping it.
//!
//! Bookkeeping lives in the table `schema_migrations` (version, name,
//! checksum, applied_at), created on first use.

use crate::info::error::Result;

/// The bookkeeping table's name.
pub const MIGRATIONS_TABLE: &str = "schema_migrations";

/// A row of the bookkeeping table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    /// The 14-digit version.
    pub version: String,
    /// The migration's name when it was applied.
    pub name: String,
    /// The checksum of its file when it was applied.
    pub checksum: String,
    /// When it was applied (UTC, RFC 3339).
    pub applied_at: String,
}

/// Applying (`Up`) or reverting (`Down`) a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Run `up` and record the version.
    Up,
    /// Run `down` and forget the version.
    Down,
}

/// One migration to apply or revert.
#[derive(Debug, Clone, Copy)]
pub struct MigrationStep<'a> {
    /// The version to record or forget.
    pub version: &'a str,
    /// The migration's name.
    pub name: &'a str,
    /// The file's checksum, recorded when applying.
    pub checksum: &'a str,
    /// The SQL to run: the file's `up` or `down` section.
    pub sql: &'a str,
    /// Which way.
    pub direction: Direction,
}

/// A database the runner can migrate.
pub trait MigrationDatabase {
    /// The applied migrations, oldest version first (the bookkeeping table
    /// is created if it is missing).
    fn applied_migrations(&self) -> Result<Vec<AppliedMigration>>;

    /// Runs `step` atomically: takes the database's write lock, re-reads
    /// the applied list under it, and returns `Ok(false)` without running
    /// anything when the step is already done (another process applied or
    /// reverted it meanwhile). Otherwise runs the SQL and records the change
    /// in one transaction, with foreign keys checked before the commit, and
    /// returns `Ok(true)`. On any error nothing of the step remains.
    fn run_step(&self, step: &MigrationStep<'_>) -> Result<bool>;
}

/// Where a database lives, for the CLI's `create` and `drop` and for
/// opening it to migrate (a SQLite file; later a server URL).
pub trait DatabaseStorage: Send + Sync {
    /// Where it is, for messages (`helpdesk.db`).
    fn describe(&self) -> String;

    /// Creates the database; `Ok(false)` if it already existed.
    fn create(&self) -> Result<bool>;

    /// Deletes the database; `Ok(false)` if there was none.
    fn drop_storage(&self) -> Result<bool>;

    /// Whether the database exists.
    fn exists(&self) -> Result<bool>;

    /// Opens it for migrating.
    fn open(&self) -> Result<Box<dyn MigrationDatabase>>;
}
