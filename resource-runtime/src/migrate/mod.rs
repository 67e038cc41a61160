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
pub mod runner;
pub mod snapshot;

pub use error::MigrationError;
pub use file::MigrationFile;
pub use generate::{GenerateOptions, Generated, generate, repo_name};
pub use snapshot::TableSnapshot;

/// The directory name of a repo type (AshSqlite's: the type's last path
/// segment in snake_case, as Elixir's `Macro.underscore`),
/// `helpdesk::HelpdeskRepo` -> `helpdesk_repo`, `HTTPRepo` -> `http_repo`.
pub fn repo_dir_name(type_name: &str) -> String {
    let base = type_name.split('<').next().unwrap_or(type_name);
    let last: Vec<char> = base.rsplit("::").next().unwrap_or(base).chars().collect();
    let mut name = String::new();
    for (i, &c) in last.iter().enumerate() {
        let after_lower = i > 0 && (last[i - 1].is_lowercase() || last[i - 1].is_ascii_digit());
        let ends_acronym = i > 0 && last[i - 1].is_uppercase() && last.get(i + 1).is_some_and(|n| n.is_lowercase());
        if c.is_uppercase() && (after_lower || ends_acronym) {
            name.push('_');
        }
        name.extend(c.to_lowercase());
    }
    name
}
