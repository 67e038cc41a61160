//! Shared by the migration tests: a project folder (snapshots and
//! migrations in a temp dir), a SQLite database that applies migrations
//! through the real runner's step (`MigrationDatabase::run_step`: foreign
//! keys off outside the transaction, `BEGIN IMMEDIATE`, the section as one
//! batch, `PRAGMA foreign_key_check`, `COMMIT`), scratch directories and
//! hand-written migration files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use resource::data_layer::migration::{Direction, MigrationDatabase, MigrationStep};
use resource::data_layer::sqlite::rusqlite;
use resource::migrate::{GenerateOptions, Generated, MigrationError, MigrationFile, TableSnapshot, generate};
use resource::{ResourceInfo, Sqlite, SqliteOptions};

/// A temp folder holding `snapshots/` and `priv/`, removed on drop.
pub struct Project {
    pub dir: PathBuf,
}

impl Project {
    pub fn new(name: &str) -> Project {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("resource-migrations-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Project { dir }
    }

    pub fn options(&self) -> GenerateOptions {
        GenerateOptions {
            snapshot_path: self.dir.join("snapshots"),
            migration_path: self.dir.join("priv"),
            ..GenerateOptions::default()
        }
    }

    /// Generates with `options` changed by `change`; every repo's result.
    pub fn try_generate_with(
        &self,
        resources: &[&'static ResourceInfo],
        change: impl FnOnce(&mut GenerateOptions),
    ) -> Result<Vec<(String, Generated)>, MigrationError> {
        let mut options = self.options();
        change(&mut options);
        generate(resources, &options)
    }

    /// Generates (writing the files) for the single repo `repo`.
    pub fn generate(&self, resources: &[&'static ResourceInfo]) -> Generated {
        self.generate_with(resources, |_| {})
    }

    pub fn generate_with(
        &self,
        resources: &[&'static ResourceInfo],
        change: impl FnOnce(&mut GenerateOptions),
    ) -> Generated {
        let mut repos = self.try_generate_with(resources, change).unwrap();
        assert_eq!(repos.len(), 1, "one repo");
        let (repo, generated) = repos.remove(0);
        assert_eq!(repo, "repo");
        generated
    }

    /// The refusal of a generation.
    pub fn refusal(&self, resources: &[&'static ResourceInfo]) -> String {
        self.try_generate_with(resources, |_| {}).unwrap_err().to_string()
    }

    /// The migrations of `repo`, oldest first.
    pub fn migrations(&self, repo: &str) -> Vec<MigrationFile> {
        let dir = self.dir.join("priv").join(repo).join("migrations");
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.map(|entry| entry.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        paths.iter().map(|path| MigrationFile::parse(path, &std::fs::read_to_string(path).unwrap()).unwrap()).collect()
    }

    /// The newest migration of the repo `repo`.
    pub fn last_migration(&self) -> MigrationFile {
        self.migrations("repo").pop().expect("a migration")
    }

    /// The current snapshot of `table` in the repo `repo`.
    pub fn snapshot(&self, table: &str) -> TableSnapshot {
        let dir = self.dir.join("snapshots").join("repo").join(table);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
        paths.sort();
        TableSnapshot::read(paths.last().unwrap()).unwrap()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An in-memory SQLite database with no schema of its own: only migrations build it.
pub struct Db {
    pub sqlite: Sqlite,
}

/// One row as text (`NULL` for NULL).
pub type TextRow = Vec<String>;

impl Db {
    pub fn new() -> Db {
        let sqlite = Sqlite::memory_with(SqliteOptions::memory().create_schema(false)).unwrap();
        Db { sqlite }
    }

    /// Applies `migration`'s `up` through the runner's step; the database's
    /// error (or the foreign key violations) as text.
    pub fn apply(&self, migration: &MigrationFile) -> Result<(), String> {
        self.step(migration, Direction::Up)
    }

    fn step(&self, migration: &MigrationFile, direction: Direction) -> Result<(), String> {
        let sql = if direction == Direction::Up { &migration.up } else { &migration.down };
        let step = MigrationStep {
            version: &migration.version,
            name: &migration.name,
            checksum: &migration.checksum,
            sql,
            direction,
        };
        match self.sqlite.run_step(&step) {
            Ok(true) => Ok(()),
            Ok(false) => Err(format!("{} was already {direction:?}", migration.version)),
            Err(error) => Err(error.to_string()),
        }
    }

    pub fn up(&self, migration: &MigrationFile) {
        self.step(migration, Direction::Up)
            .unwrap_or_else(|e| panic!("up of {}: {e}\n{}", migration.name, migration.up));
    }

    pub fn down(&self, migration: &MigrationFile) {
        self.step(migration, Direction::Down)
            .unwrap_or_else(|e| panic!("down of {}: {e}\n{}", migration.name, migration.down));
    }

    /// Runs `sql` (foreign keys on).
    pub fn execute(&self, sql: &str) -> Result<(), String> {
        self.sqlite.with_connection(|conn| Ok(conn.execute_batch(sql).map_err(|e| e.to_string()))).unwrap()
    }

    /// The rows of a query, each value as text.
    pub fn rows(&self, sql: &str) -> Vec<TextRow> {
        self.sqlite
            .with_connection(|conn| {
                let mut statement = conn.prepare(sql)?;
                let width = statement.column_count();
                let rows = statement.query_map([], |row| {
                    (0..width)
                        .map(|i| {
                            Ok(match row.get_ref(i)? {
                                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                                rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                                rusqlite::types::ValueRef::Real(f) => f.to_string(),
                                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                                rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                            })
                        })
                        .collect::<rusqlite::Result<TextRow>>()
                })?;
                rows.collect()
            })
            .unwrap()
    }

    /// `sqlite_master` without the internal tables: (type, name, table, sql), sorted.
    pub fn schema(&self) -> Vec<TextRow> {
        self.rows(
            "SELECT type, name, tbl_name, IFNULL(sql, '') FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'schema_migrations' ORDER BY type, name",
        )
    }

    /// The SQL of an object of `sqlite_master`.
    pub fn sql_of(&self, name: &str) -> String {
        let rows = self.rows(&format!("SELECT sql FROM sqlite_master WHERE name = '{name}'"));
        rows.first().unwrap_or_else(|| panic!("no {name} in {:#?}", self.schema()))[0].clone()
    }

    /// The names of the columns of `table`, in order.
    pub fn columns(&self, table: &str) -> Vec<String> {
        self.rows(&format!("SELECT name FROM pragma_table_info('{table}')")).into_iter().map(|r| r[0].clone()).collect()
    }

    /// The names of the indexes of `table`, sorted (SQLite's own included).
    pub fn indexes(&self, table: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .rows(&format!("SELECT name FROM pragma_index_list('{table}')"))
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        names.sort();
        names
    }

    pub fn foreign_key_violations(&self) -> Vec<TextRow> {
        self.rows("PRAGMA foreign_key_check")
    }
}

/// Whether a file exists under the project.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// A fresh, empty directory under the system's temp dir, removed on drop.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("resource-migrations-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Writes `<dir>/<version>_<name>.sql` with `up` and `down`.
pub fn write_migration(dir: &Path, version: &str, name: &str, up: &str, down: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{version}_{name}.sql"));
    std::fs::write(&path, MigrationFile::render(version, name, up, down)).unwrap();
    path
}

/// What a PostgreSQL schema holds, each object as (kind, table, definition)
/// sorted, without `schema_migrations` and without the columns' positions
/// (`ADD COLUMN` appends): columns (type, collation, nullability, default,
/// identity), indexes (`pg_indexes`), constraints (`pg_get_constraintdef`)
/// and views. The schema's name is cut out, so two schemas compare.
#[cfg(feature = "postgres")]
pub fn postgres_catalog(db: &resource::Postgres) -> Vec<TextRow> {
    let sql = "SELECT 'column', table_name::text, concat_ws(' ', column_name, data_type, collation_name, \
                   is_nullable, column_default, is_identity, identity_generation) \
               FROM information_schema.columns \
               WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' \
               UNION ALL \
               SELECT 'index', tablename::text, indexdef FROM pg_indexes \
               WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' \
               UNION ALL \
               SELECT 'constraint', conrelid::regclass::text, conname || ' ' || pg_get_constraintdef(oid) \
               FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conrelid <> 0 \
               AND conrelid::regclass::text <> 'schema_migrations' \
               UNION ALL \
               SELECT 'view', table_name::text, view_definition::text FROM information_schema.views \
               WHERE table_schema = current_schema() \
               ORDER BY 1, 2, 3";
    let (schema, rows) = db
        .with_client(|client| {
            let schema: String = client.query_one("SELECT current_schema()::text", &[])?.get(0);
            let rows = client.query(sql, &[])?;
            Ok((schema, rows))
        })
        .unwrap();
    let qualified = format!("{schema}.");
    rows.iter().map(|row| (0..3).map(|i| row.get::<_, String>(i).replace(&qualified, "")).collect()).collect()
}

/// Runs `migration`'s `up` or `down` on `db` through the runner's step.
#[cfg(feature = "postgres")]
pub fn postgres_step(db: &resource::Postgres, migration: &MigrationFile, direction: Direction) -> Result<(), String> {
    let sql = if direction == Direction::Up { &migration.up } else { &migration.down };
    let step = MigrationStep {
        version: &migration.version,
        name: &migration.name,
        checksum: &migration.checksum,
        sql,
        direction,
    };
    match db.run_step(&step) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("{} was already {direction:?}", migration.version)),
        Err(error) => Err(error.to_string()),
    }
}
