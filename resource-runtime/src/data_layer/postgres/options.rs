//! How a PostgreSQL database is connected to.

use std::time::Duration;

/// Options of [`Postgres::connect_with`](super::Postgres::connect_with).
#[derive(Debug, Clone)]
pub struct PostgresOptions {
    /// The schema the tables live in: the connections' `search_path`.
    /// Created (with the layer's functions) if missing. `None`: the
    /// server's default (`public`).
    pub schema: Option<String>,
    /// At most this many connections. Default 10.
    pub pool_size: u32,
    /// How long a statement waits for a connection from the pool (or the
    /// server to answer a new one) before failing with `Unavailable`. Default 5 s.
    pub connect_timeout: Duration,
    /// The server cancels a statement running longer (`statement_timeout`),
    /// which fails with `Unavailable`. `None` (default): the server's setting.
    pub statement_timeout: Option<Duration>,
    /// Create each resource's table and indexes when a domain registers it
    /// (`CREATE TABLE IF NOT EXISTS`). Default off: run the migrations, or
    /// call [`Postgres::create_schema`](super::Postgres::create_schema).
    pub create_schema: bool,
    /// Prepared statements kept per connection. Default 256.
    pub statement_cache_capacity: usize,
}

impl Default for PostgresOptions {
    fn default() -> Self {
        PostgresOptions {
            schema: None,
            pool_size: 10,
            connect_timeout: Duration::from_secs(5),
            statement_timeout: None,
            create_schema: false,
            statement_cache_capacity: 256,
        }
    }
}

impl PostgresOptions {
    /// The tables in `schema` (created if missing).
    pub fn schema(mut self, schema: impl Into<String>) -> Self {
        self.schema = Some(schema.into());
        self
    }

    /// Create tables when resources are registered.
    pub fn create_schema(mut self, on: bool) -> Self {
        self.create_schema = on;
        self
    }

    /// At most `size` connections.
    pub fn pool_size(mut self, size: u32) -> Self {
        self.pool_size = size.max(1);
        self
    }

    /// Statements cancelled after `timeout`.
    pub fn statement_timeout(mut self, timeout: Duration) -> Self {
        self.statement_timeout = Some(timeout);
        self
    }

    /// Waiting for a connection fails after `timeout`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
}
