//! Shared by the `sqlite_*` tests: a domain on any data layer, so that one
//! test body runs on ETS, on SQLite in memory, on a SQLite file and (with
//! the `postgres` feature and `RESOURCE_TEST_POSTGRES_URL` set) on
//! PostgreSQL, each domain in a schema of its own.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use resource::domain::DomainBuilder;
use resource::{DataLayer, Domain, Ets, Sqlite, SqliteOptions};

/// Where a test domain stores its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Ets,
    /// `Sqlite::memory()`: tables created on register.
    Sqlite,
    /// A database file in the temp dir, tables created on register.
    SqliteFile,
    /// A PostgreSQL schema of its own (`RESOURCE_TEST_POSTGRES_URL`),
    /// tables created on register, dropped with the domain.
    #[cfg(feature = "postgres")]
    Postgres,
}

/// A domain, and the database file it owns (removed on drop).
pub struct TestDomain {
    pub domain: Domain,
    pub file: Option<TempDb>,
    #[cfg(feature = "postgres")]
    pub schema: Option<TempSchema>,
}

impl std::ops::Deref for TestDomain {
    type Target = Domain;
    fn deref(&self) -> &Domain {
        &self.domain
    }
}

/// `register` (the resources) on `layer`, forced for all of them with `with_data_layer`.
pub fn domain_on(layer: Layer, register: impl FnOnce(DomainBuilder) -> DomainBuilder) -> TestDomain {
    let (data_layer, file): (Arc<dyn DataLayer>, _) = match layer {
        Layer::Ets => (Arc::new(Ets::new()), None),
        Layer::Sqlite => (Arc::new(Sqlite::memory().expect("an in-memory database")), None),
        Layer::SqliteFile => {
            let file = TempDb::new("domain");
            let options = SqliteOptions::file().create_schema(true);
            (Arc::new(Sqlite::open_with(file.path(), options).expect("a database file")), Some(file))
        }
        #[cfg(feature = "postgres")]
        Layer::Postgres => {
            let schema = TempSchema::new().expect("RESOURCE_TEST_POSTGRES_URL is set");
            let domain = register(Domain::new().with_data_layer(schema.db.clone())).build().expect("the domain builds");
            return TestDomain { domain, file: None, schema: Some(schema) };
        }
    };
    let domain = register(Domain::new().with_data_layer(data_layer)).build().expect("the domain builds");
    TestDomain {
        domain,
        file,
        #[cfg(feature = "postgres")]
        schema: None,
    }
}

/// The server the PostgreSQL tests run on; `None` (the tests print a
/// notice and pass) when `RESOURCE_TEST_POSTGRES_URL` is not set.
#[cfg(feature = "postgres")]
pub fn postgres_url() -> Option<String> {
    std::env::var("RESOURCE_TEST_POSTGRES_URL").ok().filter(|url| !url.trim().is_empty())
}

/// The scenarios that cannot pass on PostgreSQL in this step, by test
/// file and scenario, and why. Each still runs on every other layer.
#[cfg(feature = "postgres")]
pub const POSTGRES_PENDING: &[(&str, &str, &str)] = &[
    (
        "sql_exact",
        "strings_with_nul_characters_match_alike",
        "PostgreSQL text cannot hold a NUL character: the write is a ValueType error on the field",
    ),
    ("sqlite_indexes", "*", SQLITE_SQL),
];

/// Why `sqlite_indexes` is SQLite's only: its resource's raw SQL is
/// SQLite's (`archived = 0` on a boolean, `code COLLATE NOCASE`), and its
/// checks read `sqlite_master`.
#[cfg(feature = "postgres")]
const SQLITE_SQL: &str = "the resource's raw SQL (base_filter_sql `archived = 0`, a `COLLATE NOCASE` \
     statement) and the checks of sqlite_master are SQLite's";

/// Why the scenario at `module` (`file::scenario`, as `module_path!()`
/// gives it) is skipped on PostgreSQL, if it is.
#[cfg(feature = "postgres")]
pub fn postgres_pending(module: &str) -> Option<&'static str> {
    let (file, scenario) = module.split_once("::")?;
    let pending = POSTGRES_PENDING.iter().find(|(f, s, _)| *f == file && (*s == "*" || *s == scenario));
    pending.map(|(_, _, reason)| *reason)
}

/// A schema of its own on the test server, for one domain, so that tests
/// run in parallel; dropped (with its tables) on drop.
#[cfg(feature = "postgres")]
pub struct TempSchema {
    pub db: resource::Postgres,
    pub name: String,
}

#[cfg(feature = "postgres")]
impl TempSchema {
    /// `None` without a server URL.
    pub fn new() -> Option<TempSchema> {
        Self::with(|options| options)
    }

    /// A schema, connected with `options` (the schema and `create_schema(true)` set).
    pub fn with(options: impl FnOnce(resource::PostgresOptions) -> resource::PostgresOptions) -> Option<TempSchema> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let url = postgres_url()?;
        let n = N.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let name = format!("test_{}_{n}_{nanos}", std::process::id());
        let options = options(resource::PostgresOptions::default().pool_size(4)).schema(&name).create_schema(true);
        let db = resource::Postgres::connect_with(&url, options).expect("the PostgreSQL test server");
        Some(TempSchema { db, name })
    }
}

#[cfg(feature = "postgres")]
impl Drop for TempSchema {
    fn drop(&mut self) {
        let _ = self.db.drop_schema();
    }
}

/// A database file path in the temp dir, unique per test; the file and its
/// `-wal`/`-shm` companions are removed on drop.
pub struct TempDb {
    path: PathBuf,
}

impl TempDb {
    pub fn new(name: &str) -> TempDb {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("resource-sqlite-{}-{n}-{name}.db", std::process::id()));
        let db = TempDb { path };
        db.remove();
        db
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

/// `on_every_layer!(domain; a, b)`: for each scenario `fn a(d: &Domain)`, a
/// module `a` with one test per layer (`a::ets`, `a::sqlite`, `a::sqlite_file`,
/// `a::postgres` with the `postgres` feature),
/// each given `domain(layer)`.
#[macro_export]
macro_rules! on_every_layer {
    ($domain:ident; $($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            use super::sqlite_common::Layer;

            #[test]
            fn ets() {
                super::$scenario(&super::$domain(Layer::Ets));
            }

            #[test]
            fn sqlite() {
                super::$scenario(&super::$domain(Layer::Sqlite));
            }

            #[test]
            fn sqlite_file() {
                super::$scenario(&super::$domain(Layer::SqliteFile));
            }

            #[cfg(feature = "postgres")]
            #[test]
            fn postgres() {
                if super::sqlite_common::postgres_url().is_none() {
                    eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
                    return;
                }
                if let Some(reason) = super::sqlite_common::postgres_pending(module_path!()) {
                    eprintln!("skipped on PostgreSQL: {reason}");
                    return;
                }
                super::$scenario(&super::$domain(Layer::Postgres));
            }
        }
    )*};
}
