//! The generator (AshSqlite's `generate_migrations`): the resources' tables
//! against each table's current snapshot; for the tables that differ, one
//! migration per repo (`up` from the snapshots to the resources, `down`
//! back) and a new snapshot per changed table, all of one version.
//!
//! ```no_run
//! # use resource_runtime::migrate::generate::{generate, GenerateOptions};
//! # fn resources() -> Vec<&'static resource_runtime::ResourceInfo> { vec![] }
//! let options = GenerateOptions { name: Some("add_tickets".into()), ..GenerateOptions::default() };
//! for (repo, generated) in generate(&resources(), &options)? {
//!     if let Some(migration) = &generated.migration {
//!         println!("{repo}: {}", migration.display());
//!     }
//! }
//! # Ok::<(), resource_runtime::migrate::MigrationError>(())
//! ```
//!
//! No table is ever dropped because its resource went away (as AshSqlite):
//! its last snapshot stays, so a resource that comes back finds it. Removed
//! attributes are kept too, with their data, until a generation with
//! `drop_columns` (see `docs/migrations.md`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

use super::diff::{TableChange, carry_removed, diff, refusals};
use super::error::MigrationError;
use super::file::{MigrationFile, parse_file_name};
use super::render::{MigrationDialect, Sql, migration_dialect_of};
use super::snapshot::{TableSnapshot, describe, read_dir, read_stored, snapshot_file};
use crate::info::{DataLayerKind, ResourceInfo};

/// What to generate, and where (AshSqlite's options and defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// The migration's name (letters, digits, underscores); default
    /// `migrate_resources_<n>`, `n` one more than the repo's migrations so named.
    pub name: Option<String>,
    /// Where snapshots go: `<snapshot_path>/<repo>/<table>/<version>.json`.
    /// Default `priv/resource_snapshots`.
    pub snapshot_path: PathBuf,
    /// Where migrations go: `<migration_path>/<repo>/migrations/<version>_<name>.sql`.
    /// Default `priv`.
    pub migration_path: PathBuf,
    /// Drop the columns of removed attributes (by default they are kept,
    /// the drop written commented out, until a generation with this set).
    pub drop_columns: bool,
    /// Write nothing; the files are returned (to print them).
    pub dry_run: bool,
    /// Write nothing; a non-empty result means the resources and the
    /// snapshots differ (the CLI exits 1).
    pub check: bool,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            name: None,
            snapshot_path: PathBuf::from("priv/resource_snapshots"),
            migration_path: PathBuf::from("priv"),
            drop_columns: false,
            dry_run: false,
            check: false,
        }
    }
}

/// What one repo's generation wrote (or, in a dry run or check, would write).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Every file, snapshots and the migration, with its content, sorted by path.
    pub files: Vec<(PathBuf, String)>,
    /// The migration, if one was needed (a change no SQL follows from, like
    /// an attribute coming back as it was, writes only snapshots).
    pub migration: Option<PathBuf>,
}

impl Generated {
    /// Whether the resources and the snapshots agree (nothing to write).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Generates the migrations of `resources`: those declaring SQLite with
/// `migrate` (the default), grouped by repo ([`repo_name`]); one entry per
/// repo, in name order. Writes the files unless `dry_run` or `check`.
/// Nothing is written when any repo's changes cannot be generated.
pub fn generate(
    resources: &[&'static ResourceInfo],
    options: &GenerateOptions,
) -> Result<Vec<(String, Generated)>, MigrationError> {
    if let Some(name) = &options.name {
        check_name(name)?;
    }
    let mut repos: BTreeMap<String, (DataLayerKind, Vec<&'static ResourceInfo>)> = BTreeMap::new();
    for resource in resources {
        if !resource.sql.migrate || migration_dialect_of(resource.data_layer).is_none() {
            continue;
        }
        let (kind, group) = repos.entry(repo_name(resource)).or_insert((resource.data_layer, Vec::new()));
        if *kind != resource.data_layer {
            return Err(MigrationError::Generate {
                message: format!(
                    "repo `{}` holds resources of two data layers ({kind:?} and {:?}, {}): give them different repos",
                    repo_name(resource),
                    resource.data_layer,
                    resource.name
                ),
            });
        }
        group.push(resource);
    }
    let now = Utc::now();
    let mut generated = Vec::new();
    for (repo, (kind, group)) in &repos {
        let renderer = migration_dialect_of(*kind).expect("filtered above");
        generated.push((repo.clone(), plan(renderer, repo, group, resources, options, now)?));
    }
    if !options.dry_run && !options.check {
        for (_, repo) in &generated {
            write(repo)?;
        }
    }
    Ok(generated)
}

/// The folder name of a resource's repo: `repo` when it names none, else
/// the repo type's last path segment in snake_case (`HelpdeskRepo` ->
/// `helpdesk_repo`), as AshSqlite names a repo module's folder.
pub fn repo_name(info: &ResourceInfo) -> String {
    match info.sql.repo {
        None => "repo".to_string(),
        Some(repo) => super::repo_dir_name(repo().name),
    }
}

fn check_name(name: &str) -> Result<(), MigrationError> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(MigrationError::Generate {
            message: format!(
                "`{name}` cannot name a migration: a name is letters, digits and underscores (the file is \
                 `<version>_<name>.sql`), e.g. `add_tickets`"
            ),
        });
    }
    Ok(())
}

/// One repo's files.
fn plan(
    renderer: &dyn MigrationDialect,
    repo: &str,
    group: &[&'static ResourceInfo],
    all: &[&'static ResourceInfo],
    options: &GenerateOptions,
    now: DateTime<Utc>,
) -> Result<Generated, MigrationError> {
    let described = describe(renderer.dialect(), repo, group, all)?;
    let stored = read_stored(&options.snapshot_path, repo)?;
    let migrations_dir = options.migration_path.join(repo).join("migrations");
    let migrations = read_migrations(&migrations_dir)?;

    // Tables no resource declares any more are still in the database, and
    // so are their indexes, whose names new ones must not take.
    for (table, current) in &stored.tables {
        if described.tables.contains_key(table) {
            continue;
        }
        for index in &current.snapshot.indexes {
            if let Some(other) = described.tables.values().find(|t| t.index(&index.name).is_some()) {
                return Err(MigrationError::Generate {
                    message: format!(
                        "index `{}` of table `{}` has the name of an index of table `{table}`, which no resource \
                         declares any more but which the database still has (no table is dropped): rename the new \
                         index (identity_index_names, a custom index's `name`)",
                        index.name, other.table
                    ),
                });
            }
        }
    }

    let mut changed: Vec<(Option<&TableSnapshot>, TableSnapshot)> = Vec::new();
    for (table, desired) in &described.tables {
        let from = stored.tables.get(table).map(|current| &current.snapshot);
        let to = match from {
            Some(from) => carry_removed(from, desired, options.drop_columns),
            None => desired.clone(),
        };
        if from != Some(&to) {
            changed.push((from, to));
        }
    }
    if changed.is_empty() {
        return Ok(Generated::default());
    }

    let mut up = Vec::new();
    for (from, to) in &changed {
        if let Some(change) = diff(*from, Some(to)) {
            if let TableChange::Alter(table_diff) = &change {
                refusals(table_diff, &described)?;
            }
            up.push(renderer.render(&change)?);
        }
    }
    let mut down = Vec::new();
    for (from, to) in changed.iter().rev() {
        if let Some(change) = diff(Some(to), *from) {
            down.push(renderer.render(&change)?);
        }
    }

    let latest = migrations.iter().map(|(version, _)| version.as_str()).chain(stored.latest_version.as_deref()).max();
    let version = next_version(now, latest)?;
    let mut generated = Generated::default();
    for (_, to) in &changed {
        generated.files.push((snapshot_file(&options.snapshot_path, repo, &to.table, &version), to.file_text()));
    }
    let (up, down) = (section(&up), section(&down));
    if !up.is_empty() || !down.is_empty() {
        let name = match &options.name {
            Some(name) => name.clone(),
            None => {
                let n = migrations.iter().filter(|(_, name)| name.starts_with("migrate_resources")).count() + 1;
                format!("migrate_resources_{n}")
            }
        };
        let path = migrations_dir.join(format!("{version}_{name}.sql"));
        generated.files.push((path.clone(), MigrationFile::render(&version, &name, &up, &down)));
        generated.migration = Some(path);
    }
    generated.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(generated)
}

/// A section's text: every table's teardown, every foreign key dropped,
/// then each table's DDL (a blank line apart), every foreign key added,
/// then every setup.
fn section(parts: &[Sql]) -> String {
    let all = |part: fn(&Sql) -> &Vec<String>| {
        let lines: Vec<&str> = parts.iter().flat_map(|sql| part(sql).iter().map(String::as_str)).collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    };
    let mut blocks: Vec<String> = Vec::new();
    blocks.extend(all(|sql| &sql.teardown));
    blocks.extend(all(|sql| &sql.unlink));
    blocks.extend(parts.iter().filter(|sql| !sql.body.is_empty()).map(|sql| sql.body.join("\n")));
    blocks.extend(all(|sql| &sql.link));
    blocks.extend(all(|sql| &sql.setup));
    blocks.join("\n\n")
}

/// `(version, name)` of each migration file in `dir`.
fn read_migrations(dir: &Path) -> Result<Vec<(String, String)>, MigrationError> {
    let mut migrations = Vec::new();
    for path in read_dir(dir)? {
        let Some(file_name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        if let Some((version, name)) = parse_file_name(file_name) {
            migrations.push((version.to_string(), name.to_string()));
        }
    }
    Ok(migrations)
}

const VERSION_FORMAT: &str = "%Y%m%d%H%M%S";

/// `now` as a version (UTC `YYYYMMDDHHMMSS`), or a second after `latest`
/// when that is not earlier: versions only grow, even within one second or
/// against a clock that went back.
pub fn next_version(now: DateTime<Utc>, latest: Option<&str>) -> Result<String, MigrationError> {
    let now = now.format(VERSION_FORMAT).to_string();
    let Some(latest) = latest.filter(|latest| *latest >= now.as_str()) else { return Ok(now) };
    if let Ok(time) = NaiveDateTime::parse_from_str(latest, VERSION_FORMAT) {
        return Ok((time + TimeDelta::seconds(1)).format(VERSION_FORMAT).to_string());
    }
    // Not a date (a version made by hand): the next number, if it has 14 digits.
    match latest.parse::<u64>() {
        Ok(number) if number < 99_999_999_999_999 => Ok(format!("{:014}", number + 1)),
        _ => Err(MigrationError::State {
            message: format!(
                "the newest migration or snapshot has version {latest}, which no 14-digit version follows: \
                 rename it to its UTC time (YYYYMMDDHHMMSS)"
            ),
        }),
    }
}

/// Writes a repo's files (the migration first: if a snapshot then fails,
/// the next generation repeats the change rather than forgetting it). On a
/// failure the files written so far are removed.
fn write(generated: &Generated) -> Result<(), MigrationError> {
    let mut order: Vec<&(PathBuf, String)> = generated.files.iter().collect();
    order.sort_by_key(|(path, _)| Some(path) != generated.migration.as_ref());
    let mut written: Vec<&Path> = Vec::new();
    for (path, text) in order {
        if let Err(error) = write_new(path, text) {
            for path in written {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
        written.push(path);
    }
    Ok(())
}

fn write_new(path: &Path, text: &str) -> Result<(), MigrationError> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(MigrationError::io(parent))?;
    }
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(MigrationError::io(path))?;
    file.write_all(text.as_bytes()).map_err(MigrationError::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn repo_names_are_the_type_names_last_segment_in_snake_case() {
        assert_eq!(crate::migrate::repo_dir_name("HelpdeskRepo"), "helpdesk_repo");
        assert_eq!(crate::migrate::repo_dir_name("HTTPRepo"), "http_repo");
        assert_eq!(crate::migrate::repo_dir_name("Repo2Db"), "repo2_db");
        assert_eq!(crate::migrate::repo_dir_name("repo"), "repo");
        struct AppRepo;
        impl crate::info::Repo for AppRepo {}
        static NOTES: ResourceInfo = ResourceInfo {
            sql: crate::info::SqlInfo { repo: Some(crate::info::repo_id::<AppRepo>), ..crate::info::SqlInfo::DEFAULT },
            ..ResourceInfo::new("Note", DataLayerKind::Sqlite)
        };
        assert_eq!(repo_name(&NOTES), "app_repo");
        assert_eq!(repo_name(&ResourceInfo::new("Note", DataLayerKind::Sqlite)), "repo");
    }

    #[test]
    fn versions_only_grow() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 1, 30, 0).unwrap();
        let next = |latest| next_version(now, latest).unwrap();
        assert_eq!(next(None), "20261202013000");
        assert_eq!(next(Some("20261202012959")), "20261202013000");
        assert_eq!(next(Some("20261202013000")), "20261202013001");
        assert_eq!(next(Some("20261231235959")), "20270101000000");
        assert_eq!(next(Some("30000000000000")), "30000000000001");
        let error = next_version(now, Some("99999999999999")).unwrap_err().to_string();
        assert!(error.contains("which no 14-digit version follows"), "{error}");
    }

    #[test]
    fn a_migration_name_is_a_file_name_part() {
        assert!(check_name("add_tickets_2").is_ok());
        for bad in ["", "add tickets", "../x", "add-tickets"] {
            assert!(check_name(bad).unwrap_err().to_string().contains("cannot name a migration"), "{bad}");
        }
    }
}
