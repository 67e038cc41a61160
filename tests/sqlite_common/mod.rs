//! Shared by the `sqlite_*` tests: a domain on any data layer, so that one
//! test body runs on ETS, on SQLite in memory and on a SQLite file.

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
}

/// A domain, and the database file it owns (removed on drop).
pub struct TestDomain {
    pub domain: Domain,
    pub file: Option<TempDb>,
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
    };
    let domain = register(Domain::new().with_data_layer(data_layer)).build().expect("the domain builds");
    TestDomain { domain, file }
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
/// module `a` with one test per layer (`a::ets`, `a::sqlite`, `a::sqlite_file`),
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
        }
    )*};
}
