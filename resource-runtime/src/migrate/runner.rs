//! Applying and rolling back migration files on a database, and reporting
//! which are applied and pending. Before doing anything, the runner checks
//! that the database's applied list and the files agree: every applied
//! migration still has its file, unchanged (same checksum), and the
//! database is not past the newest file. Each step then runs atomically
//! through [`MigrationDatabase::run_step`], so a failing migration leaves the
//! database at the previous version and later ones are not attempted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::MigrationError;
use super::file::MigrationFile;
use crate::data_layer::migration::{AppliedMigration, Direction, MigrationDatabase, MigrationStep};

/// The migration files of one database, in version order.
#[derive(Debug, Clone)]
pub struct Migrations {
    dir: PathBuf,
    files: Vec<MigrationFile>,
}

impl Migrations {
    /// Every `*.sql` file in `dir` (none if the directory does not exist).
    /// A file that is not a migration, or two files with one version, is an error.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Migrations, MigrationError> {
        let dir = dir.as_ref();
        let mut texts = Vec::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Migrations { dir: dir.to_path_buf(), files: Vec::new() });
            }
            Err(error) => return Err(MigrationError::io(dir)(error)),
        };
        for entry in entries {
            let path = entry.map_err(MigrationError::io(dir))?.path();
            if path.extension().is_some_and(|extension| extension == "sql") {
                let text = std::fs::read_to_string(&path).map_err(MigrationError::io(&path))?;
                texts.push((path, text));
            }
        }
        Migrations::parse(dir, texts)
    }

    /// Migrations compiled into the program (`resource::embed_migrations!`):
    /// `(file name, text)` pairs; `dir` is where they came from, for messages.
    pub fn embedded(dir: impl AsRef<Path>, files: &[(&str, &str)]) -> Result<Migrations, MigrationError> {
        let dir = dir.as_ref();
        Migrations::parse(dir, files.iter().map(|(name, text)| (dir.join(name), text.to_string())).collect())
    }

    fn parse(dir: &Path, texts: Vec<(PathBuf, String)>) -> Result<Migrations, MigrationError> {
        let mut files =
            texts.iter().map(|(path, text)| MigrationFile::parse(path, text)).collect::<Result<Vec<_>, _>>()?;
        files.sort_by(|a, b| a.version.cmp(&b.version));
        if let Some(pair) = files.windows(2).find(|pair| pair[0].version == pair[1].version) {
            return Err(MigrationError::File {
                path: dir.join(pair[1].file_name()),
                message: format!("version {} is also used by {}", pair[1].version, pair[0].file_name()),
            });
        }
        Ok(Migrations { dir: dir.to_path_buf(), files })
    }

    /// The files, oldest first.
    pub fn files(&self) -> &[MigrationFile] {
        &self.files
    }

    /// The directory they were read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, file: &MigrationFile) -> PathBuf {
        self.dir.join(file.file_name())
    }

    fn find(&self, version: &str) -> Option<&MigrationFile> {
        self.files.iter().find(|file| file.version == version)
    }
}

/// How far `migrate` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateTo {
    /// Every pending migration.
    All,
    /// The next `n` pending migrations.
    Step(usize),
    /// Every pending migration up to and including this version.
    To(String),
}

/// How far `rollback` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RollbackTo {
    /// The last `n` applied migrations (the default is one).
    Step(usize),
    /// Every applied migration down to and including this version.
    To(String),
    /// Every applied migration.
    All,
}

/// What the runner is doing, for progress output.
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    /// About to run a migration.
    Running {
        /// The migration.
        file: &'a MigrationFile,
        /// Applying or reverting.
        direction: Direction,
    },
    /// It ran and committed.
    Done {
        /// The migration.
        file: &'a MigrationFile,
        /// Applying or reverting.
        direction: Direction,
        /// How long it took.
        elapsed: Duration,
    },
    /// Another process did it first (seen under the write lock).
    AlreadyDone {
        /// The migration.
        file: &'a MigrationFile,
    },
}

/// One line of `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    /// The migration's version.
    pub version: String,
    /// Its name (the file's, else the one recorded).
    pub name: String,
    /// Applied, pending, or at odds with its file.
    pub state: MigrationState,
}

/// A migration's state in a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationState {
    /// Applied, and its file is unchanged.
    Applied {
        /// When (UTC).
        at: String,
    },
    /// Not applied yet.
    Pending,
    /// Applied, but its file changed since.
    Changed,
    /// Applied, but there is no file for it.
    MissingFile,
}

/// Every migration, file or applied, in version order, with its state.
pub fn status(db: &dyn MigrationDatabase, migrations: &Migrations) -> Result<Vec<StatusEntry>, MigrationError> {
    let applied = applied(db)?;
    let mut entries: Vec<StatusEntry> = migrations
        .files
        .iter()
        .map(|file| {
            let state = match applied.iter().find(|row| row.version == file.version) {
                None => MigrationState::Pending,
                Some(row) if row.checksum != file.checksum => MigrationState::Changed,
                Some(row) => MigrationState::Applied { at: row.applied_at.clone() },
            };
            StatusEntry { version: file.version.clone(), name: file.name.clone(), state }
        })
        .collect();
    entries.extend(applied.iter().filter(|row| migrations.find(&row.version).is_none()).map(|row| StatusEntry {
        version: row.version.clone(),
        name: row.name.clone(),
        state: MigrationState::MissingFile,
    }));
    entries.sort_by(|a, b| a.version.cmp(&b.version));
    Ok(entries)
}

/// Applies pending migrations, oldest first, as far as `to` says; returns
/// the versions this call applied.
pub fn migrate(
    db: &dyn MigrationDatabase,
    migrations: &Migrations,
    to: &MigrateTo,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Vec<String>, MigrationError> {
    let applied = applied(db)?;
    verify(migrations, &applied)?;
    let pending: Vec<&MigrationFile> =
        migrations.files.iter().filter(|file| !applied.iter().any(|row| row.version == file.version)).collect();
    let selected: Vec<&MigrationFile> = match to {
        MigrateTo::All => pending,
        MigrateTo::Step(n) => pending.into_iter().take(*n).collect(),
        MigrateTo::To(version) => {
            if migrations.find(version).is_none() {
                return Err(unknown_version(migrations, version));
            }
            pending.into_iter().filter(|file| file.version <= *version).collect()
        }
    };
    run(db, migrations, &selected, Direction::Up, progress)
}

/// Reverts applied migrations, newest first, as far as `to` says; returns
/// the versions this call reverted. Asking for more than is applied is an
/// error and reverts nothing.
pub fn rollback(
    db: &dyn MigrationDatabase,
    migrations: &Migrations,
    to: &RollbackTo,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Vec<String>, MigrationError> {
    let applied = applied(db)?;
    verify(migrations, &applied)?;
    // `verify` found a file for every applied version.
    let newest_first: Vec<&MigrationFile> =
        applied.iter().rev().filter_map(|row| migrations.find(&row.version)).collect();
    let selected: Vec<&MigrationFile> = match to {
        RollbackTo::All => newest_first,
        RollbackTo::Step(n) if *n > newest_first.len() => {
            return Err(MigrationError::State {
                message: format!(
                    "cannot roll back {n} migration{}: {} applied{}",
                    if *n == 1 { "" } else { "s" },
                    match newest_first.len() {
                        0 => "none is".to_string(),
                        1 => "only 1 is".to_string(),
                        count => format!("only {count} are"),
                    },
                    newest_first.last().map(|first| format!(" (the first is {})", first.version)).unwrap_or_default()
                ),
            });
        }
        RollbackTo::Step(n) => newest_first.into_iter().take(*n).collect(),
        RollbackTo::To(version) => {
            if !newest_first.iter().any(|file| file.version == *version) {
                let known = migrations.find(version).is_some();
                return Err(MigrationError::State {
                    message: if known {
                        format!("cannot roll back to {version}: it is not applied")
                    } else {
                        format!("cannot roll back to {version}: {}", unknown_version(migrations, version))
                    },
                });
            }
            newest_first.into_iter().filter(|file| file.version >= *version).collect()
        }
    };
    run(db, migrations, &selected, Direction::Down, progress)
}

fn applied(db: &dyn MigrationDatabase) -> Result<Vec<AppliedMigration>, MigrationError> {
    db.applied_migrations().map_err(|source| MigrationError::Database { version: "-".to_string(), source })
}

fn unknown_version(migrations: &Migrations, version: &str) -> MigrationError {
    MigrationError::State { message: format!("no migration in {} has version {version}", migrations.dir.display()) }
}

/// The applied list and the files must agree before anything runs.
fn verify(migrations: &Migrations, applied: &[AppliedMigration]) -> Result<(), MigrationError> {
    let newest = migrations.files.last();
    for row in applied {
        match migrations.find(&row.version) {
            Some(file) if file.checksum != row.checksum => {
                return Err(MigrationError::State {
                    message: format!(
                        "migration {} was applied, but {} changed since (checksum {} when applied, {} now): \
                         restore the file, or put the change in a new migration",
                        row.version,
                        migrations.path(file).display(),
                        &row.checksum[..row.checksum.len().min(12)],
                        &file.checksum[..12],
                    ),
                });
            }
            Some(_) => {}
            None if newest.is_none_or(|newest| row.version > newest.version) => {
                return Err(MigrationError::State {
                    message: format!(
                        "the database is at migration {} ({}), newer than the newest file in {}{}: \
                         is this program older than the database?",
                        row.version,
                        row.name,
                        migrations.dir.display(),
                        newest.map(|newest| format!(" ({})", newest.file_name())).unwrap_or_default(),
                    ),
                });
            }
            None => {
                return Err(MigrationError::State {
                    message: format!(
                        "migration {} ({}) was applied, but its file is missing from {}",
                        row.version,
                        row.name,
                        migrations.dir.display()
                    ),
                });
            }
        }
    }
    Ok(())
}

fn run(
    db: &dyn MigrationDatabase,
    migrations: &Migrations,
    files: &[&MigrationFile],
    direction: Direction,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Vec<String>, MigrationError> {
    let mut done = Vec::new();
    for file in files {
        progress(&Progress::Running { file, direction });
        let started = Instant::now();
        let sql = match direction {
            Direction::Up => &file.up,
            Direction::Down => &file.down,
        };
        let step = MigrationStep { version: &file.version, name: &file.name, checksum: &file.checksum, sql, direction };
        let ran = db.run_step(&step).map_err(|source| MigrationError::Database {
            version: format!("{} ({})", file.version, migrations.path(file).display()),
            source,
        })?;
        if ran {
            progress(&Progress::Done { file, direction, elapsed: started.elapsed() });
            done.push(file.version.clone());
        } else {
            progress(&Progress::AlreadyDone { file });
        }
    }
    Ok(done)
}
