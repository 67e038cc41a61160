//! Snapshots: one table as the resources describe it (its columns, primary
//! key, foreign keys, indexes and custom statements), the generator's memory
//! of what the migrations so far have made of the database. One file per
//! table and generation:
//!
//! ```text
//! <snapshot_path>/<repo>/<table>/<YYYYMMDDHHMMSS>.json
//! ```
//!
//! The current snapshot of a table is its greatest version. A file is
//! canonical JSON: keys in a fixed order (the structs' field order), columns,
//! foreign keys and indexes sorted by name, custom statements in declaration
//! order (they run in it), two-space indents and a trailing newline, so that
//! regenerating gives the same bytes and reviews see only real changes. It
//! carries a `format` (the version of this layout) and a `hash`: SHA-256 of
//! the canonical text of everything else, checked on every read, so that a
//! hand edit or a bad merge is reported instead of silently generating
//! migrations from a wrong picture of the database.
//!
//! How snapshots are built from resources is in `snapshot/describe.rs`.

mod describe;
#[cfg(test)]
mod tests;

pub use describe::{Described, describe, table_dir_name};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::MigrationError;
use crate::data_layer::sql::table::TableDef;

/// A snapshot's parts are the table definition's, which `create_schema`
/// builds from too (`data_layer/sql/table.rs`).
pub use crate::data_layer::sql::table::{
    ColumnDef as ColumnSnapshot, Deferral, ForeignKeyDef as ForeignKeySnapshot, IndexDef as IndexSnapshot, OnAction,
    StatementDef as StatementSnapshot,
};

/// The snapshot layout this build writes, and the newest it reads.
pub const FORMAT: u32 = 1;

/// One table, as the resources describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSnapshot {
    /// The layout version ([`FORMAT`]).
    pub format: u32,
    /// The repo the table is in (`repo`, or the repo type's snake_case name).
    pub repo: String,
    /// The table's name.
    pub table: String,
    /// The primary key's columns, in key order.
    pub primary_key: Vec<String>,
    /// The columns, sorted by name (the DDL writes the primary key first,
    /// then the others in this order).
    pub columns: Vec<ColumnSnapshot>,
    /// The foreign keys (table constraints), sorted by name.
    pub foreign_keys: Vec<ForeignKeySnapshot>,
    /// The indexes (identities', custom and references'), sorted by name.
    pub indexes: Vec<IndexSnapshot>,
    /// The custom statements, in declaration order.
    pub custom_statements: Vec<StatementSnapshot>,
}

/// The file's layout: the content, then its hash.
#[derive(Serialize)]
struct Hashed<'a> {
    #[serde(flatten)]
    content: &'a TableSnapshot,
    hash: &'a str,
}

impl TableSnapshot {
    /// An empty table in `repo` (no columns yet).
    pub fn new(repo: &str, table: &str) -> TableSnapshot {
        TableSnapshot {
            format: FORMAT,
            repo: repo.to_string(),
            table: table.to_string(),
            primary_key: Vec::new(),
            columns: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            custom_statements: Vec::new(),
        }
    }

    /// The snapshot of `def` (canonical) in `repo`.
    pub fn from_def(repo: &str, def: TableDef) -> TableSnapshot {
        let TableDef { table, primary_key, columns, foreign_keys, indexes, custom_statements } = def;
        TableSnapshot {
            format: FORMAT,
            repo: repo.to_string(),
            table,
            primary_key,
            columns,
            foreign_keys,
            indexes,
            custom_statements,
        }
    }

    /// The table it describes.
    pub fn def(&self) -> TableDef {
        TableDef {
            table: self.table.clone(),
            primary_key: self.primary_key.clone(),
            columns: self.columns.clone(),
            foreign_keys: self.foreign_keys.clone(),
            indexes: self.indexes.clone(),
            custom_statements: self.custom_statements.clone(),
        }
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnSnapshot> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// The index called `name`.
    pub fn index(&self, name: &str) -> Option<&IndexSnapshot> {
        self.indexes.iter().find(|index| index.name == name)
    }

    /// The columns in the order the DDL declares them: the primary key's
    /// (in key order), then the others by name.
    pub fn columns_in_ddl_order(&self) -> Vec<&ColumnSnapshot> {
        crate::data_layer::sql::table::columns_in_ddl_order(&self.primary_key, &self.columns)
    }

    /// Sorts what the canonical form sorts: columns, foreign keys and indexes by name.
    pub fn canonicalise(&mut self) {
        self.columns.sort_by(|a, b| a.name.cmp(&b.name));
        self.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// The canonical text of the content (everything but the hash).
    pub fn content_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a snapshot serialises");
        text.push('\n');
        text
    }

    /// SHA-256 (lower-case hex) of [`TableSnapshot::content_text`].
    pub fn hash(&self) -> String {
        hex(&Sha256::digest(self.content_text().as_bytes()))
    }

    /// The file's text: the content with its hash as the last key.
    pub fn file_text(&self) -> String {
        let hash = self.hash();
        let mut text =
            serde_json::to_string_pretty(&Hashed { content: self, hash: &hash }).expect("a snapshot serialises");
        text.push('\n');
        text
    }

    /// Reads a snapshot file's `text`; `path` names it in errors. A newer
    /// `format`, anything that is not a snapshot, and a hash that does not
    /// match the content are [`MigrationError::Snapshot`], saying what to do.
    pub fn parse(path: &Path, text: &str) -> Result<TableSnapshot, MigrationError> {
        let error = |message: String| MigrationError::Snapshot { path: path.to_path_buf(), message };
        let restore = "restore it from version control, or delete it (with the migration generated with \
                       it) and generate again";
        let corrupt = |what: String| error(format!("not a snapshot ({what}): {restore}"));
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
        let serde_json::Value::Object(mut object) = value else {
            return Err(corrupt("not a JSON object".into()));
        };
        match object.get("format").and_then(serde_json::Value::as_u64) {
            Some(format) if format > u64::from(FORMAT) => {
                return Err(error(format!(
                    "written in snapshot format {format} by a newer version of the generator (this one reads \
                     format {FORMAT} and older): upgrade the `resource` crate"
                )));
            }
            Some(_) => {}
            None => return Err(corrupt("no `format` number".into())),
        }
        let hash = match object.remove("hash") {
            Some(serde_json::Value::String(hash)) => hash,
            Some(_) => return Err(corrupt("`hash` is not a string".into())),
            None => return Err(corrupt("no `hash`".into())),
        };
        let snapshot: TableSnapshot =
            serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| corrupt(e.to_string()))?;
        if snapshot.hash() != hash {
            return Err(error(format!(
                "its hash does not match its content: it was edited by hand or merged badly. A snapshot \
                 records what the migrations made of the database, so it is never edited: {restore}"
            )));
        }
        Ok(snapshot)
    }

    /// Reads the snapshot file at `path`.
    pub fn read(path: &Path) -> Result<TableSnapshot, MigrationError> {
        let text = std::fs::read_to_string(path).map_err(MigrationError::io(path))?;
        TableSnapshot::parse(path, &text)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `20261202013000` from `20261202013000.json`.
pub fn parse_file_name(file_name: &str) -> Option<&str> {
    let version = file_name.strip_suffix(".json")?;
    (version.len() == 14 && version.bytes().all(|b| b.is_ascii_digit())).then_some(version)
}

/// `<snapshot_path>/<repo>/<table>/<version>.json`.
pub fn snapshot_file(snapshot_path: &Path, repo: &str, table: &str, version: &str) -> PathBuf {
    snapshot_path.join(repo).join(table).join(format!("{version}.json"))
}

/// The current snapshot of a table: its file and content.
#[derive(Debug, Clone)]
pub struct Current {
    /// The snapshot's version (its file name).
    pub version: String,
    /// The file.
    pub path: PathBuf,
    /// What it says.
    pub snapshot: TableSnapshot,
}

/// What a repo's snapshot folder holds: each table's current snapshot (its
/// greatest version), and the greatest version of any snapshot file.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// Table -> its current snapshot.
    pub tables: BTreeMap<String, Current>,
    /// The greatest version of any snapshot of the repo.
    pub latest_version: Option<String>,
}

/// Reads `<snapshot_path>/<repo>/`: each table folder's greatest version.
/// Files not named `<14 digits>.json` are ignored; a snapshot that does not
/// name its own folder's repo and table is an error.
pub fn read_stored(snapshot_path: &Path, repo: &str) -> Result<Stored, MigrationError> {
    let dir = snapshot_path.join(repo);
    let mut stored = Stored::default();
    for table_dir in read_dir(&dir)? {
        if !table_dir.is_dir() {
            continue;
        }
        let Some(table) = table_dir.file_name().and_then(|name| name.to_str()).map(str::to_string) else {
            continue;
        };
        let mut latest: Option<(String, PathBuf)> = None;
        for file in read_dir(&table_dir)? {
            let Some(version) = file.file_name().and_then(|name| name.to_str()).and_then(parse_file_name) else {
                continue;
            };
            if latest.as_ref().is_none_or(|(best, _)| version > best.as_str()) {
                latest = Some((version.to_string(), file.clone()));
            }
        }
        let Some((version, path)) = latest else { continue };
        let snapshot = TableSnapshot::read(&path)?;
        if snapshot.table != table || snapshot.repo != repo {
            return Err(MigrationError::Snapshot {
                path,
                message: format!(
                    "it describes table `{}` of repo `{}` but lies in the folder of table `{table}` of repo \
                     `{repo}`: move it back, or restore the folder from version control",
                    snapshot.table, snapshot.repo
                ),
            });
        }
        if stored.latest_version.as_ref().is_none_or(|best| version > *best) {
            stored.latest_version = Some(version.clone());
        }
        stored.tables.insert(table, Current { version, path, snapshot });
    }
    Ok(stored)
}

/// The entries of `dir`, sorted; none if it does not exist.
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, MigrationError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(MigrationError::Io { path: dir.to_path_buf(), source: error }),
    };
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(entry.map_err(MigrationError::io(dir))?.path());
    }
    paths.sort();
    Ok(paths)
}
