//! How a [`Sqlite`](super::Sqlite) opens its database: [`SqliteOptions`].

use std::time::Duration;

/// How a [`Sqlite`](super::Sqlite) opens its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteOptions {
    /// How long a statement waits for another connection's lock before
    /// failing with `Error::Busy`. Default 5 s.
    pub busy_timeout: Duration,
    /// Open with `SQLITE_OPEN_READ_ONLY`: every write fails with `Error::ReadOnly`.
    pub read_only: bool,
    /// Run `CREATE TABLE IF NOT EXISTS` / `CREATE UNIQUE INDEX IF NOT EXISTS`
    /// for each resource when a domain registers it. Default: on for
    /// in-memory databases, off for files (run migrations, or call
    /// [`Sqlite::create_schema`](super::Sqlite::create_schema)).
    pub create_schema: bool,
    /// Statements in each connection's rusqlite cache (`prepare_cached`),
    /// which serves every statement but the hot ones a connection keeps
    /// itself (gets, inserts, updates, deletes: `docs/sqlite.md`). Default 256.
    pub statement_cache_capacity: usize,
    /// At most this many reader connections for a file database: reads
    /// outside a transaction run on one of them, in parallel with each
    /// other and with the writer (WAL). Opened when first needed. Default:
    /// twice the number of CPUs, at least 4; 0 runs everything on the writer
    /// connection. In-memory databases have one connection whatever this says.
    pub readers: usize,
}

impl SqliteOptions {
    /// The defaults for a file database.
    pub fn file() -> Self {
        SqliteOptions {
            busy_timeout: Duration::from_secs(5),
            read_only: false,
            create_schema: false,
            statement_cache_capacity: 256,
            readers: default_readers(),
        }
    }

    /// The defaults for an in-memory database (the schema is created on register).
    pub fn memory() -> Self {
        SqliteOptions { create_schema: true, ..SqliteOptions::file() }
    }

    /// Sets `busy_timeout`.
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// Sets `read_only`.
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// Sets `create_schema`.
    pub fn create_schema(mut self, create: bool) -> Self {
        self.create_schema = create;
        self
    }

    /// Sets `statement_cache_capacity`.
    pub fn statement_cache_capacity(mut self, capacity: usize) -> Self {
        self.statement_cache_capacity = capacity;
        self
    }

    /// Sets `readers` (0: no reader pool, every statement on the writer).
    pub fn readers(mut self, readers: usize) -> Self {
        self.readers = readers;
        self
    }
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions::file()
    }
}

/// Two readers per CPU, at least four: a reading thread that the OS
/// deschedules keeps its connection, and the other threads should not
/// wait for it; an idle reader costs only its page cache (filled lazily).
fn default_readers() -> usize {
    (2 * std::thread::available_parallelism().map_or(2, |n| n.get())).max(4)
}
