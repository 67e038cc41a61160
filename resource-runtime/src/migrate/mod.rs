//! Migrations: the generator (resources -> snapshots -> the SQL that moves a
//! database from the last snapshot to the resources) and the runner (which
//! migrations a database has, applying and rolling them back). Both sit above
//! the domain: they read the registered resources and reach databases only
//! through the data layer's migration seam (`data_layer::sql::migration`).
//!
//! Files on disk (AshSqlite's defaults, relative to the working directory):
//!
//! ```text
//! priv/<repo>/migrations/<YYYYMMDDHHMMSS>_<name>.sql     (see `file`)
//! priv/resource_snapshots/<repo>/<table>/<YYYYMMDDHHMMSS>.json
//! ```

pub mod diff;
pub mod error;
pub mod file;
pub mod generate;
pub mod render;
pub mod snapshot;

pub use error::MigrationError;
pub use file::MigrationFile;
pub use generate::{GenerateOptions, Generated, generate, repo_name};
pub use snapshot::TableSnapshot;
